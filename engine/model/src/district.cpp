#include "careatlas/model/district.hpp"

namespace careatlas {

std::string_view to_string(DistrictLevel l) {
  switch (l) {
    case DistrictLevel::municipality: return "municipality";
    case DistrictLevel::daily_life_area: return "daily_life_area";
    case DistrictLevel::other: return "other";
  }
  return "other";
}

std::optional<DistrictLevel> district_level_from_string(std::string_view s) {
  if (s == "municipality") return DistrictLevel::municipality;
  if (s == "daily_life_area") return DistrictLevel::daily_life_area;
  if (s == "other") return DistrictLevel::other;
  return std::nullopt;
}

}  // namespace careatlas
