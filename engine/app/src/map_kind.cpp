#include "careatlas/app/map_kind.hpp"

#include <algorithm>

#include "careatlas/model/config_error.hpp"

namespace careatlas::app {

const std::vector<MapKindInfo>& map_kind_table() {
  static const std::vector<MapKindInfo> t = {
      // kind            name        analysis  numbers  file stem         always PDF
      {MapKind::resource, "resource", false,    true,    "resource_map",   false},
      {MapKind::coverage, "coverage", true,     true,    "coverage_map",   false},
      {MapKind::gap,      "gap",      true,     false,   "gap_map",        false},
      {MapKind::access,   "access",   true,     false,   "access_map",     false},
      {MapKind::atlas,    "atlas",    false,    true,    "district_atlas", true},
      {MapKind::heatmap,  "heatmap",  true,     false,   "heatmap",        false},
  };
  return t;
}

const MapKindInfo& map_kind_info(MapKind k) {
  const auto& t = map_kind_table();
  return *std::find_if(t.begin(), t.end(), [k](const MapKindInfo& i) { return i.kind == k; });
}

std::string_view to_string(MapKind k) { return map_kind_info(k).name; }

std::optional<MapKind> map_kind_from_string(std::string_view name) {
  for (const MapKindInfo& i : map_kind_table())
    if (i.name == name) return i.kind;
  return std::nullopt;
}

const std::vector<MapKind>& all_map_kinds() {
  static const std::vector<MapKind> kinds = [] {
    std::vector<MapKind> v;
    for (const MapKindInfo& i : map_kind_table()) v.push_back(i.kind);
    return v;
  }();
  return kinds;
}

bool needs_analysis(MapKind k) { return map_kind_info(k).needs_analysis; }

std::vector<MapKind> parse_map_kinds(const std::vector<std::string>& names) {
  std::vector<MapKind> kinds;
  for (const std::string& n : names) {
    const std::optional<MapKind> k = map_kind_from_string(n);
    if (!k) {
      std::string all;
      for (const MapKindInfo& i : map_kind_table()) all += (all.empty() ? "" : ", ") + std::string(i.name);
      throw config_error("unknown map kind \"" + n + "\" (" + all + ")");
    }
    kinds.push_back(*k);
  }
  return kinds;
}

}  // namespace careatlas::app
