#pragma once
// The coverage state of a plan: per cell, the existing providers and the picks so far
// that reach it open in each slot (counted up to two), and whether anything reaches it.
#include <bit>
#include <vector>

#include "careatlas/planning/plan.hpp"

namespace careatlas::planning::detail {

using geometry::SlotMask;

inline int count(const SlotMask& m) {
  return std::popcount(m[0]) + std::popcount(m[1]) + std::popcount(m[2]);
}
inline SlotMask operator&(const SlotMask& a, const SlotMask& b) { return {a[0] & b[0], a[1] & b[1], a[2] & b[2]}; }
inline SlotMask operator~(const SlotMask& a) { return {~a[0], ~a[1], ~a[2]}; }

struct State {
  std::vector<SlotMask> one, two;
  std::vector<std::uint8_t> reached;
};

// One cell gains a provider open in `open`: the slots it already had one in now have two.
inline void add_provider(SlotMask& one, SlotMask& two, const SlotMask& open) {
  for (std::size_t w = 0; w < 3; ++w) {
    two[w] |= one[w] & open[w];
    one[w] |= open[w];
  }
}

// The existing providers' state.
State initial_state(const PlanProblem& p);
// Adds a site: its cells gain an open provider in its slots.
void apply(State& s, const Candidate& c);

// The deficit of one cell in the objective's slots `w` (see plan.hpp), in units of its 65+.
inline int cell_deficit(Objective o, const SlotMask& w, const SlotMask& one, const SlotMask& two, bool reached) {
  switch (o) {
    case Objective::uncovered: return reached ? 0 : 1;
    case Objective::fragile: return count(w & ~one) + count(w & ~two);
    case Objective::night:
    case Objective::week: return count(w & ~one);
  }
  return 0;
}

// The objective's reduction if `c` were added to `s` (Σ over its cells in ascending order).
double gain(const PlanProblem& p, const State& s, const Candidate& c, const SlotMask& w);
// The objective in state `s`.
double deficit(const PlanProblem& p, const State& s, const SlotMask& w);

}  // namespace careatlas::planning::detail
