#pragma once
// The kinds of map the map job draws (see map_job.hpp), and everything that depends on
// the kind, in one table (map_kind.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace careatlas::app {

enum class MapKind { resource, coverage, gap, access, atlas, heatmap };

struct MapKindInfo {
  MapKind kind;
  std::string_view name;       // --kind, and the style's map kind ([[layer]] maps = [...])
  bool needs_analysis;         // draws results of the analysis (and so needs population cells)
  bool draws_numbers;          // prints the booklet's entry numbers on the facilities
  std::string_view file_stem;  // resource_map.pdf; coverage_map_<layer>.pdf for a kind drawn per layer
  bool always_pdf;             // whatever --format says (the atlas has a page per district)
};

// The table, in the order `careatlas map` writes the kinds.
const std::vector<MapKindInfo>& map_kind_table();
const MapKindInfo& map_kind_info(MapKind k);

std::string_view to_string(MapKind k);
std::optional<MapKind> map_kind_from_string(std::string_view name);
// Every kind, in the order `careatlas map` writes them.
const std::vector<MapKind>& all_map_kinds();
// Whether a kind draws results of the analysis (and so needs population cells).
bool needs_analysis(MapKind k);

// The kinds named (--kind values); throws config_error for a name that is none, e.g.
// unknown map kind "foo" (resource, coverage, gap, access, atlas, heatmap).
std::vector<MapKind> parse_map_kinds(const std::vector<std::string>& names);

}  // namespace careatlas::app
