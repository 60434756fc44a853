#include "careatlas/app/facility_numbers.hpp"

#include "careatlas/app/booklet_plan.hpp"

namespace careatlas::app {

std::vector<int> facility_numbers(const Registry& reg, const project::ProjectConfig& project) {
  return plan_booklet(reg, project).numbers;
}

}  // namespace careatlas::app
