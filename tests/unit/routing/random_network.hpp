#pragma once
// Seeded random road networks for the routing tests: a jittered lattice of nodes 100 m
// apart, ways as random walks over it (some steps through a node of their own, a few
// consecutive repeats of a node, loops), random classes (track: speed 0; ferry), oneways
// both ways round and maxspeeds; anchors scattered over the area and a little beyond,
// some exactly at nodes, some at the same point as another.
#include <random>
#include <vector>

#include "road_map.hpp"

namespace careatlas::routing::testing {

struct RandomWorld {
  RoadNetwork net;
  std::vector<geometry::XY> points;
  std::vector<geometry::XY> anchors;
  RoadSpeeds speeds;
};

inline RandomWorld random_world(unsigned seed, int side, int way_count, int anchor_count) {
  std::mt19937 rng(seed);
  auto uni = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  RandomWorld w;
  auto point = [&](geometry::XY p) {
    w.points.push_back(p);
    w.net.points.push_back({p.x, p.y});
    w.net.node_ids.push_back(static_cast<std::int64_t>(w.points.size()));
    return static_cast<std::uint32_t>(w.points.size() - 1);
  };
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j) point({100.0 * j + uni(-30, 30), -100.0 * i + uni(-30, 30)});
  const RoadClass classes[] = {RoadClass::residential, RoadClass::residential, RoadClass::residential,
                               RoadClass::primary,     RoadClass::service,     RoadClass::track,
                               RoadClass::ferry};
  for (int k = 0; k < way_count; ++k) {
    RoadWay way;
    way.osm_id = 1000 + k;
    way.road_class = classes[pick(7)];
    const int o = pick(10);
    way.oneway = o < 2 ? Oneway::forward : o < 3 ? Oneway::backward : Oneway::no;
    if (pick(5) == 0) way.maxspeed_kmh = 10.0 + 20.0 * pick(3);
    way.first = static_cast<std::uint32_t>(w.net.way_nodes.size());
    int i = pick(side), j = pick(side);
    w.net.way_nodes.push_back(static_cast<std::uint32_t>(i * side + j));
    const int steps = 1 + pick(6);
    for (int s = 0; s < steps; ++s) {
      const int d = pick(4);
      const int ni = std::clamp(i + (d == 0) - (d == 1), 0, side - 1), nj = std::clamp(j + (d == 2) - (d == 3), 0, side - 1);
      const geometry::XY a = w.points[static_cast<std::size_t>(i * side + j)], b = w.points[static_cast<std::size_t>(ni * side + nj)];
      if (pick(3) == 0) w.net.way_nodes.push_back(point({(a.x + b.x) / 2 + uni(-10, 10), (a.y + b.y) / 2 + uni(-10, 10)}));
      i = ni, j = nj;
      w.net.way_nodes.push_back(static_cast<std::uint32_t>(i * side + j));
      if (pick(20) == 0) w.net.way_nodes.push_back(w.net.way_nodes.back());
    }
    way.count = static_cast<std::uint32_t>(w.net.way_nodes.size() - way.first);
    w.net.ways.push_back(way);
  }
  w.speeds = testbot();
  w.speeds.ferries = pick(2) == 0;
  const double snaps[] = {150, 400, 1000};
  w.speeds.snap_max_m = snaps[pick(3)];
  const double extent = 100.0 * (side - 1);
  for (int k = 0; k < anchor_count; ++k) {
    const int r = pick(10);
    if (r < 2) {
      w.anchors.push_back(w.points[static_cast<std::size_t>(pick(side * side))]);
    } else if (r < 3 && !w.anchors.empty()) {
      w.anchors.push_back(w.anchors[static_cast<std::size_t>(pick(static_cast<int>(w.anchors.size())))]);
    } else {
      w.anchors.push_back({uni(-300, extent + 300), uni(-extent - 300, 300)});
    }
  }
  return w;
}

}  // namespace careatlas::routing::testing
