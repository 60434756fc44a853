#pragma once
// The routable segments of a road network (step 1 of the graph build) and its weakly
// connected pieces. A segment is a consecutive node pair of a way whose class is routable
// under the given speeds; segment ids run way after way, in node order, so "lowest way
// index, then segment index" is "lowest segment id".
#include <cstddef>
#include <cstdint>
#include <vector>

#include "careatlas/routing/road_graph.hpp"

namespace careatlas::routing::detail {

inline constexpr std::uint8_t kForward = 1;   // a → b allowed
inline constexpr std::uint8_t kBackward = 2;  // b → a allowed

struct Segments {
  // Per segment.
  std::vector<std::uint32_t> a, b;  // point indices (a ≠ b)
  std::vector<std::uint32_t> way;   // index into RoadNetwork::ways
  // Per way: metres per minute (0 = not routable) and the allowed directions.
  std::vector<double> m_per_min;
  std::vector<std::uint8_t> dir;
  // Per point: 1 when the point belongs to a small piece (fewer than kSmallComponentNodes
  // nodes, not the largest), whose segments serve only as a fallback for snapping.
  std::vector<std::uint8_t> small_point;
  std::size_t ways_used = 0, components = 0, small_components = 0;

  std::size_t size() const { return a.size(); }
  bool small(std::size_t s) const { return small_point[a[s]] != 0; }
  std::uint8_t directions(std::size_t s) const { return dir[way[s]]; }
};

// The speed of a way in km/h: its class speed capped by its maxspeed; ≤ 0 = not routable
// (class speed ≤ 0, or a ferry with ferries off).
double way_kmh(const RoadWay& w, const RoadSpeeds& speeds);

// Every routable segment of `net`, and the pieces (union–find over the segments' points).
Segments collect_segments(const RoadNetwork& net, const RoadSpeeds& speeds);

}  // namespace careatlas::routing::detail
