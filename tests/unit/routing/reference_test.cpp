// The compressed graph against a plain reference written here from the contract alone:
// segments, pieces and the small-piece rule, brute-force snapping over every segment, the
// split segment graph without any compression, and a textbook Dijkstra (binary heap,
// lazy deletion). All anchor pairs of 50 seeded random networks must agree: the same
// pairs reached, the same times within 1e-9 min. And the result must not depend on the
// thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <queue>

#include "random_network.hpp"

using namespace careatlas;
using namespace careatlas::routing;
using careatlas::routing::testing::random_world;
using careatlas::routing::testing::RandomWorld;

namespace {

struct RefSegment {
  std::uint32_t a, b;
  double m_per_min;
  bool fwd, bwd;
  std::size_t way;
};

struct RefSnap {
  std::int64_t segment = -1;
  double t = 0, dist = 0;
  geometry::XY at;
};

struct Reference {
  std::vector<RefSnap> snaps;
  std::vector<std::vector<std::pair<std::size_t, double>>> adj;
  std::vector<std::int64_t> anchor_node;
};

std::vector<RefSegment> ref_segments(const RandomWorld& w) {
  std::vector<RefSegment> out;
  for (std::size_t k = 0; k < w.net.ways.size(); ++k) {
    const RoadWay& way = w.net.ways[k];
    double kmh = w.speeds.kmh[static_cast<std::size_t>(way.road_class)];
    if (way.road_class == RoadClass::ferry && !w.speeds.ferries) kmh = 0;
    if (way.maxspeed_kmh > 0 && way.maxspeed_kmh < kmh) kmh = way.maxspeed_kmh;
    if (kmh <= 0) continue;
    for (std::uint32_t i = way.first; i + 1 < way.first + way.count; ++i) {
      const std::uint32_t a = w.net.way_nodes[i], b = w.net.way_nodes[i + 1];
      if (a != b) out.push_back({a, b, kmh * 1000 / 60, way.oneway != Oneway::backward, way.oneway != Oneway::forward, k});
    }
  }
  return out;
}

// Per segment: whether it belongs to a small piece (BFS over the points).
std::vector<bool> ref_small(const std::vector<RefSegment>& segs, std::size_t n) {
  std::vector<std::vector<std::uint32_t>> nb(n);
  for (const auto& s : segs) nb[s.a].push_back(s.b), nb[s.b].push_back(s.a);
  std::vector<int> comp(n, -1);
  std::vector<std::size_t> size;
  for (std::uint32_t p = 0; p < n; ++p) {
    if (comp[p] >= 0 || nb[p].empty()) continue;
    const int c = static_cast<int>(size.size());
    size.push_back(0);
    std::vector<std::uint32_t> stack{p};
    comp[p] = c;
    while (!stack.empty()) {
      const std::uint32_t u = stack.back();
      stack.pop_back();
      ++size[static_cast<std::size_t>(c)];
      for (const auto v : nb[u])
        if (comp[v] < 0) comp[v] = c, stack.push_back(v);
    }
  }
  std::size_t largest = 0;
  for (std::size_t c = 0; c < size.size(); ++c)
    if (size[c] > size[largest]) largest = c;
  std::vector<bool> small;
  for (const auto& s : segs) {
    const auto c = static_cast<std::size_t>(comp[s.a]);
    small.push_back(c != largest && size[c] < kSmallComponentNodes);
  }
  return small;
}

// The nearest point by the contract's arithmetic (the same operations in the same order,
// so that distance ties between segments are decided alike), lowest segment on a tie.
RefSnap ref_snap(geometry::XY p, const std::vector<RefSegment>& segs, const std::vector<bool>& small,
                 const std::vector<geometry::XY>& pts, double max_d) {
  RefSnap best[2];
  double best_d2[2] = {0, 0};
  for (std::size_t s = 0; s < segs.size(); ++s) {
    const geometry::XY a = pts[segs[s].a], b = pts[segs[s].b];
    const double dx = b.x - a.x, dy = b.y - a.y;
    double t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy);
    geometry::XY q = t <= 0 ? a : t >= 1 ? b : geometry::XY{a.x + t * dx, a.y + t * dy};
    t = q == a ? 0 : q == b ? 1 : t;
    const double d2 = geometry::squared_distance(p, q);
    const int k = small[s] ? 1 : 0;
    if (d2 <= max_d * max_d && (best[k].segment < 0 || d2 < best_d2[k])) {
      best[k] = {static_cast<std::int64_t>(s), t, std::sqrt(d2), q};
      best_d2[k] = d2;
    }
  }
  return best[0].segment >= 0 ? best[0] : best[1];
}

