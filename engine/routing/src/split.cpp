// Splitting the segments at the snap points and attaching the anchors (see split.hpp).
#include "split.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace careatlas::routing::detail {

using geometry::XY;

namespace {

double length(XY a, XY b) { return std::sqrt(geometry::squared_distance(a, b)); }

// Numbers the points the segments use, in point order.
void number_points(const Segments& segs, std::size_t point_count, std::vector<std::uint32_t>& point_node,
                   SplitGraph& sg) {
  point_node.assign(point_count, kNoNode);
  for (std::size_t s = 0; s < segs.size(); ++s) point_node[segs.a[s]] = point_node[segs.b[s]] = 0;
  for (std::uint32_t p = 0; p < point_count; ++p)
    if (point_node[p] == 0) {
      point_node[p] = static_cast<std::uint32_t>(sg.node_point.size());
      sg.node_point.push_back(p);
    }
  sg.point_nodes = sg.node_point.size();
}

}  // namespace

SplitGraph split_graph(const Segments& segs, const std::vector<XY>& points, const std::vector<AnchorSnap>& snaps,
                       double offroad_kmh) {
  SplitGraph sg;
  std::vector<std::uint32_t> point_node;
  number_points(segs, points.size(), point_node, sg);
  const auto P = static_cast<std::uint32_t>(sg.point_nodes);

  // Interior snap positions, by segment then position; one split node per distinct one.
  std::vector<std::uint32_t> inner;
  for (std::uint32_t i = 0; i < snaps.size(); ++i)
    if (snaps[i].segment != kNoSegment && snaps[i].t > 0 && snaps[i].t < 1) inner.push_back(i);
  std::sort(inner.begin(), inner.end(), [&](std::uint32_t x, std::uint32_t y) {
    if (snaps[x].segment != snaps[y].segment) return snaps[x].segment < snaps[y].segment;
    if (snaps[x].t != snaps[y].t) return snaps[x].t < snaps[y].t;
    return x < y;
  });
  std::vector<std::uint32_t> snap_node(snaps.size(), kNoNode), split_seg;
  for (std::size_t k = 0; k < inner.size(); ++k) {
    const AnchorSnap& s = snaps[inner[k]];
    if (k == 0 || s.segment != snaps[inner[k - 1]].segment || s.t != snaps[inner[k - 1]].t) {
      split_seg.push_back(s.segment);
      sg.split_at.push_back(s.at);
    }
    snap_node[inner[k]] = P + static_cast<std::uint32_t>(sg.split_at.size() - 1);
  }
  const auto S = static_cast<std::uint32_t>(sg.split_at.size());
  sg.anchor_node.assign(snaps.size(), kNoNode);
  for (std::uint32_t i = 0; i < snaps.size(); ++i) {
    const AnchorSnap& s = snaps[i];
    if (s.segment == kNoSegment) continue;
    if (s.t <= 0) snap_node[i] = point_node[segs.a[s.segment]];
    if (s.t >= 1) snap_node[i] = point_node[segs.b[s.segment]];
    sg.anchor_node[i] = P + S + static_cast<std::uint32_t>(sg.anchor_at.size());
    sg.anchor_at.push_back(s.at);
  }
  const std::size_t n = P + S + sg.anchor_at.size();
  sg.pinned.assign(n, 0);
  for (std::uint32_t i = 0; i < snaps.size(); ++i)
    if (sg.anchor_node[i] != kNoNode) sg.pinned[sg.anchor_node[i]] = sg.pinned[snap_node[i]] = 1;

  const double offroad_m_per_min = offroad_kmh * 1000.0 / 60.0;
  sg.graph = make_csr(n, [&](auto&& f) {
    std::size_t j = 0;  // next split, in segment order
    for (std::uint32_t s = 0; s < segs.size(); ++s) {
      const std::uint8_t dir = segs.directions(s);
      const double m_per_min = segs.m_per_min[segs.way[s]];
      std::uint32_t prev = point_node[segs.a[s]];
      XY prev_at = points[segs.a[s]];
      auto piece = [&](std::uint32_t v, XY at) {
        const double m = length(prev_at, at) / m_per_min;
        if (dir & kForward) f(prev, v, m);
        if (dir & kBackward) f(v, prev, m);
        prev = v, prev_at = at;
      };
      for (; j < S && split_seg[j] == s; ++j) piece(P + static_cast<std::uint32_t>(j), sg.split_at[j]);
      piece(point_node[segs.b[s]], points[segs.b[s]]);
    }
    for (std::uint32_t i = 0; i < snaps.size(); ++i) {
      if (sg.anchor_node[i] == kNoNode) continue;
      const double m = snaps[i].distance / offroad_m_per_min;
      f(sg.anchor_node[i], snap_node[i], m);
      f(snap_node[i], sg.anchor_node[i], m);
    }
  });
  return sg;
}

}  // namespace careatlas::routing::detail
