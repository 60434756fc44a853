#pragma once
// Road networks drawn as text for the routing tests (OSRM cucumber / Valhalla gurka
// style). Every letter of the drawing is a network node, every digit an anchor; one
// character is `grid_m` metres (DEFAULT 100 m) both ways, column 0 / row 0 at x = 0 /
// y = 0, rows going south (y = −row · grid_m). Other characters are decoration.
//
//   RoadMap m({"a---b",
//              "  1  "});
//   m.way("ab");                                  // residential, both ways
//   m.way("bc", RoadClass::primary, Oneway::forward, 50);
//
// The test profile ("testbot") has round speeds so times can be worked out by hand:
// primary 120 km/h (2 km/min), residential 60 km/h (1 km/min), service 30 km/h
// (0.5 km/min), ferry 30 km/h, track 0 (not used), every other class 0; off-road 6 km/h
// (100 m/min); snap_max 1 km; ferries off.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "careatlas/routing/road_graph.hpp"

namespace careatlas::routing::testing {

inline RoadSpeeds testbot() {
  RoadSpeeds s;
  s.kmh.fill(0);
  s.kmh[static_cast<std::size_t>(RoadClass::primary)] = 120;
  s.kmh[static_cast<std::size_t>(RoadClass::residential)] = 60;
  s.kmh[static_cast<std::size_t>(RoadClass::service)] = 30;
  s.kmh[static_cast<std::size_t>(RoadClass::ferry)] = 30;
  s.offroad_kmh = 6;
  s.snap_max_m = 1000;
  return s;
}

struct RoadMap {
  RoadNetwork net;
  std::vector<geometry::XY> points;          // the projected points (= the drawing's metres)
  std::map<char, geometry::XY> at;           // every letter and digit
  std::map<char, std::uint32_t> point;       // letter → point index

  explicit RoadMap(const std::vector<std::string>& rows, double grid_m = 100) {
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        const char ch = rows[r][c];
        const bool letter = ch >= 'a' && ch <= 'z', digit = ch >= '0' && ch <= '9';
        if (!letter && !digit) continue;
        if (at.count(ch)) throw std::logic_error(std::string("RoadMap: '") + ch + "' drawn twice");
        const geometry::XY p{static_cast<double>(c) * grid_m, -static_cast<double>(r) * grid_m};
        at[ch] = p;
        if (letter) add_point(ch, p);
      }
  }

  // A node that is not drawn (e.g. off the character grid).
  void add_point(char name, geometry::XY p) {
    at[name] = p;
    point[name] = static_cast<std::uint32_t>(points.size());
    points.push_back(p);
    net.points.push_back(LonLat{p.x, p.y});
    net.node_ids.push_back(static_cast<std::int64_t>(points.size()));
  }

  // A way through the named nodes, in order; its OSM id is its index + 1.
  RoadMap& way(const std::string& nodes, RoadClass cls = RoadClass::residential, Oneway oneway = Oneway::no,
               double maxspeed_kmh = 0) {
    RoadWay w;
    w.osm_id = static_cast<std::int64_t>(net.ways.size() + 1);
    w.road_class = cls;
    w.oneway = oneway;
    w.maxspeed_kmh = maxspeed_kmh;
    w.first = static_cast<std::uint32_t>(net.way_nodes.size());
    for (const char ch : nodes) net.way_nodes.push_back(point.at(ch));
    w.count = static_cast<std::uint32_t>(nodes.size());
    net.ways.push_back(w);
    return *this;
  }

  // The drawn anchors, by digit, in the order given ("12" → {at['1'], at['2']}).
  std::vector<geometry::XY> anchors(const std::string& names) const {
    std::vector<geometry::XY> out;
    for (const char ch : names) out.push_back(at.at(ch));
    return out;
  }
};

// The time from anchor `from` to anchor `to` (all anchors as sources and targets), or −1
// when `to` is not reached within the cutoff.
inline double time_between(const RoadGraph& g, std::uint32_t from, std::uint32_t to, double cutoff = 1e9) {
  const std::vector<std::uint32_t> src{from}, tgt{to};
  const TravelTable t = travel_times(g, src, tgt, cutoff, 1);
  return t.offsets[1] > 0 ? t.minutes[0] : -1.0;
}

}  // namespace careatlas::routing::testing
