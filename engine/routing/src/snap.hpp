#pragma once
// Step 2 of the graph build: every anchor to the nearest point of the nearest routable
// segment (perpendicular projection clamped to the segment), through a uniform grid of
// segments. Distance ties go to the lowest segment id (lowest way index, then segment
// index); segments of small pieces count only when no other segment lies within
// snap_max_m (distance ≤ snap_max_m is within).
#include <cstdint>
#include <limits>
#include <vector>

#include "careatlas/geometry/planar.hpp"
#include "segments.hpp"

namespace careatlas::routing::detail {

inline constexpr std::uint32_t kNoSegment = std::numeric_limits<std::uint32_t>::max();

struct AnchorSnap {
  std::uint32_t segment = kNoSegment;  // kNoSegment = off the network
  double t = 0;                        // position along a → b, 0 … 1 (0 and 1: exactly at the node)
  geometry::XY at;                     // the snap point
  double distance = 0;                 // anchor → at, metres
};

// The nearest point of segment a–b to p: t clamped to [0, 1], exactly 0 or 1 (and `at`
// exactly the node) when the projection falls on or beyond an end, or when the computed
// point coincides with a node.
struct Projection {
  double t;
  geometry::XY at;
  double d2;  // squared distance p → at
};
Projection project(geometry::XY p, geometry::XY a, geometry::XY b);

std::vector<AnchorSnap> snap_anchors(const Segments& segs, const std::vector<geometry::XY>& points,
                                     const std::vector<geometry::XY>& anchors, double snap_max_m, unsigned threads);

}  // namespace careatlas::routing::detail
