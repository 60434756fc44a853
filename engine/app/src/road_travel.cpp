#include "careatlas/app/road_travel.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "careatlas/model/config_error.hpp"
#include "careatlas/routing/road_graph.hpp"

namespace careatlas::app {

// One analysis layer's searches, to every cell of codes_ (table target = index into codes_).
struct RoadTravel::Layer {
  bool by_road = false;
  routing::TravelTable table;
};

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Every cell of the registry, each mesh code once, ascending (the order of every year's
// cells in BuiltInput).
std::vector<std::uint64_t> cell_codes(const Registry& reg) {
  std::vector<std::uint64_t> codes;
  codes.reserve(reg.population.size());
  for (const PopulationCell& c : reg.population) codes.push_back(c.mesh_code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

// The anchors of the graph: every cell (anchor i = codes[i]), then the providers of the
// drive-time layers, layer after layer; first[l] is layer l's first provider anchor.
struct Anchors {
  std::vector<geometry::XY> at;
  std::vector<std::size_t> first;
};

Anchors anchors_of(const std::vector<std::uint64_t>& codes, const BuiltInput& built,
                   const geometry::Projection& proj, unsigned threads) {
  std::vector<LonLat> centres(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) centres[i] = cell_centre(codes[i]);
  Anchors a;
  a.at.resize(codes.size());
  proj.forward(centres.data(), a.at.data(), centres.size(), threads);
  for (const geometry::AnalysisLayer& l : built.input.layers) {
    a.first.push_back(a.at.size());
    if (l.travel_minutes > 0)
      for (const auto& p : l.providers) a.at.push_back(p.at);
  }
  return a;
}

}  // namespace

RoadTravel::RoadTravel(const Registry& reg, const geometry::Projection& proj, const BuiltInput& built,
                       const RoadTravelOptions& opt) {
  const auto& layers = built.input.layers;
  if (std::none_of(layers.begin(), layers.end(), [](const auto& l) { return l.travel_minutes > 0; })) return;
  if (reg.roads.empty())
    throw config_error("drive-time layers need a road network, and the registry has none: import [network] first");
  base_.source = std::filesystem::path(reg.roads.source_file).filename().string() +
                 (reg.roads.edition.empty() ? "" : " (" + reg.roads.edition + ")");
  auto t0 = std::chrono::steady_clock::now();
  std::vector<geometry::XY> points(reg.roads.points.size());
  proj.forward(reg.roads.points.data(), points.data(), points.size(), opt.threads);
  codes_ = cell_codes(reg);
  const Anchors anchors = anchors_of(codes_, built, proj, opt.threads);
  const routing::RoadGraph graph(reg.roads, points, opt.speeds, anchors.at, opt.threads);
  base_.graph_seconds = seconds_since(t0);
  base_.graph_nodes = graph.stats().nodes;
  base_.graph_edges = graph.stats().edges;
  base_.segments = graph.stats().segments;
  base_.components = graph.stats().components;
  on_.resize(codes_.size());
  for (std::size_t i = 0; i < codes_.size(); ++i) on_[i] = graph.snaps()[i].on_network ? 1 : 0;

  t0 = std::chrono::steady_clock::now();
  std::vector<std::uint32_t> targets(codes_.size());
  for (std::size_t i = 0; i < targets.size(); ++i) targets[i] = static_cast<std::uint32_t>(i);
  layers_.resize(layers.size());
  base_.providers_off.resize(layers.size());
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const geometry::AnalysisLayer& layer = layers[l];
    if (!(layer.travel_minutes > 0)) continue;
    std::vector<std::uint32_t> sources(layer.providers.size());
    for (std::size_t j = 0; j < sources.size(); ++j) {
      sources[j] = static_cast<std::uint32_t>(anchors.first[l] + j);
      if (!graph.snaps()[sources[j]].on_network) base_.providers_off[l].push_back(built.providers[l][j]);
    }
    const double cut = l == opt.road_access_layer ? std::max(layer.travel_minutes, opt.e2sfca_d0_minutes)
                                                  : layer.travel_minutes;
    routing::SearchStats stats;
    layers_[l].by_road = true;
    layers_[l].table = routing::travel_times(graph, sources, targets, cut, opt.threads, &stats);
    base_.searches += stats.searches;
    base_.settled += stats.settled;
  }
  base_.search_seconds = seconds_since(t0);
}

RoadTravel::~RoadTravel() = default;

RoadTravelReport RoadTravel::attach(BuiltInput& built) const {
  RoadTravelReport rep = base_;
  rep.providers_off.resize(built.input.layers.size());
  if (empty()) return rep;
  // Position in codes_ of each searched cell that the year has (−1: not this year's).
  const auto& cells = built.input.cells;
  std::vector<std::int64_t> year_cell(codes_.size(), -1);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto at = std::lower_bound(codes_.begin(), codes_.end(), cells[i].mesh_code);
    const std::size_t u = static_cast<std::size_t>(at - codes_.begin());
    year_cell[u] = static_cast<std::int64_t>(i);
    if (!on_[u]) {
      ++rep.cells_off;
      rep.pop65_off += cells[i].pop65;
    }
  }
  rep.cells = cells.size();
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    if (!layers_[l].by_road) continue;
    // Both orders are by mesh code, so each provider's cells stay ascending.
    const routing::TravelTable& t = layers_[l].table;
    auto reach = std::make_shared<geometry::TravelReach>();
    reach->offsets.push_back(0);
    for (std::size_t j = 0; j + 1 < t.offsets.size(); ++j) {
      for (std::size_t e = t.offsets[j]; e < t.offsets[j + 1]; ++e)
        if (const std::int64_t i = year_cell[t.target[e]]; i >= 0) {
          reach->cell.push_back(static_cast<std::uint32_t>(i));
          reach->minutes.push_back(t.minutes[e]);
        }
      reach->offsets.push_back(reach->cell.size());
    }
    built.travel[l] = std::move(reach);
    built.input.layers[l].travel = built.travel[l].get();
  }
  return rep;
}

}  // namespace careatlas::app
