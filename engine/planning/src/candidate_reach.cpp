// Straight-line reach of candidate sites over the cells (distance ≤ radius).
#include <algorithm>

#include "careatlas/geometry/point_grid.hpp"
#include "careatlas/planning/plan.hpp"

namespace careatlas::planning {

std::vector<std::vector<std::uint32_t>> cells_within(const std::vector<geometry::XY>& cells,
                                                     const std::vector<geometry::XY>& sites, double radius_m) {
  std::vector<std::vector<std::uint32_t>> out(sites.size());
  if (cells.empty()) return out;
  const geometry::PointGrid grid(cells, std::max(500.0, radius_m / 4.0));
  const double r2 = radius_m * radius_m;
  for (std::size_t s = 0; s < sites.size(); ++s) {
    const geometry::XY c = sites[s];
    grid.for_each_run(c, radius_m, [&](std::size_t from, std::size_t to) {
      for (std::size_t k = from; k < to; ++k) {
        const double dx = grid.xs()[k] - c.x, dy = grid.ys()[k] - c.y;
        if (dx * dx + dy * dy <= r2) out[s].push_back(grid.index()[k]);
      }
      return true;
    });
    std::sort(out[s].begin(), out[s].end());
  }
  return out;
}

}  // namespace careatlas::planning
