#pragma once
// A synthetic, seeded road world for the routing benchmark, built in memory as a
// RoadNetwork (no OSM file): a lattice of `step` metres whose lines exist by class and by
// zone, like a Japanese prefecture seen from far away:
//
//   line index i (x = i·step, likewise rows)   class          exists in
//   i % 256 == 0                               motorway       everywhere (own nodes, 30 m
//                                                             beside the primary; joins the
//                                                             lattice only at primary crossings)
//   i % 64 == 0                                primary        everywhere (the bridge lines)
//   i % 32 == 0                                secondary      everywhere
//   i % 8 == 0                                 tertiary       everywhere
//   i % 4 == 0                                 unclassified   everywhere
//   i % 2 == 0                                 residential    towns and suburbs
//   otherwise                                  residential    towns; alternate lines oneway
//
// Towns are discs (radius 1–3 km, suburbs to 2.5×) at seeded places; a river meanders
// east–west across the middle (a band 2·40 m wide) and only primary and motorway lines
// cross it; a mountain block (a fifth of the width, the southern 60 %) has no road at all.
// Every lattice point on a road is a node (jittered ±15 m), so the lines between crossings
// carry degree-2 nodes for the compression. Anchors: the 500 m cell centroids of the whole
// area (targets), then the providers (sources: 70 % in towns).
// For the gap tables of the peer comparison (bench/routing_peers), from a second RNG so
// that the roads and anchors do not change: each cell's 65+ (town 300–1,200, suburb
// 60–300, rural 0–60, none in the mountain block or the river), its 10 km tile, and each
// provider's weekly hours as a 168-bit mask (hour h = day·24 + hour, Monday 0): 30 % 24/7,
// 50 % Mon–Fri 09–12, 15–18 + Sat 09–12, 20 % Mon–Sat 09–18.
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "careatlas/geometry/planar.hpp"
#include "careatlas/model/road_network.hpp"

namespace careatlas::bench {

struct RoadWorldSize {
  std::string name;
  double width_km, height_km;
  int towns, providers;
  unsigned seed;
};

struct RoadWorld {
  RoadNetwork net;
  std::vector<geometry::XY> points;
  std::vector<geometry::XY> anchors;  // cells, then providers
  std::vector<std::uint32_t> cells, providers;  // anchor indices
  std::vector<std::uint32_t> cell_pop65, cell_tile;  // parallel to cells
  long tiles_x = 0;                                  // tile = ty · tiles_x + tx (10 km tiles)
  std::vector<std::array<std::uint64_t, 3>> provider_hours;  // parallel to providers, 168 bits
};

inline bool open_at(const std::array<std::uint64_t, 3>& hours, int h) { return (hours[static_cast<std::size_t>(h / 64)] >> (h % 64)) & 1u; }

// The benchmark's world sizes (name, km × km, towns, providers, seed).
inline const RoadWorldSize kCity{"city", 16, 16, 8, 60, 17};
inline const RoadWorldSize kPrefecture{"prefecture", 80, 80, 800, 500, 17};
// The city and the prefecture are metropolitan: the prefecture's 800 towns (one per
// 8 km²) leave little of it outside a town's 80 m lattice, a street density like Tokyo's
// wards throughout — the hard case for the peers, node for node.
// The nation is a national area: its towns cover about the share of the land that Japan's
// built-up areas do. Japan's densely inhabited districts (人口集中地区, 2020 census) are
// ≈ 13,000 km², under 4 % of its land; 250 towns (radius 1–3 km, mean area 13.6 km²)
// over the 57,700 km² outside the mountain block cover 1 − exp(−250 · 13.6 / 57,700)
// ≈ 5.7 % of it and their suburbs ≈ 31 %, which errs on the heavy side. Its roads come to
// ≈ 7.9 km per km² (routing bench counter road_km): Japan's ≈ 1.28 M km of road over
// 378,000 km² are 3.4, Tokyo's wards ≈ 19.
inline const RoadWorldSize kNation{"nation", 256, 256, 250, 5000, 17};
// The nation's area at the prefecture's density (8,200 towns: ≈ 20 km of road per km²,
// more road than the whole of Japan has): a stress case, measured, with no target.
inline const RoadWorldSize kNationMetro{"nation_metro", 256, 256, 8200, 5000, 17};

class RoadWorldBuilder {
 public:
  static constexpr double kStep = 80;  // lattice step, metres

  explicit RoadWorldBuilder(const RoadWorldSize& size)
      : size_(size), rng_(size.seed), nx_(static_cast<long>(size.width_km * 1000 / kStep)),
        ny_(static_cast<long>(size.height_km * 1000 / kStep)) {}

  RoadWorld build() {
    place_towns();
    lattice_point_.assign(static_cast<std::size_t>((nx_ + 1) * (ny_ + 1)), -1);
    for (long i = 0; i <= nx_; ++i) line(i, true);
    for (long j = 0; j <= ny_; ++j) line(j, false);
    for (long i = 0; i <= nx_; i += 256) motorway(i, true);
    for (long j = 0; j <= ny_; j += 256) motorway(j, false);
    add_anchors();
    add_people_and_hours();
    return std::move(w_);
  }

