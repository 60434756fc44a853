#include "careatlas/app/project_area.hpp"

namespace careatlas::app {

std::unique_ptr<geometry::ProjectArea> project_area_of(const Registry& reg, const project::ProjectConfig& project) {
  if (project.area.empty()) return nullptr;
  return std::make_unique<geometry::ProjectArea>(project.area, reg.districts, project.reach_margin_m);
}

}  // namespace careatlas::app
