// travel_times: one bounded Dijkstra (search.hpp) per distinct source node, parallel over
// those searches with a fixed interleaved partition (thread t runs searches t, t + T, …),
// each thread with its own reusable search arrays. The searches are numbered by source
// node and each writes only its own row, so the table does not depend on the threads.
#include <algorithm>
#include <memory>
#include <stdexcept>
#include <utility>

#include "careatlas/routing/road_graph.hpp"
#include "parallel.hpp"
#include "search.hpp"

namespace careatlas::routing {

namespace {

// Node → the target indices at it (ascending), as CSR over the graph's nodes.
struct TargetMap {
  std::vector<std::uint32_t> first, index;
  TargetMap(const RoadGraph& g, const std::vector<std::uint32_t>& targets) : first(g.node_count() + 1, 0) {
    auto node_of = [&](std::uint32_t j) { return g.anchor_node(targets[j]); };
    const auto nt = static_cast<std::uint32_t>(targets.size());
    for (std::uint32_t j = 0; j < nt; ++j)
      if (const auto v = node_of(j); v >= 0) ++first[static_cast<std::size_t>(v) + 1];
    for (std::size_t v = 1; v < first.size(); ++v) first[v] += first[v - 1];
    index.resize(first.back());
    std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
    for (std::uint32_t j = 0; j < nt; ++j)
      if (const auto v = node_of(j); v >= 0) index[fill[static_cast<std::size_t>(v)]++] = j;
  }
};

struct Row {
  std::vector<std::pair<std::uint32_t, double>> hits;  // (target index, minutes), ascending
  std::size_t settled = 0;
};

}  // namespace

namespace detail {

std::vector<std::uint8_t> terminal_nodes(const RoadGraph& g) {
  const std::size_t n = g.node_count();
  std::vector<std::uint32_t> in_count(n, 0), in_from(n, 0);
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::size_t e = g.edge_begin(u); e < g.edge_begin(u + 1); ++e) {
      const std::uint32_t v = g.edge_head(e);
      if (in_count[v] < 2) ++in_count[v];
      in_from[v] = u;
    }
  std::vector<std::uint8_t> terminal(n, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (in_count[v] != 1) continue;
    bool back_only = true;
    for (std::size_t e = g.edge_begin(v); e < g.edge_begin(v + 1); ++e) back_only = back_only && g.edge_head(e) == in_from[v];
    terminal[v] = back_only ? detail::kTerminal : 0;
  }
  return terminal;
}

}  // namespace detail

TravelTable travel_times(const RoadGraph& g, const std::vector<std::uint32_t>& sources,
                         const std::vector<std::uint32_t>& targets, double cutoff_minutes, unsigned threads,
                         SearchStats* stats) {
  for (const auto* list : {&sources, &targets})
    for (const std::uint32_t a : *list)
      if (a >= g.anchor_count()) throw std::out_of_range("travel_times: anchor index beyond the graph's anchors");
  // Distinct source nodes, ascending: search k starts at node[k].
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_node;  // (node, source index)
  for (std::uint32_t i = 0; i < sources.size(); ++i)
    if (g.anchor_node(sources[i]) >= 0)
      by_node.emplace_back(static_cast<std::uint32_t>(g.anchor_node(sources[i])), i);
  std::sort(by_node.begin(), by_node.end());
  std::vector<std::uint32_t> node;
  std::vector<std::int64_t> search_of(sources.size(), -1);
  for (const auto& [v, i] : by_node) {
    if (node.empty() || node.back() != v) node.push_back(v);
    search_of[i] = static_cast<std::int64_t>(node.size() - 1);
  }

  const TargetMap tmap(g, targets);
  std::vector<std::uint8_t> flags = detail::terminal_nodes(g);
  for (std::size_t u = 0; u < g.node_count(); ++u)
    if (tmap.first[u] < tmap.first[u + 1]) flags[u] |= detail::kTarget;
  std::vector<Row> rows(node.size());
  const unsigned nthreads = detail::thread_count(threads);
  std::vector<std::unique_ptr<detail::Search>> spaces(nthreads);
  detail::parallel_strided(node.size(), nthreads, [&](unsigned t, std::size_t k) {
    if (!spaces[t]) spaces[t] = std::make_unique<detail::Search>(g, flags);
    Row& row = rows[k];
    row.settled = spaces[t]->run(node[k], cutoff_minutes, [&](std::uint32_t u, double m) {
      for (std::uint32_t x = tmap.first[u]; x < tmap.first[u + 1]; ++x) row.hits.emplace_back(tmap.index[x], m);
    });
    std::sort(row.hits.begin(), row.hits.end());
  });

  TravelTable table;
  table.offsets.assign(sources.size() + 1, 0);
  for (std::size_t i = 0; i < sources.size(); ++i)
    table.offsets[i + 1] = table.offsets[i] + (search_of[i] < 0 ? 0 : rows[static_cast<std::size_t>(search_of[i])].hits.size());
  table.target.reserve(table.offsets.back());
  table.minutes.reserve(table.offsets.back());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (search_of[i] < 0) continue;
    for (const auto& [j, m] : rows[static_cast<std::size_t>(search_of[i])].hits) {
      table.target.push_back(j);
      table.minutes.push_back(m);
    }
  }
  if (stats) {
    *stats = SearchStats{};
    stats->searches = node.size();
    for (const Row& r : rows) stats->settled += r.settled;
    stats->entries = table.offsets.back();
  }
  return table;
}

}  // namespace careatlas::routing