 private:
  enum Zone : std::uint8_t { rural, suburb, town };

  static int level(long i) {  // 0: every line … 6: motorway
    if (i % 256 == 0) return 6;
    if (i % 64 == 0) return 5;
    if (i % 32 == 0) return 4;
    if (i % 8 == 0) return 3;
    if (i % 4 == 0) return 2;
    return i % 2 == 0 ? 1 : 0;
  }
  static RoadClass road_class(int lv) {
    constexpr RoadClass c[] = {RoadClass::residential, RoadClass::residential, RoadClass::unclassified,
                               RoadClass::tertiary,    RoadClass::secondary,   RoadClass::primary, RoadClass::primary};
    return c[lv];
  }

  geometry::XY lattice_xy(long i, long j) const { return {static_cast<double>(i) * kStep, static_cast<double>(j) * kStep}; }
  bool mountain(geometry::XY p) const {
    const double w = size_.width_km * 1000, h = size_.height_km * 1000;
    return p.x > 0.6 * w && p.x < 0.8 * w && p.y < 0.6 * h;
  }
  double river_y(double x) const {
    return size_.height_km * 500 + 3000 * std::sin(x / 6000.0) + 1200 * std::sin(x / 1700.0);
  }
  bool water(geometry::XY p) const { return std::abs(p.y - river_y(p.x)) < 40; }
  Zone zone(geometry::XY p) const {
    Zone z = rural;
    const long ci = static_cast<long>(p.x / 8000), cj = static_cast<long>(p.y / 8000);
    for (long a = ci - 1; a <= ci + 1; ++a)
      for (long b = cj - 1; b <= cj + 1; ++b) {
        if (a < 0 || b < 0 || a >= bins_x_ || b >= bins_y_) continue;
        for (const auto& [c, r] : bins_[static_cast<std::size_t>(b * bins_x_ + a)]) {
          const double d = std::sqrt(geometry::squared_distance(p, c));
          if (d < r) return town;
          if (d < 2.5 * r) z = suburb;
        }
      }
    return z;
  }
  // Whether a road of level lv may use lattice point p.
  bool allowed(int lv, geometry::XY p, bool bridge_ok) const {
    if (mountain(p) || (water(p) && !bridge_ok)) return false;
    if (lv >= 2) return true;
    const Zone z = zone(p);
    return lv == 1 ? z != rural : z == town;
  }

  std::uint32_t point(geometry::XY p) {
    w_.points.push_back(p);
    w_.net.points.push_back({p.x, p.y});
    w_.net.node_ids.push_back(static_cast<std::int64_t>(w_.points.size()));
    return static_cast<std::uint32_t>(w_.points.size() - 1);
  }
  std::uint32_t lattice_point(long i, long j) {
    auto& slot = lattice_point_[static_cast<std::size_t>(j * (nx_ + 1) + i)];
    if (slot < 0) {
      const geometry::XY p = lattice_xy(i, j);
      slot = point({p.x + jitter(i, j, 1), p.y + jitter(i, j, 2)});
    }
    return static_cast<std::uint32_t>(slot);
  }
  static double jitter(long i, long j, int axis) {  // ±15 m, a hash of the lattice point
    std::uint64_t h = static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(j) * 0xC2B2AE3D27D4EB4Full;
    h ^= static_cast<std::uint64_t>(axis) * 0x165667B19E3779F9ull;
    h ^= h >> 29, h *= 0xBF58476D1CE4E5B9ull, h ^= h >> 32;
    return (static_cast<double>(h % 3001) / 100.0) - 15.0;
  }

  void end_way(RoadWay& way) {
    way.count = static_cast<std::uint32_t>(w_.net.way_nodes.size() - way.first);
    if (way.count >= 2) {
      way.osm_id = static_cast<std::int64_t>(w_.net.ways.size() + 1);
      w_.net.ways.push_back(way);
    } else {
      w_.net.way_nodes.resize(way.first);
    }
    way.first = static_cast<std::uint32_t>(w_.net.way_nodes.size());
  }

  // Lattice line k (vertical: x = k·step), cut into ways at gaps and every 64 steps.
  void line(long k, bool vertical) {
    const int lv = level(k);
    RoadWay way;
    way.road_class = road_class(lv);
    if (lv == 0) way.oneway = (k / 2) % 2 == 0 ? Oneway::forward : Oneway::backward;
    way.first = static_cast<std::uint32_t>(w_.net.way_nodes.size());
    const long n = vertical ? ny_ : nx_;
    for (long s = 0; s <= n; ++s) {
      const long i = vertical ? k : s, j = vertical ? s : k;
      if (!allowed(lv, lattice_xy(i, j), vertical && lv >= 5)) {
        end_way(way);
        continue;
      }
      w_.net.way_nodes.push_back(lattice_point(i, j));
      if (s % 64 == 0 && s > 0) {
        end_way(way);
        w_.net.way_nodes.push_back(lattice_point(i, j));
      }
    }
    end_way(way);
  }

