#pragma once
// One bounded Dijkstra search at a time over a RoadGraph, with arrays reused from search
// to search: each node's label carries the number of the search that wrote it, so nothing
// is cleared between searches; the queue is a 4-ary min-heap with decrease-key (each
// label knows its heap position).
//
// run(source, cutoff, on_settle) settles, in order of time, every node whose time from
// `source` is ≤ cutoff, calling on_settle(node, minutes) once for each; an edge leading
// beyond the cutoff is not followed. The time of a node is the minimum over the settled
// predecessors of (their time + edge minutes), so it does not depend on the order ties
// leave the heap: the same bits in any run.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "careatlas/routing/road_graph.hpp"

namespace careatlas::routing::detail {

class Search {
 public:
  explicit Search(const RoadGraph& g);

  template <class F>
  std::size_t run(std::uint32_t source, double cutoff, F&& on_settle);

 private:
  static constexpr std::uint32_t kSettled = 0xffffffffu;
  struct Label {
    double minutes;
    std::uint32_t search;  // which search wrote it (0 = none yet)
    std::uint32_t pos;     // position in the heap, or kSettled
  };
  struct Item {
    double key;
    std::uint32_t node;
  };

  void begin();
  void push(std::uint32_t v, double key);
  void sift_up(std::uint32_t i, Item it);
  Item pop();

  const RoadGraph& g_;
  std::vector<Label> label_;
  std::vector<Item> heap_;
  std::uint32_t search_ = 0;
};

template <class F>
std::size_t Search::run(std::uint32_t source, double cutoff, F&& on_settle) {
  if (!(cutoff >= 0)) return 0;
  begin();
  push(source, 0.0);
  std::size_t settled = 0;
  while (!heap_.empty()) {
    const Item top = pop();
    const std::uint32_t u = top.node;
    label_[u].pos = kSettled;
    ++settled;
    on_settle(u, top.key);
    const std::size_t end = g_.edge_begin(u + 1);
    for (std::size_t e = g_.edge_begin(u); e < end; ++e) {
      const double t = top.key + g_.edge_minutes(e);
      if (t > cutoff) continue;
      const std::uint32_t v = g_.edge_head(e);
      Label& l = label_[v];
      if (l.search != search_) {
        push(v, t);
      } else if (l.pos != kSettled && t < l.minutes) {
        l.minutes = t;
        sift_up(l.pos, Item{t, v});
      }
    }
  }
  return settled;
}

}  // namespace careatlas::routing::detail
