// The attributes each layer source offers, with the type of their values: the one list
// that the style loader checks filters, labels and classes against and that the
// renderer must supply.
#include <span>

#include "careatlas/style/style.hpp"

namespace careatlas::style {

namespace {

struct Attribute {
  std::string_view name;
  AttributeType type;
};

using enum AttributeType;

constexpr Attribute kDistricts[] = {
    {"id", text},
    {"name", text},
    {"level", text},
    {"pop65", number},
    {"uncovered_share", number},
    {"night_gap_hours", number},
    {"weekend_gap_hours", number},
    {"holiday_gap_hours", number},
    {"fragile_share", number},
    {"accessibility", number},
    {"rank", number},
    // Atlas pages: whether this is the district the page is about (false on the
    // neighbours around it; absent on other maps).
    {"in_focus", boolean},
};
constexpr Attribute kFacilities[] = {
    {"kind", text},          {"name", text},           {"number", number},
    {"home_visit", boolean}, {"support_24h", boolean}, {"municipality_code", text},
    {"location", text},  // published | address (placed by careatlas from its address)
};
constexpr Attribute kCoverage[] = {{"layer", text}, {"label", text}, {"radius_m", number}, {"district_id", text}};
// reach (drive-time coverage maps): "road" = reached by road within the layer's minutes,
// "straight_only" = within the straight-line radius but beyond the minutes, "none".
constexpr Attribute kCells[] = {
    {"accessibility", number}, {"pop65", number}, {"n_providers", number}, {"reach", text}};
// The road network (OpenStreetMap), drawn under drive-time coverage.
constexpr Attribute kRoads[] = {{"highway", text}, {"name", text}, {"oneway", boolean}};

std::span<const Attribute> table_of(Source s) {
  switch (s) {
    case Source::districts:
      return kDistricts;
    case Source::facilities:
      return kFacilities;
    case Source::coverage:
      return kCoverage;
    case Source::cells:
      return kCells;
    case Source::roads:
      return kRoads;
    case Source::context:
      break;
  }
  return {};
}

std::vector<std::string_view> names_of(Source s) {
  std::vector<std::string_view> v;
  for (const auto& a : table_of(s)) v.push_back(a.name);
  return v;
}

}  // namespace

const std::vector<std::string_view>& attributes_of(Source s) {
  static const std::vector<std::string_view> districts = names_of(Source::districts);
  static const std::vector<std::string_view> facilities = names_of(Source::facilities);
  static const std::vector<std::string_view> coverage = names_of(Source::coverage);
  static const std::vector<std::string_view> cells = names_of(Source::cells);
  static const std::vector<std::string_view> roads = names_of(Source::roads);
  static const std::vector<std::string_view> any;  // context: any attribute, not checked
  switch (s) {
    case Source::districts:
      return districts;
    case Source::facilities:
      return facilities;
    case Source::coverage:
      return coverage;
    case Source::cells:
      return cells;
    case Source::roads:
      return roads;
    case Source::context:
      break;
  }
  return any;
}

std::optional<AttributeType> attribute_type(Source s, std::string_view attribute) {
  if (s == Source::context) return AttributeType::any;
  for (const auto& a : table_of(s))
    if (a.name == attribute) return a.type;
  return std::nullopt;
}

}  // namespace careatlas::style
