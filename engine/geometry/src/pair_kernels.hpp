#pragma once
// The analysis's hot loops over (cell, provider) pairs — E2SFCA step 1 and the cell pass
// of reach, hour masks and E2SFCA step 2 — written over 4-lane vectors (GCC vector
// extensions). Every lane runs the same IEEE operations on every CPU (two SSE2 halves on
// a plain x86-64, one AVX2 register where the CPU has it, chosen at load time) and the
// lanes are combined in one fixed order, so results do not depend on the machine.
#include <array>
#include <cstdint>

#include "careatlas/geometry/planar.hpp"
#include "careatlas/geometry/point_grid.hpp"

namespace careatlas::geometry::detail {

// The E2SFCA Gaussian weight (Dai 2010) W(d) = (exp(−½(d/d0)²) − exp(−½)) / (1 − exp(−½))
// for d < d0, else 0, as a degree-10 polynomial in z = (d/d0)² − ½: the Taylor series of
// exp(−½(z + ½)) about z = 0, whose truncation error for |z| ≤ ½ is below 2e-14 — exact
// for the contract's 1e-3 and cheaper than exp() or a table lookup in a vector lane.
struct GaussianWeight {
  explicit GaussianWeight(double d0);
  double weight(double d2) const;  // scalar form, for tests
  double d02 = 0, inv_d02 = 0;
  std::array<double, 11> c{};
};

// Σ W(d(p, k)) · value[k] over the grid points k within d0 of p (value in the grid's scan
// order, padded: PointGrid::in_scan_order).
double weighted_sum(const PointGrid& grid, const double* value, XY p, const GaussianWeight& w);

// Providers of a layer in the grid's scan order (padded): their open-slot masks as three
// 64-bit words, and their E2SFCA ratios R_j.
struct ProviderColumns {
  const std::uint64_t* mask[3];
  const double* ratio;
};

struct CellReach {
  std::array<std::uint64_t, 3> one{}, two{};  // per slot: ≥ 1 / ≥ 2 open providers within r
  bool any = false;                           // some provider within r, open or not
  double weighted = 0;                        // Σ W(d_ij) R_j over providers within d0
  int within_d0 = 0;                          // providers with d ≤ d0
};

// Everything the cell pass needs for the cell at c, over the providers within r (masks)
// and within d0 (weights); the query radius is max(r, d0).
CellReach reach_and_access(const PointGrid& grid, const ProviderColumns& p, XY c, double r, const GaussianWeight& w);

}  // namespace careatlas::geometry::detail
