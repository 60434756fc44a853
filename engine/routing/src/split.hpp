#pragma once
// Step 3 of the graph build: the segment graph split at the snap points, with a node of
// its own for every anchor on the network, as a directed CSR before compression.
//
// Node ids: first the network points that routable segments use (in point order), then
// the split nodes (by segment, then by position along it), then the anchor nodes (in
// anchor order). Several anchors snapped to one position of a segment share its split
// node; an anchor snapped exactly to an end uses that node. Piece minutes = planar length
// / (way speed · 1000 / 60); off-road legs, both ways, = distance / (offroad_kmh · 1000 / 60).
#include <cstdint>
#include <vector>

#include "careatlas/geometry/planar.hpp"
#include "csr.hpp"
#include "segments.hpp"
#include "snap.hpp"

namespace careatlas::routing::detail {

inline constexpr std::uint32_t kNoNode = 0xffffffffu;

struct SplitGraph {
  Csr graph;
  std::vector<std::uint8_t> pinned;         // snap nodes and anchor nodes: never compressed
  std::vector<std::uint32_t> anchor_node;   // per anchor: its node, or kNoNode (off the network)
  std::vector<std::uint32_t> node_point;    // node (< point_nodes) → point
  std::vector<geometry::XY> split_at;       // split node point_nodes + i is at split_at[i]
  std::vector<geometry::XY> anchor_at;      // anchor node point_nodes + splits + k: its snap point
  std::size_t point_nodes = 0;

  geometry::XY position(std::uint32_t node, const std::vector<geometry::XY>& points) const {
    if (node < point_nodes) return points[node_point[node]];
    node -= static_cast<std::uint32_t>(point_nodes);
    if (node < split_at.size()) return split_at[node];
    return anchor_at[node - split_at.size()];
  }
};

SplitGraph split_graph(const Segments& segs, const std::vector<geometry::XY>& points,
                       const std::vector<AnchorSnap>& snaps, double offroad_kmh);

}  // namespace careatlas::routing::detail
