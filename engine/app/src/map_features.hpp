#pragma once
// Registry and analysis → the renderer's planar features, one function per style source.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/geometry/project_area.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/render/map.hpp"

namespace careatlas::app::detail {

// Districts with id, name, level and — when `metrics` has them — the analysis metrics.
render::SourceData district_features(const std::vector<const District*>& districts,
                                     const std::vector<geometry::PlanarMultiPolygon>& shapes,
                                     const std::map<std::string, const DistrictMetrics*>& metrics);

// Located facilities (all, or only `only` — pointers into reg.facilities — when given),
// with their id and numbered by `numbers` (facility_numbers(reg, project): the booklet's
// entry numbers; 0 = not in the booklet, no "number" attribute: drawn unnumbered).
// The municipalities around a project area (municipality-level districts not in it),
// projected, with in_focus = false: the style greys them around the area's own districts.
render::SourceData neighbour_features(const Registry& reg, const geometry::ProjectArea& area,
                                      const geometry::Projection& proj, unsigned threads);

render::SourceData facility_features(const Registry& reg, const std::vector<int>& numbers,
                                     const geometry::Projection& proj, const std::vector<const Facility*>* only = nullptr);

// The covered part of each district for one provider layer.
render::SourceData coverage_features(const AnalysisMapData& md, std::size_t layer);

// The base year's 500 m cells as squares (their mesh bounds, projected) with 65+,
// accessibility and the number of providers within d0.
render::SourceData cell_features(const AnalysisMapData& md, const geometry::Projection& proj, unsigned threads);

// The populated cells of the base year with "reach" for a drive-time view `layer`: road
// (reached within its minutes), straight_only (within the radius of its straight-line
// view `straight`, beyond the minutes), none.
render::SourceData reach_features(const AnalysisMapData& md, std::size_t layer, std::optional<std::size_t> straight,
                                  const geometry::Projection& proj, unsigned threads);

// The road network as lines with highway (class), name and oneway; only the ways with a
// vertex inside `keep` (all when it is empty).
render::SourceData road_features(const RoadNetwork& net, const geometry::Projection& proj, const render::MapExtent& keep,
                                 unsigned threads);

// The bounding box of a polygon, grown on every side by `grow` × its longer side.
render::MapExtent bounds_of(const geometry::PlanarMultiPolygon& mp, double grow);

// The bounding box of a feature's shape (a point's is that point).
render::MapExtent feature_extent(const render::Feature& f);

// The bounding box of all the shapes (empty when there are none).
render::MapExtent bounds_of_all(const std::vector<geometry::PlanarMultiPolygon>& shapes);

// Where context features are kept: the bounds of every district shape grown by 10 % of
// their longer side (a prefecture's railways on a town's map would only cost time). Empty
// when there are no shapes.
render::MapExtent context_area(const std::vector<geometry::PlanarMultiPolygon>& shapes);

// The registry's 出典 lines, each once, in the order of its sources.
std::vector<std::string> registry_sources(const Registry& reg);

}  // namespace careatlas::app::detail
