#pragma once
// Directed graphs in compressed-sparse-row form, as the graph build passes them between
// its steps: the edges of node u are first[u] … first[u + 1] − 1.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace careatlas::routing::detail {

struct Csr {
  std::vector<std::uint32_t> first{0};
  std::vector<std::uint32_t> head;
  std::vector<double> minutes;
  std::size_t nodes() const { return first.size() - 1; }
};

// A CSR of n nodes from an edge source: emit(f) calls f(u, v, minutes) for every edge, the
// same edges in the same order each time it is called (it is called twice: count, fill).
// Within a row the edges keep the order emit gives them.
template <class Emit>
Csr make_csr(std::size_t n, Emit&& emit) {
  Csr g;
  g.first.assign(n + 1, 0);
  emit([&](std::uint32_t u, std::uint32_t, double) { ++g.first[u + 1]; });
  for (std::size_t u = 0; u < n; ++u) g.first[u + 1] += g.first[u];
  g.head.resize(g.first[n]);
  g.minutes.resize(g.first[n]);
  std::vector<std::uint32_t> fill(g.first.begin(), g.first.end() - 1);
  emit([&](std::uint32_t u, std::uint32_t v, double m) {
    const std::uint32_t e = fill[u]++;
    g.head[e] = v;
    g.minutes[e] = m;
  });
  return g;
}

// Sorts every row by head, keeps the fastest of parallel edges and drops self-loops: no
// shortest time changes, and each (tail, head) pair has at most one edge afterwards.
void simplify_rows(Csr& g);

// Degree-2 compression (compress.cpp). A node that is not pinned, with exactly two
// distinct neighbours, is removed when it is a bidirectional pass-through (edges both ways
// to both) or one link of a oneway chain (one edge in from one neighbour, one edge out to
// the other); each chain between kept nodes becomes one edge whose minutes are the sum of
// its edges, added in travel order. A ring made only of such nodes keeps its lowest node.
// `g` must be simplified. The result is indexed by position in `kept` (old ids,
// ascending) and simplified.
struct Compressed {
  Csr graph;
  std::vector<std::uint32_t> kept;
  std::size_t removed = 0;
};
Compressed compress_degree2(const Csr& g, const std::vector<std::uint8_t>& pinned);

}  // namespace careatlas::routing::detail
