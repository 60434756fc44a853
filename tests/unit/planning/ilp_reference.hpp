#pragma once
// The exact optimum of a site-planning problem from an ILP solver (GLPK, Debian's
// libglpk-dev), the reference the greedy planner is checked against in tests.
//
// Maximum coverage as a MILP (Church & ReVelle's MCLP, with caps): binary x_c per candidate,
// Σ x_c = k; per cell and group of slots that the same candidates serve, a served amount
// 0 ≤ y ≤ cap (cap: the units of deficit those slots hold, 1 per slot, 2 for a fragile
// objective's slot nobody serves) with y ≤ slots × Σ x_c over those candidates — counting
// each slot's 65+ once per unit, as the planner's objective does. Maximise Σ 65+ × y.
#include <cstddef>
#include <vector>

#include "careatlas/planning/plan.hpp"

namespace careatlas::ilp {

struct IlpOptimum {
  double gain = 0;                  // the largest reduction of the objective with k sites
  std::vector<std::size_t> chosen;  // one optimal set
};

IlpOptimum ilp_optimum(const planning::PlanProblem& problem, std::size_t k);

}  // namespace careatlas::ilp
