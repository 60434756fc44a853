#pragma once
// The maps of the contact booklet: the overview and the map opening each district section.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "careatlas/app/booklet_plan.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/render/map.hpp"
#include "careatlas/style/style.hpp"

namespace careatlas::app::detail {

struct BookletMaps {
  std::vector<const District*> districts;            // of the analysis level
  std::vector<geometry::PlanarMultiPolygon> planar;  // parallel to districts, in the analysis CRS
  std::optional<geometry::Projection> proj;          // none: the registry has no districts, so no maps
  // Page, kind "booklet", 出典 lines (the registry's, then the context layers' the style
  // draws on the booklet's maps) and the data: context layers, districts, then every
  // listed facility with its entry number. Without districts only the 出典 lines.
  render::MapSheet base;
};

// The districts of the analysis level in the analysis CRS, and the context layers where
// they are; `listed`: the listed facilities (pointers into reg.facilities).
BookletMaps booklet_maps(const Registry& reg, const project::ProjectConfig& project, const style::Style& st,
                         const BookletPlan& plan, const std::vector<const Facility*>& listed, unsigned threads);

// The districts and every listed facility with a location, also those outside every
// district. `edition`: "　2026年4月1日現在" or "", after the subtitle.
render::MapSheet overview_map(const BookletMaps& maps, const std::string& edition);

// The map of maps.districts[d], opening `section`: its district zoomed, and what the frame
// shows around it.
render::MapSheet district_map(const BookletMaps& maps, std::size_t d, const PlanSection& section,
                              const std::string& edition);

}  // namespace careatlas::app::detail
