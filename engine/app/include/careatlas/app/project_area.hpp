#pragma once
// The project area over an imported registry, for the jobs that follow the import: the
// analysis ranks only the area's districts, the maps frame it and the booklet lists its
// facilities (geometry/project_area.hpp says what is in the area and what within reach).
#include <memory>

#include "careatlas/geometry/project_area.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"

namespace careatlas::app {

// Null when the project names no area ([project] area, else municipality_code).
std::unique_ptr<geometry::ProjectArea> project_area_of(const Registry& reg, const project::ProjectConfig& project);

}  // namespace careatlas::app