Reference reference(const RandomWorld& w) {
  const auto segs = ref_segments(w);
  const auto small = ref_small(segs, w.points.size());
  Reference r;
  std::map<std::int64_t, std::map<double, std::size_t>> splits;  // segment → t → node
  std::size_t n = w.points.size();
  for (const auto& p : w.anchors) {
    r.snaps.push_back(ref_snap(p, segs, small, w.points, w.speeds.snap_max_m));
    const RefSnap& s = r.snaps.back();
    if (s.segment >= 0 && s.t > 0 && s.t < 1 && !splits[s.segment].count(s.t)) splits[s.segment][s.t] = n++;
  }
  r.adj.resize(n + w.anchors.size());
  auto add = [&](std::size_t u, std::size_t v, double m, bool f, bool b) {
    if (f) r.adj[u].emplace_back(v, m);
    if (b) r.adj[v].emplace_back(u, m);
  };
  for (std::size_t s = 0; s < segs.size(); ++s) {
    std::vector<std::pair<std::size_t, geometry::XY>> chain{{segs[s].a, w.points[segs[s].a]}};
    const geometry::XY a = w.points[segs[s].a], b = w.points[segs[s].b];
    if (splits.count(static_cast<std::int64_t>(s)))
      for (const auto& [t, node] : splits[static_cast<std::int64_t>(s)])
        chain.emplace_back(node, geometry::XY{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
    chain.emplace_back(segs[s].b, b);
    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
      const double len = std::hypot(chain[k + 1].second.x - chain[k].second.x, chain[k + 1].second.y - chain[k].second.y);
      add(chain[k].first, chain[k + 1].first, len / segs[s].m_per_min, segs[s].fwd, segs[s].bwd);
    }
  }
  for (std::size_t i = 0; i < w.anchors.size(); ++i) {
    const RefSnap& s = r.snaps[i];
    r.anchor_node.push_back(s.segment < 0 ? -1 : static_cast<std::int64_t>(n + i));
    if (s.segment < 0) continue;
    const auto& seg = segs[static_cast<std::size_t>(s.segment)];
    const std::size_t at = s.t <= 0 ? seg.a : s.t >= 1 ? seg.b : splits[s.segment][s.t];
    add(n + i, at, s.dist / (w.speeds.offroad_kmh * 1000 / 60), true, true);
  }
  return r;
}

std::vector<double> dijkstra(const Reference& r, std::size_t source) {
  std::vector<double> dist(r.adj.size(), INFINITY);
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  dist[source] = 0;
  q.emplace(0.0, source);
  while (!q.empty()) {
    const auto [d, u] = q.top();
    q.pop();
    if (d > dist[u]) continue;
    for (const auto& [v, m] : r.adj[u])
      if (d + m < dist[v]) dist[v] = d + m, q.emplace(d + m, v);
  }
  return dist;
}

std::vector<std::uint32_t> all(std::size_t n) {
  std::vector<std::uint32_t> v(n);
  std::iota(v.begin(), v.end(), 0u);
  return v;
}

}  // namespace

