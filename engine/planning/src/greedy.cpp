// Lazy greedy site selection, single-swap improvement and the bound (plan.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <queue>

#include "careatlas/planning/plan.hpp"
#include "state.hpp"

namespace careatlas::planning {

namespace {

using detail::State;

struct Entry {
  double gain;
  std::size_t candidate;
  std::size_t round;  // the number of picks when the gain was computed
};
// Largest gain first, then the lower candidate index.
struct Lower {
  bool operator()(const Entry& a, const Entry& b) const {
    if (a.gain != b.gain) return a.gain < b.gain;
    return a.candidate > b.candidate;
  }
};

// A gain smaller than this is no gain (sums of 65+ counts in doubles).
double tolerance(double scale) { return 1e-9 * std::max(1.0, std::abs(scale)); }

// Greedy with lazy evaluation: gains never grow as picks are added (submodularity), so a
// stale gain is an upper bound, and the top entry, once fresh, is the best candidate.
std::vector<std::size_t> lazy_greedy(const PlanProblem& p, std::size_t k, const geometry::SlotMask& w, double before,
                                     std::size_t& evaluations) {
  State s = detail::initial_state(p);
  std::priority_queue<Entry, std::vector<Entry>, Lower> queue;
  for (std::size_t c = 0; c < p.candidates.size(); ++c) {
    queue.push({detail::gain(p, s, p.candidates[c], w), c, 0});
    ++evaluations;
  }
  std::vector<std::size_t> picks;
  while (picks.size() < k && !queue.empty()) {
    Entry top = queue.top();
    queue.pop();
    if (top.round != picks.size()) {  // stale: recompute, and put it back
      top.gain = detail::gain(p, s, p.candidates[top.candidate], w);
      top.round = picks.size();
      ++evaluations;
      queue.push(top);
      continue;
    }
    if (!(top.gain > tolerance(before))) break;  // nothing left reduces the objective
    picks.push_back(top.candidate);
    detail::apply(s, p.candidates[top.candidate]);
  }
  return picks;
}

State state_of(const PlanProblem& p, const std::vector<std::size_t>& chosen, std::size_t skip = SIZE_MAX) {
  State s = detail::initial_state(p);
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (i != skip) detail::apply(s, p.candidates[chosen[i]]);
  return s;
}

// The best improving single swap (a pick out, another candidate in), made while one
// exists: each round tries every pick against every candidate not chosen.
std::size_t improve_by_swaps(const PlanProblem& p, std::vector<std::size_t>& chosen, const geometry::SlotMask& w,
                             double before, const PlanOptions& opt, std::size_t& evaluations) {
  std::size_t swaps = 0;
  double current = detail::deficit(p, state_of(p, chosen), w);
  for (std::size_t round = 0; round < opt.max_swap_rounds && chosen.size() > 1; ++round) {
    double best = current;
    std::size_t out = SIZE_MAX, in = SIZE_MAX;
    std::vector<std::uint8_t> is_chosen(p.candidates.size(), 0);
    for (const std::size_t c : chosen) is_chosen[c] = 1;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const State without = state_of(p, chosen, i);
      const double base = detail::deficit(p, without, w);
      for (std::size_t c = 0; c < p.candidates.size(); ++c) {
        if (is_chosen[c]) continue;
        ++evaluations;
        const double v = base - detail::gain(p, without, p.candidates[c], w);
        if (v < best - tolerance(before)) best = v, out = i, in = c;
      }
    }
    if (out == SIZE_MAX) break;
    chosen[out] = in;
    current = best;
    ++swaps;
  }
  return swaps;
}

// The final set in greedy order, each pick with its gain after the earlier ones.
std::vector<Pick> sequence(const PlanProblem& p, std::vector<std::size_t> chosen, const geometry::SlotMask& w) {
  State s = detail::initial_state(p);
  std::vector<Pick> picks;
  while (!chosen.empty()) {
    std::size_t best = 0;
    double best_gain = -1;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const double g = detail::gain(p, s, p.candidates[chosen[i]], w);
      if (g > best_gain || (g == best_gain && chosen[i] < chosen[best])) best = i, best_gain = g;
    }
    const Candidate& c = p.candidates[chosen[best]];
    Pick pick;
    pick.candidate = chosen[best];
    pick.gain = best_gain;
    for (const std::uint32_t i : c.cells)
      if (detail::cell_deficit(p.objective, w, s.one[i], s.two[i], s.reached[i] != 0) > 0) {
        geometry::SlotMask one = s.one[i], two = s.two[i];
        detail::add_provider(one, two, c.open);
        if (detail::cell_deficit(p.objective, w, one, two, true) == 0) pick.pop65_resolved += p.cells[i].pop65;
      }
    detail::apply(s, c);
    pick.objective_after = detail::deficit(p, s, w);
    picks.push_back(pick);
    chosen.erase(chosen.begin() + static_cast<std::ptrdiff_t>(best));
  }
  return picks;
}

// Minoux's bound: f(S) + the k largest marginal gains over S bound the best k-set.
double data_bound(const PlanProblem& p, const std::vector<std::size_t>& chosen, std::size_t k,
                  const geometry::SlotMask& w, double gain_of_chosen, std::size_t& evaluations) {
  const State s = state_of(p, chosen);
  std::vector<double> gains;
  gains.reserve(p.candidates.size());
  for (const Candidate& c : p.candidates) {
    gains.push_back(detail::gain(p, s, c, w));
    ++evaluations;
  }
  const std::size_t n = std::min(k, gains.size());
  std::partial_sort(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(n), gains.end(), std::greater<>());
  double sum = gain_of_chosen;
  for (std::size_t i = 0; i < n; ++i) sum += gains[i];
  return sum;
}

}  // namespace

PlanResult plan(const PlanProblem& problem, std::size_t k, const PlanOptions& options) {
  const geometry::SlotMask w = objective_slots(problem.objective);
  PlanResult r;
  r.before = detail::deficit(problem, detail::initial_state(problem), w);
  k = std::min(k, problem.candidates.size());
  std::vector<std::size_t> chosen = lazy_greedy(problem, k, w, r.before, r.evaluations);
  r.greedy_gain = r.before - detail::deficit(problem, state_of(problem, chosen), w);
  r.swaps = improve_by_swaps(problem, chosen, w, r.before, options, r.evaluations);
  r.picks = sequence(problem, chosen, w);
  r.after = r.picks.empty() ? r.before : r.picks.back().objective_after;
  // The guarantee holds for the greedy set of k picks; with fewer (nothing else gains),
  // the greedy set is optimal.
  const double kk = static_cast<double>(std::max<std::size_t>(k, 1));
  const double factor = 1.0 - std::pow(1.0 - 1.0 / kk, kk);
  const double guarantee = chosen.size() < k ? r.greedy_gain : r.greedy_gain / factor;
  r.bound = std::min(guarantee, data_bound(problem, chosen, k, w, r.gain(), r.evaluations));
  r.bound = std::max(r.bound, r.gain());
  return r;
}

}  // namespace careatlas::planning
