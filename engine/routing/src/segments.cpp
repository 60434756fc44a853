// Step 1 of the graph build: the routable segments, each way's speed and directions, and
// the weakly connected pieces of the segment graph (union–find with path halving; the
// size of a piece is its number of distinct nodes). The largest piece (ties: the one
// holding the lowest point index) is never "small".
#include "segments.hpp"

#include <algorithm>
#include <numeric>

namespace careatlas::routing::detail {

double way_kmh(const RoadWay& w, const RoadSpeeds& speeds) {
  const auto c = static_cast<std::size_t>(w.road_class);
  if (c >= speeds.kmh.size()) return 0;
  if (w.road_class == RoadClass::ferry && !speeds.ferries) return 0;
  double kmh = speeds.kmh[c];
  if (!(kmh > 0)) return 0;
  if (w.maxspeed_kmh > 0) kmh = std::min(kmh, w.maxspeed_kmh);
  return kmh;
}

namespace {

std::uint32_t find(std::vector<std::uint32_t>& parent, std::uint32_t x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

// Marks the points of the small pieces; counts the pieces.
void find_components(Segments& s, std::size_t point_count) {
  std::vector<std::uint32_t> parent(point_count);
  std::iota(parent.begin(), parent.end(), 0u);
  std::vector<std::uint8_t> used(point_count, 0);
  for (std::size_t i = 0; i < s.size(); ++i) {
    used[s.a[i]] = used[s.b[i]] = 1;
    std::uint32_t ra = find(parent, s.a[i]), rb = find(parent, s.b[i]);
    if (ra == rb) continue;
    if (ra > rb) std::swap(ra, rb);
    parent[rb] = ra;  // the root is the lowest point of its piece
  }
  std::vector<std::uint32_t> size(point_count, 0);
  for (std::uint32_t p = 0; p < point_count; ++p)
    if (used[p]) ++size[find(parent, p)];
  std::uint32_t largest = 0, largest_size = 0;
  for (std::uint32_t p = 0; p < point_count; ++p) {
    if (!used[p] || parent[p] != p) continue;
    ++s.components;
    if (size[p] > largest_size) largest = p, largest_size = size[p];
  }
  s.small_point.assign(point_count, 0);
  for (std::uint32_t p = 0; p < point_count; ++p) {
    if (!used[p] || parent[p] != p) continue;
    if (p != largest && size[p] < kSmallComponentNodes) {
      ++s.small_components;
      s.small_point[p] = 1;
    }
  }
  for (std::uint32_t p = 0; p < point_count; ++p)
    if (used[p]) s.small_point[p] = s.small_point[find(parent, p)];
}

}  // namespace

Segments collect_segments(const RoadNetwork& net, const RoadSpeeds& speeds) {
  Segments s;
  s.m_per_min.assign(net.ways.size(), 0);
  s.dir.assign(net.ways.size(), 0);
  std::size_t total = 0;
  for (const auto& w : net.ways) total += w.count > 0 ? w.count - 1 : 0;
  s.a.reserve(total);
  s.b.reserve(total);
  s.way.reserve(total);
  for (std::uint32_t wi = 0; wi < net.ways.size(); ++wi) {
    const RoadWay& w = net.ways[wi];
    const double kmh = way_kmh(w, speeds);
    if (!(kmh > 0) || w.count < 2) continue;
    s.m_per_min[wi] = kmh * 1000.0 / 60.0;
    s.dir[wi] = w.oneway == Oneway::forward ? kForward : w.oneway == Oneway::backward ? kBackward : kForward | kBackward;
    const std::size_t before = s.size();
    for (std::uint32_t k = w.first; k + 1 < w.first + w.count; ++k) {
      const std::uint32_t pa = net.way_nodes[k], pb = net.way_nodes[k + 1];
      if (pa == pb) continue;
      s.a.push_back(pa);
      s.b.push_back(pb);
      s.way.push_back(wi);
    }
    if (s.size() > before) ++s.ways_used;
  }
  find_components(s, net.points.size());
  return s;
}

}  // namespace careatlas::routing::detail
