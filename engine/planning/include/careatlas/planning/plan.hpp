#pragma once
// Site planning for the council (PDCA ⑤ and ⑦): which K new provider sites for one layer
// most reduce a gap objective, keeping every existing provider.
//
// The problem is the analysis's own state (geometry::cell_hours): per 500 m cell its 65+
// and, per hour-of-week slot, whether one or two open providers already reach it. Each
// candidate site reaches a set of cells (straight line within the layer's radius, or by
// road within its minutes: the caller computes it) and is open in a set of slots.
//
// Objectives (the deficit to reduce; ObjectiveInfo gives names and units):
//   night      Σ 65+ × night hours (22:00–06:00 of the 168 hours of the week) with no open
//              provider in reach — person-hours per week. DEFAULT
//   week       the same over all 168 hours of the week.
//   uncovered  Σ 65+ beyond every provider's reach, whatever the hours — persons.
//   fragile    Σ 65+ × hours of the week short of a deputy: 2 for an hour with no open
//              provider, 1 for an hour with exactly one — person-hours per week.
// Each is a coverage function of the chosen set (the cell-hours it serves, each counted
// up to its cap): monotone and submodular, so greedy selection is within (1 − 1/e) of the
// optimum (Nemhauser, Wolsey & Fisher 1978), more precisely 1 − (1 − 1/K)^K.
//
// Method: greedy with lazy evaluation (Minoux 1978; CELF, Leskovec et al. 2007): the
// candidate of largest gain is picked, a gain is recomputed only when it is the largest
// stale one, as gains never grow. Then single swaps (a pick out, a candidate in) while one
// reduces the objective further. Ties go to the lower candidate index: deterministic.
// The bound on the best possible reduction with K sites is the smaller of the greedy
// guarantee (greedy gain / (1 − (1 − 1/K)^K)) and the data-dependent bound f(S) + Σ of the
// K largest marginal gains over S (Minoux's): no K candidates can reduce more.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "careatlas/geometry/analysis.hpp"
#include "careatlas/geometry/planar.hpp"

namespace careatlas::planning {

enum class Objective { night, week, uncovered, fragile };

struct ObjectiveInfo {
  Objective objective;
  std::string_view name;     // --objective
  std::string_view unit;     // "person-hours per week", "persons"
  std::string_view caption;  // Japanese, for tables and maps
};
const std::vector<ObjectiveInfo>& objective_table();
const ObjectiveInfo& objective_info(Objective o);
std::optional<Objective> objective_named(std::string_view name);

// The slots an objective counts: the 56 night hours, or all 168 hours of the week (the
// holiday profile is not planned for: it is reported by the analysis).
geometry::SlotMask objective_slots(Objective o);

struct PlanCell {
  double pop65 = 0;
  geometry::SlotMask one{}, two{};  // existing providers open in reach: ≥ 1, ≥ 2 (cell_hours)
  bool reached = false;             // some existing provider reaches it, open or not
};

struct Candidate {
  geometry::SlotMask open{};         // slots the new site would be open
  std::vector<std::uint32_t> cells;  // PlanProblem::cells it would reach, ascending
};

struct PlanProblem {
  Objective objective = Objective::night;
  std::vector<PlanCell> cells;  // the cells that count (those of the analysed districts)
  std::vector<Candidate> candidates;
};

struct Pick {
  std::size_t candidate = 0;
  double gain = 0;             // reduction of the objective by this pick, after the earlier ones
  double pop65_resolved = 0;   // 65+ of cells whose deficit this pick brings to 0
  double objective_after = 0;  // the objective with this and the earlier picks
};

struct PlanResult {
  double before = 0;  // the objective with the existing providers only
  double after = 0;   // … and the picks
  std::vector<Pick> picks;  // in greedy order over the final set (each gain given the earlier)
  double greedy_gain = 0;   // reduction of the greedy set, before swaps
  std::size_t swaps = 0;    // improving swaps made
  std::size_t evaluations = 0;  // gain evaluations (lazy greedy, swaps, bound)
  double bound = 0;         // no K candidates reduce the objective by more than this
  double gain() const { return before - after; }
};

struct PlanOptions {
  std::size_t max_swap_rounds = 50;  // each round makes the best improving swap
};

// Picks min(k, candidates) sites. Candidates that reduce nothing are not picked: the
// result may hold fewer than k picks (the objective is then 0 where they could reach).
PlanResult plan(const PlanProblem& problem, std::size_t k, const PlanOptions& options = {});

// The objective with the existing providers and the `chosen` candidates (for tests and
// the tables after the additions).
double objective_value(const PlanProblem& problem, const std::vector<std::size_t>& chosen);

// Straight-line reach: for each site, the cells whose centre lies within radius_m
// (distance ≤ radius, as the analysis measures), ascending.
std::vector<std::vector<std::uint32_t>> cells_within(const std::vector<geometry::XY>& cells,
                                                     const std::vector<geometry::XY>& sites, double radius_m);

}  // namespace careatlas::planning
