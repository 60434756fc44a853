// Degree-2 compression of the split segment graph (see csr.hpp for the rule). In the
// spirit of OSRM's graph compressor: first decide which nodes stay (pinned, or not a
// pass-through), walk every chain from a kept node along its edges through removable
// nodes, and emit one edge per chain. Removable nodes never reached that way lie on rings
// of removable nodes only; the lowest node of each such ring is kept.
#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "csr.hpp"

namespace careatlas::routing::detail {

void simplify_rows(Csr& g) {
  std::vector<std::uint32_t> order;
  std::vector<std::pair<std::uint32_t, double>> row;
  std::uint32_t out = 0;
  for (std::size_t u = 0; u < g.nodes(); ++u) {
    const std::uint32_t b = g.first[u], e = g.first[u + 1];
    order.resize(e - b);
    std::iota(order.begin(), order.end(), b);
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      return g.head[x] != g.head[y] ? g.head[x] < g.head[y] : g.minutes[x] < g.minutes[y];
    });
    row.clear();
    for (const std::uint32_t k : order)
      if (g.head[k] != u && (row.empty() || row.back().first != g.head[k])) row.emplace_back(g.head[k], g.minutes[k]);
    g.first[u] = out;
    for (const auto& [v, m] : row) g.head[out] = v, g.minutes[out] = m, ++out;
  }
  g.first[g.nodes()] = out;
  g.head.resize(out);
  g.minutes.resize(out);
  g.head.shrink_to_fit();
  g.minutes.shrink_to_fit();
}

namespace {

// Which nodes pass a chain through, from the in- and out-neighbours of every node.
class ChainRule {
 public:
  ChainRule(const Csr& g, const std::vector<std::uint8_t>& pinned) : g_(g), pinned_(pinned) {
    in_.assign(g.nodes(), {0, 0});
    in_count_.assign(g.nodes(), 0);
    for (std::uint32_t u = 0; u < g.nodes(); ++u)
      for (std::uint32_t e = g.first[u]; e < g.first[u + 1]; ++e) {
        const std::uint32_t v = g.head[e];
        if (in_count_[v] < 2) in_[v][in_count_[v]] = u;
        if (in_count_[v] < 3) ++in_count_[v];
      }
  }
  bool removable(std::uint32_t x) const {
    if (pinned_[x]) return false;
    const std::uint32_t b = g_.first[x], out = g_.first[x + 1] - b;
    if (out == 1 && in_count_[x] == 1) return g_.head[b] != in_[x][0];  // oneway chain link
    if (out == 2 && in_count_[x] == 2) {                                // bidirectional pass-through
      const std::uint32_t o0 = g_.head[b], o1 = g_.head[b + 1], i0 = in_[x][0], i1 = in_[x][1];
      return (o0 == i0 && o1 == i1) || (o0 == i1 && o1 == i0);
    }
    return false;
  }
  // From `prev` into removable x: the edge out of x that continues the chain.
  std::uint32_t next_edge(std::uint32_t x, std::uint32_t prev) const {
    const std::uint32_t b = g_.first[x];
    return g_.first[x + 1] - b == 1 || g_.head[b] != prev ? b : b + 1;
  }

 private:
  const Csr& g_;
  const std::vector<std::uint8_t>& pinned_;
  std::vector<std::array<std::uint32_t, 2>> in_;
  std::vector<std::uint8_t> in_count_;  // saturates at 3
};

// Follows the chain that starts with edge e out of kept node u: calls on_interior(x) for
// each removed node passed, returns the kept node reached and the summed minutes.
template <class F>
std::pair<std::uint32_t, double> walk(const Csr& g, const ChainRule& rule, const std::vector<std::uint8_t>& keep,
                                      std::uint32_t u, std::uint32_t e, F&& on_interior) {
  double sum = g.minutes[e];
  std::uint32_t prev = u, cur = g.head[e];
  while (!keep[cur]) {
    on_interior(cur);
    const std::uint32_t ne = rule.next_edge(cur, prev);
    sum += g.minutes[ne];
    prev = cur;
    cur = g.head[ne];
  }
  return {cur, sum};
}

}  // namespace

Compressed compress_degree2(const Csr& g, const std::vector<std::uint8_t>& pinned) {
  const auto n = static_cast<std::uint32_t>(g.nodes());
  const ChainRule rule(g, pinned);
  std::vector<std::uint8_t> keep(n), seen(n, 0);
  for (std::uint32_t x = 0; x < n; ++x) keep[x] = rule.removable(x) ? 0 : 1;
  auto mark = [&](std::uint32_t x) { seen[x] = 1; };
  auto walk_all = [&](std::uint32_t u) {
    for (std::uint32_t e = g.first[u]; e < g.first[u + 1]; ++e) walk(g, rule, keep, u, e, mark);
  };
  for (std::uint32_t u = 0; u < n; ++u)
    if (keep[u]) walk_all(u);
  for (std::uint32_t x = 0; x < n; ++x)  // rings of removable nodes only
    if (!keep[x] && !seen[x]) keep[x] = 1, walk_all(x);

  Compressed c;
  std::vector<std::uint32_t> index(n, 0);
  for (std::uint32_t x = 0; x < n; ++x)
    if (keep[x]) index[x] = static_cast<std::uint32_t>(c.kept.size()), c.kept.push_back(x);
  c.removed = n - c.kept.size();
  auto none = [](std::uint32_t) {};
  c.graph = make_csr(c.kept.size(), [&](auto&& f) {
    for (std::uint32_t k = 0; k < c.kept.size(); ++k) {
      const std::uint32_t u = c.kept[k];
      for (std::uint32_t e = g.first[u]; e < g.first[u + 1]; ++e) {
        const auto [v, m] = walk(g, rule, keep, u, e, none);
        f(k, index[v], m);
      }
    }
  });
  simplify_rows(c.graph);
  return c;
}

}  // namespace careatlas::routing::detail