TEST(RoadGraph, CompressionKeepsEveryTimeOfTheReference) {
  std::size_t compressed = 0, off = 0, reached = 0, split = 0;
  for (unsigned seed = 1; seed <= 50; ++seed) {
    const RandomWorld w = random_world(seed, 4 + static_cast<int>(seed % 7), 10 + static_cast<int>(seed % 23), 12);
    const RoadGraph g(w.net, w.points, w.speeds, w.anchors, 1);
    const Reference r = reference(w);
    compressed += g.stats().compressed, off += g.stats().anchors_off, split += g.stats().split_nodes;
    const auto ids = all(w.anchors.size());
    const TravelTable t = travel_times(g, ids, ids, 1e9, 1);
    for (std::size_t i = 0; i < w.anchors.size(); ++i) {
      ASSERT_EQ(g.snaps()[i].on_network, r.snaps[i].segment >= 0) << "seed " << seed << " anchor " << i;
      if (r.snaps[i].segment >= 0) {
        EXPECT_NEAR(g.snaps()[i].offroad_m, r.snaps[i].dist, 1e-9) << "seed " << seed << " anchor " << i;
      }
      std::vector<double> got(w.anchors.size(), -1);
      for (std::size_t e = t.offsets[i]; e < t.offsets[i + 1]; ++e) got[t.target[e]] = t.minutes[e];
      const std::vector<double> d =
          r.anchor_node[i] < 0 ? std::vector<double>(r.adj.size(), INFINITY) : dijkstra(r, static_cast<std::size_t>(r.anchor_node[i]));
      for (std::size_t j = 0; j < w.anchors.size(); ++j) {
        const double want = r.anchor_node[j] < 0 ? INFINITY : d[static_cast<std::size_t>(r.anchor_node[j])];
        if (std::isinf(want)) {
          EXPECT_EQ(got[j], -1) << "seed " << seed << " " << i << " → " << j;
        } else {
          ++reached;
          EXPECT_NEAR(got[j], want, 1e-9) << "seed " << seed << " " << i << " → " << j;
        }
      }
    }
  }
  // The cases exercise what they are meant to.
  EXPECT_GT(compressed, 50u);
  EXPECT_GT(off, 0u);
  EXPECT_GT(split, 100u);
  EXPECT_GT(reached, 1000u);
}

TEST(TravelTimes, IndependentOfTheThreadCount) {
  const RandomWorld w = random_world(7, 60, 3000, 600);
  const RoadGraph g1(w.net, w.points, w.speeds, w.anchors, 1);
  const auto ids = all(w.anchors.size());
  std::vector<std::uint32_t> sources;
  for (std::uint32_t i = 0; i < ids.size(); i += 3) sources.push_back(i);
  const TravelTable t1 = travel_times(g1, sources, ids, 4.0, 1);
  EXPECT_GT(t1.target.size(), 1000u);
  for (const unsigned threads : {2u, 4u}) {
    const RoadGraph g(w.net, w.points, w.speeds, w.anchors, threads);
    ASSERT_EQ(g.node_count(), g1.node_count());
    ASSERT_EQ(g.edge_count(), g1.edge_count());
    for (std::size_t u = 0; u <= g.node_count(); ++u) ASSERT_EQ(g.edge_begin(u), g1.edge_begin(u));
    for (std::size_t e = 0; e < g.edge_count(); ++e) {
      ASSERT_EQ(g.edge_head(e), g1.edge_head(e));
      ASSERT_EQ(g.edge_minutes(e), g1.edge_minutes(e));
    }
    for (std::size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(g.anchor_node(i), g1.anchor_node(i));
    const TravelTable t = travel_times(g, sources, ids, 4.0, threads);
    EXPECT_EQ(t.offsets, t1.offsets) << threads << " threads";
    EXPECT_EQ(t.target, t1.target) << threads << " threads";
    EXPECT_EQ(t.minutes, t1.minutes) << threads << " threads";
  }
}
