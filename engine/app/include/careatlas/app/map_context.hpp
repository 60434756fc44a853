#pragma once
// Context layers for maps (roads, railways, rivers …): the project's [[context]] entries,
// read through the importers (context_reader.hpp) and projected to the map's CRS as
// render::SourceData with source = style::Source::context. They are read from their files
// at map time and never enter the registry: they are drawn, not analysed.
//
// Each render::Feature is a render::Lines (LineString parts) or a PlanarMultiPolygon
// (polygon parts; a feature with both gives one of each), with the attribute "label"
// (text) when the layer has a label field and the feature a value in it.
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/geometry/projection.hpp"
#include "careatlas/model/diagnostic.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/render/map.hpp"
#include "careatlas/style/style.hpp"

namespace careatlas::app {

struct MapContext {
  // One per context name, in [[context]] order; entries sharing a name are merged (e.g.
  // rivers from two files), so the style's layer for that name draws all of them.
  std::vector<render::SourceData> sources;
  // Parallel to sources: the 出典 lines of the entries that gave the source a feature.
  std::vector<std::vector<std::string>> source_attributions;
  // Every 出典 line of sources, once each, in order.
  std::vector<std::string> attributions;
  std::vector<FileReport> reports;       // one per [[context]] entry: read = drawn + skipped
  std::vector<Diagnostic> diagnostics;   // every skipped feature, with its reason
  std::size_t outside_area = 0;          // features left out by the `area` of read_map_context
};

// Reads every [[context]] entry of the project. When `area` (map metres) is not empty,
// features whose bounding box misses it are left out (a prefecture-wide N02 file on a town
// map) and counted in outside_area. Throws import_error naming the file when one cannot be
// read, config_error for a `where` filter OGR rejects.
MapContext read_map_context(const project::ProjectConfig& project, const geometry::Projection& proj,
                            const render::MapExtent& area = {});

// The 出典 lines of the context sources that `style` draws on a map of `kind` (a layer
// with source = context, that context name, and `kind` in its maps): what a sheet of that
// kind must print.
std::vector<std::string> attributions_drawn(const MapContext& context, const style::Style& style,
                                            std::string_view kind);

}  // namespace careatlas::app
