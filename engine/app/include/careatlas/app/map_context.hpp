#pragma once
// Context layers for maps (roads, railways, rivers …): the project's [[context]] entries,
// read through the importers and projected to the map's CRS as render::SourceData.
// (Owned by the context-layer work package; see map_context.cpp.)
#include <string>
#include <vector>

#include "careatlas/geometry/projection.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/render/map.hpp"

namespace careatlas::app {

struct MapContext {
  std::vector<render::SourceData> sources;  // one per [[context]] entry, source = context
  std::vector<std::string> attributions;    // 出典 lines of the context layers
};

MapContext read_map_context(const project::ProjectConfig& project, const geometry::Projection& proj);

}  // namespace careatlas::app
