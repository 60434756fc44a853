#include "careatlas/app/road_travel.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "careatlas/model/config_error.hpp"
#include "careatlas/routing/road_graph.hpp"

namespace careatlas::app {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool has_road_layers(const BuiltInput& built) {
  return std::any_of(built.input.layers.begin(), built.input.layers.end(),
                     [](const geometry::AnalysisLayer& l) { return l.travel_minutes > 0; });
}

// The anchors of the graph: every cell (anchor i = cell i), then the providers of the
// drive-time layers, layer after layer; first[l] is layer l's first provider anchor.
struct Anchors {
  std::vector<geometry::XY> at;
  std::vector<std::size_t> first;
};

Anchors anchors_of(const BuiltInput& built) {
  Anchors a;
  for (const auto& c : built.input.cells) a.at.push_back(c.centre);
  for (const geometry::AnalysisLayer& l : built.input.layers) {
    a.first.push_back(a.at.size());
    if (l.travel_minutes > 0)
      for (const auto& p : l.providers) a.at.push_back(p.at);
  }
  return a;
}

// The search of layer l, cut at its minutes (and at the E2SFCA catchment for the road
// access layer), as the analysis reads it.
std::shared_ptr<const geometry::TravelReach> search_layer(const routing::RoadGraph& graph, const Anchors& anchors,
                                                          const BuiltInput& built, std::size_t l,
                                                          const RoadTravelOptions& opt, RoadTravelReport& rep) {
  const geometry::AnalysisLayer& layer = built.input.layers[l];
  std::vector<std::uint32_t> sources(layer.providers.size()), targets(built.input.cells.size());
  for (std::size_t j = 0; j < sources.size(); ++j) sources[j] = static_cast<std::uint32_t>(anchors.first[l] + j);
  for (std::size_t i = 0; i < targets.size(); ++i) targets[i] = static_cast<std::uint32_t>(i);
  const double cut = l == opt.road_access_layer ? std::max(layer.travel_minutes, opt.e2sfca_d0_minutes)
                                                : layer.travel_minutes;
  routing::SearchStats stats;
  routing::TravelTable table = routing::travel_times(graph, sources, targets, cut, opt.threads, &stats);
  rep.searches += stats.searches;
  rep.settled += stats.settled;
  auto reach = std::make_shared<geometry::TravelReach>();
  reach->offsets = std::move(table.offsets);
  reach->cell = std::move(table.target);  // targets are the cells, in order
  reach->minutes = std::move(table.minutes);
  return reach;
}

}  // namespace

RoadTravelReport attach_road_travel(BuiltInput& built, const Registry& reg, const geometry::Projection& proj,
                                    const RoadTravelOptions& opt) {
  RoadTravelReport rep;
  rep.providers_off.resize(built.input.layers.size());
  if (!has_road_layers(built)) return rep;
  if (reg.roads.empty())
    throw config_error("drive-time layers need a road network, and the registry has none: import [network] first");
  rep.source = std::filesystem::path(reg.roads.source_file).filename().string() +
               (reg.roads.edition.empty() ? "" : " (" + reg.roads.edition + ")");
  auto t0 = std::chrono::steady_clock::now();
  std::vector<geometry::XY> points(reg.roads.points.size());
  proj.forward(reg.roads.points.data(), points.data(), points.size(), opt.threads);
  const Anchors anchors = anchors_of(built);
  const routing::RoadGraph graph(reg.roads, points, opt.speeds, anchors.at, opt.threads);
  rep.graph_seconds = seconds_since(t0);
  rep.graph_nodes = graph.stats().nodes;
  rep.graph_edges = graph.stats().edges;
  rep.segments = graph.stats().segments;
  rep.components = graph.stats().components;
  rep.cells = built.input.cells.size();
  for (std::size_t i = 0; i < built.input.cells.size(); ++i)
    if (!graph.snaps()[i].on_network) {
      ++rep.cells_off;
      rep.pop65_off += built.input.cells[i].pop65;
    }
  t0 = std::chrono::steady_clock::now();
  for (std::size_t l = 0; l < built.input.layers.size(); ++l) {
    geometry::AnalysisLayer& layer = built.input.layers[l];
    if (!(layer.travel_minutes > 0)) continue;
    for (std::size_t j = 0; j < layer.providers.size(); ++j)
      if (!graph.snaps()[anchors.first[l] + j].on_network) rep.providers_off[l].push_back(built.providers[l][j]);
    built.travel[l] = search_layer(graph, anchors, built, l, opt, rep);
    layer.travel = built.travel[l].get();
  }
  rep.search_seconds = seconds_since(t0);
  return rep;
}

}  // namespace careatlas::app
