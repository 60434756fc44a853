#pragma once
// Cross-check of two independent facts: a facility's municipality code (from the
// source's address coding) and its coordinates. A located facility whose point lies
// outside the polygon of its own municipality (when that polygon was imported) gets an
// outside_own_municipality warning naming the municipality that does contain it.
#include <functional>

#include "careatlas/model/registry.hpp"

namespace careatlas::geometry {

struct MunicipalityCheckResult {
  std::size_t checked = 0;   // located facilities whose municipality polygon is known
  std::size_t outside = 0;   // of which outside it
  std::size_t no_polygon = 0;  // located, with a code, but no polygon for the code
};

// Appends diagnostics to reg.diagnostics (and sink), updates the files' warning counts.
MunicipalityCheckResult check_municipalities(Registry& reg, DiagnosticSink& sink);

// The same for facilities that are not in reg.facilities (a streaming import): `visit`
// calls its argument once for each facility, in registry order.
using FacilityVisitor = std::function<void(const std::function<void(const Facility&)>&)>;
MunicipalityCheckResult check_municipalities(Registry& reg, const FacilityVisitor& visit, DiagnosticSink& sink);

}  // namespace careatlas::geometry
