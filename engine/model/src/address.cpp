#include "careatlas/model/address.hpp"

#include <cmath>

namespace careatlas {

namespace {

struct LevelInfo {
  AddressLevel level;
  std::string_view name, ja;
  LocationSource source;
};
// The one table of address levels.
constexpr LevelInfo kLevels[] = {
    {AddressLevel::block, "block", "街区", LocationSource::address_block},
    {AddressLevel::chome, "chome", "町丁目", LocationSource::address_town},
    {AddressLevel::oaza, "oaza", "大字", LocationSource::address_town},
    {AddressLevel::municipality, "municipality", "市区町村", LocationSource::address_municipality},
};

struct SourceInfo {
  LocationSource source;
  std::string_view name;
};
constexpr SourceInfo kSources[] = {
    {LocationSource::none, ""},
    {LocationSource::published, "published"},
    {LocationSource::address_block, "address:block"},
    {LocationSource::address_town, "address:town"},
    {LocationSource::address_municipality, "address:municipality"},
};

}  // namespace

std::string_view to_string(AddressLevel l) { return kLevels[static_cast<std::size_t>(l)].name; }
std::string_view japanese_label(AddressLevel l) { return kLevels[static_cast<std::size_t>(l)].ja; }
std::optional<AddressLevel> address_level_from_string(std::string_view s) {
  for (const LevelInfo& i : kLevels)
    if (s == i.name || s == i.ja) return i.level;
  return std::nullopt;
}
LocationSource location_source_of(AddressLevel l) { return kLevels[static_cast<std::size_t>(l)].source; }

std::string_view to_string(LocationSource s) { return kSources[static_cast<std::size_t>(s)].name; }
std::optional<LocationSource> location_source_from_string(std::string_view s) {
  for (const SourceInfo& i : kSources)
    if (s == i.name) return i.source;
  return std::nullopt;
}

std::string describe_levels(const std::array<std::int64_t, kAddressLevels>& by_level) {
  std::string by;
  for (const LevelInfo& i : kLevels)
    if (const auto n = by_level[static_cast<std::size_t>(i.level)]; n > 0)
      by += (by.empty() ? "" : ", ") + std::string(i.ja) + " " + std::to_string(n);
  return by;
}

std::string describe(const LocationCounts& c) {
  const std::string by = describe_levels(c.by_address);
  std::string s = std::to_string(c.published) + " at their published point, " + std::to_string(c.located_by_address()) +
                  " from their address" + (by.empty() ? "" : " (" + by + ")") + ", " + std::to_string(c.unlocated) +
                  " unlocated; " + std::to_string(c.checked) + " checked against their address, " +
                  std::to_string(c.suspect) + " suspect";
  if (c.replaced > 0) s += " (" + std::to_string(c.replaced) + " replaced by the address's point)";
  return s;
}

double ground_distance_m(LonLat a, LonLat b) {
  constexpr double kA = 6378137.0;             // GRS80 semi-major axis
  constexpr double kE2 = 0.00669438002290;     // first eccentricity squared
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double phi = (a.lat + b.lat) / 2 * kRad;
  const double w = std::sqrt(1 - kE2 * std::sin(phi) * std::sin(phi));
  const double meridian = kA * (1 - kE2) / (w * w * w);  // M
  const double prime = kA / w;                            // N
  const double dy = (b.lat - a.lat) * kRad * meridian;
  const double dx = (b.lon - a.lon) * kRad * prime * std::cos(phi);
  return std::hypot(dx, dy);
}

}  // namespace careatlas
