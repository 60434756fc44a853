#pragma once
// Drive-time reach for the analysis: the registry's road network (OpenStreetMap) as a
// routable graph with the population cells and the drive-time providers attached, and one
// bounded search per provider (routing::travel_times) — the TravelReach that each
// drive-time layer of the analysis input reads (geometry::AnalysisLayer::travel).
//
// Neither the graph nor the searches depend on the population: RoadTravel attaches the
// cells of every year of the registry at once (by mesh code) and searches once, and each
// analysed year takes its own cells' part (attach).
#include <cstddef>
#include <cstdint>
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

// What the road analysis found for one year's cells, for the report.
struct RoadTravelReport {
  std::string source;  // "<file> (<edition>)" of the network
  std::size_t graph_nodes = 0, graph_edges = 0, segments = 0, components = 0;
  std::size_t cells = 0, cells_off = 0;          // populated cells, and those off the network
  double pop65_off = 0;                          // 65+ living in cells off the network
  std::vector<std::vector<const Facility*>> providers_off;  // per analysis layer (empty: straight-line)
  std::size_t searches = 0, settled = 0;
  double graph_seconds = 0, search_seconds = 0;
};

class RoadTravel {
 public:
  // Builds the graph and runs the searches of every drive-time layer of `built` (layers
  // with travel_minutes > 0; nothing without them). Throws config_error when there are
  // drive-time layers but the registry has no road network.
  RoadTravel(const Registry& reg, const geometry::Projection& proj, const BuiltInput& built,
             const RoadTravelOptions& opt);
  ~RoadTravel();

  bool empty() const { return layers_.empty(); }
  // Sets AnalysisLayer::travel of every drive-time layer of `built` for the cells it holds
  // now (after set_population_year), and reports on those cells.
  RoadTravelReport attach(BuiltInput& built) const;

 private:
  struct Layer;
  std::vector<std::uint64_t> codes_;  // the cells searched to, by mesh code (ascending)
  std::vector<std::uint8_t> on_;      // per code: the cell's centre joins the network
  std::vector<Layer> layers_;         // per analysis layer; empty when no layer is by road
  RoadTravelReport base_;             // graph figures, providers off the network
};

}  // namespace careatlas::app