  // A motorway beside lattice line k: own nodes every 4 steps, joined to the lattice at
  // the primary crossings (every 64 steps).
  void motorway(long k, bool vertical) {
    RoadWay way;
    way.road_class = RoadClass::motorway;
    way.first = static_cast<std::uint32_t>(w_.net.way_nodes.size());
    const long n = vertical ? ny_ : nx_;
    for (long s = 0; s <= n; s += 4) {
      const long i = vertical ? k : s, j = vertical ? s : k;
      geometry::XY p = lattice_xy(i, j);
      if (mountain(p)) {
        end_way(way);
        continue;
      }
      if (s % 64 == 0) {
        w_.net.way_nodes.push_back(lattice_point(i, j));
      } else {
        (vertical ? p.x : p.y) += 30;
        w_.net.way_nodes.push_back(point(p));
      }
    }
    end_way(way);
  }

  void place_towns() {
    bins_x_ = static_cast<long>(size_.width_km / 8) + 1, bins_y_ = static_cast<long>(size_.height_km / 8) + 1;
    bins_.assign(static_cast<std::size_t>(bins_x_ * bins_y_), {});
    std::uniform_real_distribution<double> ux(0, size_.width_km * 1000), uy(0, size_.height_km * 1000), ur(1000, 3000);
    for (int t = 0; t < size_.towns;) {
      const geometry::XY c{ux(rng_), uy(rng_)};
      const double r = ur(rng_);
      if (mountain(c)) continue;
      ++t;
      towns_.push_back({c, r});
      bins_[static_cast<std::size_t>(static_cast<long>(c.y / 8000) * bins_x_ + static_cast<long>(c.x / 8000))].push_back({c, r});
    }
  }

  void add_anchors() {
    for (double y = 250; y < size_.height_km * 1000; y += 500)
      for (double x = 250; x < size_.width_km * 1000; x += 500) {
        w_.cells.push_back(static_cast<std::uint32_t>(w_.anchors.size()));
        w_.anchors.push_back({x, y});
      }
    std::uniform_real_distribution<double> ux(0, size_.width_km * 1000), uy(0, size_.height_km * 1000), u01(0, 1);
    while (static_cast<int>(w_.providers.size()) < size_.providers) {
      geometry::XY p{ux(rng_), uy(rng_)};
      if (u01(rng_) < 0.7) {
        const auto& [c, r] = towns_[static_cast<std::size_t>(u01(rng_) * static_cast<double>(towns_.size()))];
        const double a = u01(rng_) * 6.283185307179586, d = u01(rng_) * 2 * r;
        p = {c.x + d * std::cos(a), c.y + d * std::sin(a)};
      }
      if (mountain(p)) continue;
      w_.providers.push_back(static_cast<std::uint32_t>(w_.anchors.size()));
      w_.anchors.push_back(p);
    }
  }

  void add_people_and_hours() {
    std::mt19937_64 rng(size_.seed ^ 0x65A6E5ull);
    std::uniform_real_distribution<double> u01(0, 1);
    w_.tiles_x = static_cast<long>(std::ceil(size_.width_km / 10));
    for (const std::uint32_t c : w_.cells) {
      const geometry::XY p = w_.anchors[c];
      const double u = u01(rng);
      double pop = 0;
      if (!mountain(p) && !water(p)) {
        const Zone z = zone(p);
        pop = z == town ? 300 + 900 * u : z == suburb ? 60 + 240 * u : 60 * u;
      }
      w_.cell_pop65.push_back(static_cast<std::uint32_t>(pop));
      w_.cell_tile.push_back(static_cast<std::uint32_t>(static_cast<long>(p.y / 10000) * w_.tiles_x + static_cast<long>(p.x / 10000)));
    }
    for (std::size_t i = 0; i < w_.providers.size(); ++i) {
      const double u = u01(rng);
      std::array<std::uint64_t, 3> m{};
      auto open = [&m](int day, int from, int to) {
        for (int h = day * 24 + from; h < day * 24 + to; ++h) m[static_cast<std::size_t>(h / 64)] |= std::uint64_t{1} << (h % 64);
      };
      for (int d = 0; d < 7; ++d) {
        if (u < 0.3) {  // 24/7
          open(d, 0, 24);
        } else if (u < 0.8) {  // a clinic's hours
          if (d < 6) open(d, 9, 12);
          if (d < 5) open(d, 15, 18);
        } else if (d < 6) {  // Mon–Sat, all day
          open(d, 9, 18);
        }
      }
      w_.provider_hours.push_back(m);
    }
  }

  RoadWorldSize size_;
  std::mt19937_64 rng_;
  long nx_, ny_, bins_x_ = 0, bins_y_ = 0;
  std::vector<std::pair<geometry::XY, double>> towns_;
  std::vector<std::vector<std::pair<geometry::XY, double>>> bins_;  // towns by 8 km bin
  std::vector<std::int64_t> lattice_point_;
  RoadWorld w_;
};

}  // namespace careatlas::bench
