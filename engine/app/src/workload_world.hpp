#pragma once
// The workload's inputs: the three files of a world directory (WORKLOAD.md §2), read on
// two threads, with the districts projected to EPSG:6677 (§3) meanwhile.
#include <optional>
#include <string>
#include <vector>

#include "careatlas/app/workload.hpp"
#include "careatlas/geometry/planar.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/model/registry.hpp"

namespace careatlas::app::detail {

struct World {
  Registry reg;  // facilities, districts, population cells and the reports of all three files
  // What the registries of the districts and population files keep once their districts,
  // cells and reports are moved into reg (handed to the OS at exit with the rest).
  Registry districts_rest, population_rest;
  std::optional<geometry::Projection> proj;          // EPSG:6677
  std::vector<geometry::PlanarMultiPolygon> planar;  // planar[i]: reg.districts[i] projected
};

// Sets t.read_districts_s, t.read_facilities_s and t.read_population_s. Throws what the
// importers and the projection throw.
World read_world(const std::string& world_dir, WorkloadTimings& t);

}  // namespace careatlas::app::detail
