#pragma once
// Drive-time reach for the analysis: the registry's road network (OpenStreetMap) as a
// routable graph with the analysis's cells and drive-time providers attached, and one
// bounded search per provider (routing::travel_times) — the TravelReach that each
// drive-time layer of the analysis input reads (geometry::AnalysisLayer::travel).
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/model/road_network.hpp"

namespace careatlas::app {

struct RoadTravelOptions {
  RoadSpeeds speeds = RoadSpeeds::defaults();
  // The drive-time layer whose search also reaches the E2SFCA catchment (cut at
  // max(travel_minutes, e2sfca_d0_minutes)). DEFAULT none
  std::size_t road_access_layer = static_cast<std::size_t>(-1);
  double e2sfca_d0_minutes = 30;
  unsigned threads = 0;
};

// What the road analysis found, for the report.
struct RoadTravelReport {
  std::string source;  // "<file> (<edition>)" of the network, © OpenStreetMap contributors
  std::size_t graph_nodes = 0, graph_edges = 0, segments = 0, components = 0;
  std::size_t cells = 0, cells_off = 0;          // populated cells, and those off the network
  double pop65_off = 0;                          // 65+ living in cells off the network
  std::vector<std::vector<const Facility*>> providers_off;  // per analysis layer (empty: straight-line)
  std::size_t searches = 0, settled = 0;
  double graph_seconds = 0, search_seconds = 0;
};

// Sets AnalysisLayer::travel of every drive-time layer of `built` (travel_minutes > 0),
// for the cells built holds now (call it again after set_population_year). Nothing to do
// without such layers. Throws config_error when there are drive-time layers but the
// registry has no road network.
RoadTravelReport attach_road_travel(BuiltInput& built, const Registry& reg, const geometry::Projection& proj,
                                    const RoadTravelOptions& opt);

}  // namespace careatlas::app
