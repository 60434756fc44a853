// The reusable bounded Dijkstra of search.hpp: the 4-ary heap.
#include "search.hpp"

#include <algorithm>

namespace careatlas::routing::detail {

Search::Search(const RoadGraph& g) : g_(g), label_(g.node_count(), Label{0.0, 0, 0}) {}

void Search::begin() {
  heap_.clear();
  if (++search_ == 0) {  // the counter wrapped: forget every label once
    for (Label& l : label_) l.search = 0;
    search_ = 1;
  }
}

void Search::push(std::uint32_t v, double key) {
  label_[v] = Label{key, search_, 0};
  heap_.push_back(Item{key, v});
  sift_up(static_cast<std::uint32_t>(heap_.size() - 1), Item{key, v});
}

void Search::sift_up(std::uint32_t i, Item it) {
  while (i > 0) {
    const std::uint32_t p = (i - 1) / 4;
    if (heap_[p].key <= it.key) break;
    heap_[i] = heap_[p];
    label_[heap_[i].node].pos = i;
    i = p;
  }
  heap_[i] = it;
  label_[it.node].pos = i;
}

Search::Item Search::pop() {
  const Item top = heap_[0];
  const Item last = heap_.back();
  heap_.pop_back();
  const auto n = static_cast<std::uint32_t>(heap_.size());
  if (n == 0) return top;
  std::uint32_t i = 0;
  for (;;) {
    const std::uint32_t c = 4 * i + 1;
    if (c >= n) break;
    std::uint32_t m = c;
    const std::uint32_t end = std::min(c + 4, n);
    for (std::uint32_t k = c + 1; k < end; ++k)
      if (heap_[k].key < heap_[m].key) m = k;
    if (heap_[m].key >= last.key) break;
    heap_[i] = heap_[m];
    label_[heap_[i].node].pos = i;
    i = m;
  }
  heap_[i] = last;
  label_[last.node].pos = i;
  return top;
}

}  // namespace careatlas::routing::detail
