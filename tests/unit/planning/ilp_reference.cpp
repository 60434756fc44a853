#include "ilp_reference.hpp"

#include <glpk.h>

#include <map>
#include <stdexcept>

namespace careatlas::ilp {

namespace {

bool bit(const geometry::SlotMask& m, std::size_t s) { return (m[s / 64] >> (s % 64)) & 1; }

struct Row {
  double weight;                      // 65+ of the cell
  double cap;                         // units of deficit the row holds
  double slots;                       // slots in the group (one unit each per provider)
  std::vector<std::size_t> serving;   // candidates that serve them
};

// One row per cell and group of deficit slots served by the same candidates.
std::vector<Row> rows_of(const planning::PlanProblem& p) {
  std::vector<std::vector<std::size_t>> reaching(p.cells.size());
  for (std::size_t c = 0; c < p.candidates.size(); ++c)
    for (const std::uint32_t i : p.candidates[c].cells) reaching[i].push_back(c);
  const geometry::SlotMask w = planning::objective_slots(p.objective);
  std::vector<Row> rows;
  for (std::size_t i = 0; i < p.cells.size(); ++i) {
    const planning::PlanCell& cell = p.cells[i];
    if (cell.pop65 == 0 || reaching[i].empty()) continue;
    if (p.objective == planning::Objective::uncovered) {
      if (!cell.reached) rows.push_back({cell.pop65, 1, 1, reaching[i]});
      continue;
    }
    std::map<std::pair<std::vector<std::size_t>, int>, int> groups;  // (serving, units per slot) → slots
    for (std::size_t s = 0; s < kHoursPerWeek; ++s) {
      if (!bit(w, s)) continue;
      const int units = p.objective == planning::Objective::fragile ? (bit(cell.one, s) ? 0 : 1) + (bit(cell.two, s) ? 0 : 1)
                                                                     : (bit(cell.one, s) ? 0 : 1);
      if (units == 0) continue;
      std::vector<std::size_t> serving;
      for (const std::size_t c : reaching[i])
        if (bit(p.candidates[c].open, s)) serving.push_back(c);
      if (!serving.empty()) ++groups[{serving, units}];
    }
    for (const auto& [key, slots] : groups)
      rows.push_back({cell.pop65, static_cast<double>(key.second * slots), static_cast<double>(slots), key.first});
  }
  return rows;
}

}  // namespace

IlpOptimum ilp_optimum(const planning::PlanProblem& p, std::size_t k) {
  const std::vector<Row> rows = rows_of(p);
  const int nc = static_cast<int>(p.candidates.size()), nr = static_cast<int>(rows.size());
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MAX);
  // Columns: x_1 … x_nc (binary), then y_1 … y_nr.
  glp_add_cols(lp, nc + nr);
  for (int c = 1; c <= nc; ++c) glp_set_col_kind(lp, c, GLP_BV);
  for (int r = 0; r < nr; ++r) {
    glp_set_col_bnds(lp, nc + r + 1, GLP_DB, 0.0, rows[static_cast<std::size_t>(r)].cap);
    glp_set_obj_coef(lp, nc + r + 1, rows[static_cast<std::size_t>(r)].weight);
  }
  // Rows: Σ x = k, then y_r − slots × Σ_{c serving} x_c ≤ 0.
  glp_add_rows(lp, 1 + nr);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  glp_set_row_bnds(lp, 1, GLP_FX, static_cast<double>(k), static_cast<double>(k));
  for (int c = 1; c <= nc; ++c) ia.push_back(1), ja.push_back(c), ar.push_back(1.0);
  for (int r = 0; r < nr; ++r) {
    const Row& row = rows[static_cast<std::size_t>(r)];
    glp_set_row_bnds(lp, r + 2, GLP_UP, 0.0, 0.0);
    ia.push_back(r + 2), ja.push_back(nc + r + 1), ar.push_back(1.0);
    for (const std::size_t c : row.serving)
      ia.push_back(r + 2), ja.push_back(static_cast<int>(c) + 1), ar.push_back(-row.slots);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.presolve = GLP_ON;
  parm.msg_lev = GLP_MSG_OFF;
  const int rc = glp_intopt(lp, &parm);
  if (rc != 0 || glp_mip_status(lp) != GLP_OPT) {
    glp_delete_prob(lp);
    throw std::runtime_error("GLPK found no optimum (glp_intopt " + std::to_string(rc) + ")");
  }
  IlpOptimum out;
  out.gain = glp_mip_obj_val(lp);
  for (int c = 1; c <= nc; ++c)
    if (glp_mip_col_val(lp, c) > 0.5) out.chosen.push_back(static_cast<std::size_t>(c - 1));
  glp_delete_prob(lp);
  return out;
}

}  // namespace careatlas::ilp
