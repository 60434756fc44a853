// RoadGraph: the graph build (docs/routing.md), a pipeline of plain steps:
//  1. routable segments and their pieces (segments.cpp);
//  2. anchors snapped to segments through a uniform grid, parallel over anchors (snap.cpp);
//  3. segments split at the snap points, anchor nodes and off-road legs (split.cpp);
//  4. parallel edges and self-loops dropped, degree-2 chains compressed (compress.cpp);
//  5. the kept nodes renumbered along a Hilbert curve of their position (ties by old id),
//     each node's edges sorted by head: the CSR the searches run on.
// Every step is deterministic and independent of the thread count.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "careatlas/routing/road_graph.hpp"
#include "csr.hpp"
#include "split.hpp"

namespace careatlas::routing {

using geometry::XY;

namespace {

// Index of (x, y) along the Hilbert curve of a 2^16 × 2^16 grid.
std::uint32_t hilbert(std::uint32_t x, std::uint32_t y) {
  std::uint32_t d = 0;
  for (std::uint32_t s = 1u << 15; s > 0; s >>= 1) {
    const std::uint32_t rx = (x & s) ? 1 : 0, ry = (y & s) ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) x = s - 1 - x, y = s - 1 - y;
      std::swap(x, y);
    }
  }
  return d;
}

// New id of every kept node: sorted by the Hilbert key of its position, ties by index.
std::vector<std::uint32_t> hilbert_order(const std::vector<XY>& at) {
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (const XY p : at) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  const double scale = 65535.0 / std::max({x1 - x0, y1 - y0, 1.0});
  std::vector<std::uint64_t> key(at.size());
  for (std::size_t k = 0; k < at.size(); ++k) {
    const auto qx = static_cast<std::uint32_t>((at[k].x - x0) * scale), qy = static_cast<std::uint32_t>((at[k].y - y0) * scale);
    key[k] = std::uint64_t{hilbert(qx, qy)} << 32 | k;
  }
  std::sort(key.begin(), key.end());
  std::vector<std::uint32_t> new_id(at.size());
  for (std::size_t r = 0; r < key.size(); ++r) new_id[key[r] & 0xffffffffu] = static_cast<std::uint32_t>(r);
  return new_id;
}

void check_inputs(const RoadNetwork& net, const std::vector<XY>& points, const RoadSpeeds& speeds) {
  if (points.size() != net.points.size()) throw std::invalid_argument("RoadGraph: points must parallel net.points");
  if (net.points.size() >= std::numeric_limits<std::uint32_t>::max() / 2)
    throw std::invalid_argument("RoadGraph: too many points");
  for (const auto& w : net.ways)
    if (std::size_t{w.first} + w.count > net.way_nodes.size()) throw std::invalid_argument("RoadGraph: way out of range");
  for (const std::uint32_t p : net.way_nodes)
    if (p >= points.size()) throw std::invalid_argument("RoadGraph: way node out of range");
  if (!(speeds.offroad_kmh > 0)) throw std::invalid_argument("RoadGraph: offroad_kmh must be > 0");
}

}  // namespace

struct GraphBuilder {
  static void build(RoadGraph& g, const RoadNetwork& net, const std::vector<XY>& points, const RoadSpeeds& speeds,
                    const std::vector<XY>& anchors, unsigned threads);
};

void GraphBuilder::build(RoadGraph& g, const RoadNetwork& net, const std::vector<XY>& points,
                         const RoadSpeeds& speeds, const std::vector<XY>& anchors, unsigned threads) {
  check_inputs(net, points, speeds);
  const detail::Segments segs = detail::collect_segments(net, speeds);
  const std::vector<detail::AnchorSnap> snaps = detail::snap_anchors(segs, points, anchors, speeds.snap_max_m, threads);
  GraphStats& st = g.stats_;
  st.ways_used = segs.ways_used, st.segments = segs.size();
  st.components = segs.components, st.small_components = segs.small_components;
  g.snaps_.resize(anchors.size());
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    const detail::AnchorSnap& s = snaps[i];
    if (s.segment == detail::kNoSegment) {
      ++st.anchors_off;
      continue;
    }
    ++st.anchors_on;
    const std::uint32_t w = segs.way[s.segment];
    g.snaps_[i] = Snap{true, s.distance, s.at, net.ways[w].osm_id, w};
  }

  detail::SplitGraph sg = detail::split_graph(segs, points, snaps, speeds.offroad_kmh);
  st.split_nodes = sg.split_at.size();
  detail::simplify_rows(sg.graph);
  detail::Compressed c = detail::compress_degree2(sg.graph, sg.pinned);
  sg.graph = detail::Csr{};
  st.compressed = c.removed;

  std::vector<XY> at(c.kept.size());
  for (std::size_t k = 0; k < c.kept.size(); ++k) at[k] = sg.position(c.kept[k], points);
  const std::vector<std::uint32_t> new_id = hilbert_order(at);
  std::vector<std::uint32_t> old_of(new_id.size());
  for (std::size_t k = 0; k < new_id.size(); ++k) old_of[new_id[k]] = static_cast<std::uint32_t>(k);

  const detail::Csr& cg = c.graph;
  g.first_.assign(cg.nodes() + 1, 0);
  g.head_.resize(cg.head.size());
  g.minutes_.resize(cg.head.size());
  std::vector<std::pair<std::uint32_t, double>> row;
  for (std::uint32_t u = 0; u < cg.nodes(); ++u) {
    const std::uint32_t k = old_of[u];
    row.clear();
    for (std::uint32_t e = cg.first[k]; e < cg.first[k + 1]; ++e) row.emplace_back(new_id[cg.head[e]], cg.minutes[e]);
    std::sort(row.begin(), row.end());
    std::uint32_t e = g.first_[u];
    for (const auto& [v, m] : row) g.head_[e] = v, g.minutes_[e] = m, ++e;
    g.first_[u + 1] = e;
  }
  st.nodes = g.node_count(), st.edges = g.edge_count();

  std::vector<std::uint32_t> kept_index(sg.pinned.size(), detail::kNoNode);
  for (std::size_t k = 0; k < c.kept.size(); ++k) kept_index[c.kept[k]] = static_cast<std::uint32_t>(k);
  g.anchor_node_.assign(anchors.size(), -1);
  for (std::size_t i = 0; i < anchors.size(); ++i)
    if (sg.anchor_node[i] != detail::kNoNode) g.anchor_node_[i] = new_id[kept_index[sg.anchor_node[i]]];
}

RoadGraph::RoadGraph(const RoadNetwork& net, const std::vector<XY>& points, const RoadSpeeds& speeds,
                     const std::vector<XY>& anchors, unsigned threads) {
  GraphBuilder::build(*this, net, points, speeds, anchors, threads);
}

}  // namespace careatlas::routing
