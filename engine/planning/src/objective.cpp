// Objectives of the site planner: their table, slots, and the coverage state they count.
#include <stdexcept>

#include "careatlas/planning/plan.hpp"
#include "state.hpp"

namespace careatlas::planning {

const std::vector<ObjectiveInfo>& objective_table() {
  static const std::vector<ObjectiveInfo> table = {
      {Objective::night, "night", "person-hours per week", "夜間（22時〜6時）に対応できない65歳以上の人・時間（週あたり）"},
      {Objective::week, "week", "person-hours per week", "対応できない65歳以上の人・時間（週あたり）"},
      {Objective::uncovered, "uncovered", "persons", "到達圏外の65歳以上人口"},
      {Objective::fragile, "fragile", "person-hours per week",
       "代わりの事業所がない65歳以上の人・時間（週あたり、対応0か所は2、1か所は1と数える）"},
  };
  return table;
}

const ObjectiveInfo& objective_info(Objective o) {
  for (const ObjectiveInfo& i : objective_table())
    if (i.objective == o) return i;
  throw std::logic_error("objective missing from objective_table");
}

std::optional<Objective> objective_named(std::string_view name) {
  for (const ObjectiveInfo& i : objective_table())
    if (i.name == name) return i.objective;
  return std::nullopt;
}

geometry::SlotMask objective_slots(Objective o) {
  geometry::SlotMask m{0, 0, 0};
  for (std::size_t h = 0; h < kHoursPerWeek; ++h) {
    const std::size_t hh = h % 24;
    if (o == Objective::night && !(hh >= 22 || hh < 6)) continue;
    m[h / 64] |= std::uint64_t{1} << (h % 64);
  }
  return m;
}

namespace detail {

State initial_state(const PlanProblem& p) {
  State s;
  s.one.reserve(p.cells.size());
  s.two.reserve(p.cells.size());
  s.reached.reserve(p.cells.size());
  for (const PlanCell& c : p.cells) {
    s.one.push_back(c.one);
    s.two.push_back(c.two);
    s.reached.push_back(c.reached ? 1 : 0);
  }
  return s;
}

void apply(State& s, const Candidate& c) {
  for (const std::uint32_t i : c.cells) {
    add_provider(s.one[i], s.two[i], c.open);
    s.reached[i] = 1;
  }
}

double gain(const PlanProblem& p, const State& s, const Candidate& c, const SlotMask& w) {
  double g = 0;
  const Objective o = p.objective;
  for (const std::uint32_t i : c.cells) {
    const double pop = p.cells[i].pop65;
    if (pop == 0) continue;
    int units = 0;
    switch (o) {
      case Objective::uncovered: units = s.reached[i] ? 0 : 1; break;
      case Objective::fragile: units = count(w & c.open & ~s.two[i]); break;
      case Objective::night:
      case Objective::week: units = count(w & c.open & ~s.one[i]); break;
    }
    g += pop * units;
  }
  return g;
}

double deficit(const PlanProblem& p, const State& s, const SlotMask& w) {
  double d = 0;
  for (std::size_t i = 0; i < p.cells.size(); ++i)
    if (p.cells[i].pop65 != 0)
      d += p.cells[i].pop65 * cell_deficit(p.objective, w, s.one[i], s.two[i], s.reached[i] != 0);
  return d;
}

}  // namespace detail

double objective_value(const PlanProblem& problem, const std::vector<std::size_t>& chosen) {
  detail::State s = detail::initial_state(problem);
  for (const std::size_t c : chosen) detail::apply(s, problem.candidates.at(c));
  return detail::deficit(problem, s, objective_slots(problem.objective));
}

}  // namespace careatlas::planning
