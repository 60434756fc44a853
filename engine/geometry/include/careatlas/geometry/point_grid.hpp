#pragma once
// PointGrid: a uniform bucket grid over points for "all points within r of c" queries.
//
// Points are sorted row-major by bucket, so the buckets of one grid row that a query
// circle spans are one contiguous run of points: a query touches about 2r/bucket runs,
// each scanned linearly (cache-friendly), and rows are trimmed to the circle's chord.
// Traversal order is fixed (rows south to north, then west to east), so sums taken in
// it are deterministic.
#include <cmath>
#include <cstdint>
#include <vector>

#include "careatlas/geometry/planar.hpp"

namespace careatlas::geometry {

class PointGrid {
 public:
  PointGrid(const std::vector<XY>& points, double bucket);

  // Calls f(index, squared_distance) for every point with distance <= r from c.
  template <class F>
  void for_each_within(XY c, double r, F&& f) const {
    if (points_.empty()) return;
    const double r2 = r * r;
    const long gy0 = std::max(0L, static_cast<long>(std::floor((c.y - r - y0_) / bucket_)));
    const long gy1 = std::min(ny_ - 1, static_cast<long>(std::floor((c.y + r - y0_) / bucket_)));
    for (long gy = gy0; gy <= gy1; ++gy) {
      // Half-width of the circle over this row band (nearest y of the band to c).
      const double band_lo = y0_ + static_cast<double>(gy) * bucket_, band_hi = band_lo + bucket_;
      const double dy = c.y < band_lo ? band_lo - c.y : (c.y > band_hi ? c.y - band_hi : 0.0);
      if (dy > r) continue;
      const double half = std::sqrt(r2 - dy * dy);
      const long gx0 = std::max(0L, static_cast<long>(std::floor((c.x - half - x0_) / bucket_)));
      const long gx1 = std::min(nx_ - 1, static_cast<long>(std::floor((c.x + half - x0_) / bucket_)));
      if (gx0 > gx1) continue;
      const std::size_t from = start_[static_cast<std::size_t>(gy * nx_ + gx0)];
      const std::size_t to = start_[static_cast<std::size_t>(gy * nx_ + gx1 + 1)];
      for (std::size_t k = from; k < to; ++k) {
        const XY& p = points_[k];
        const double d2 = squared_distance(p, c);
        if (d2 <= r2) f(index_[k], d2);
      }
    }
  }

 private:
  double x0_ = 0, y0_ = 0, bucket_ = 1;
  long nx_ = 0, ny_ = 0;
  std::vector<XY> points_;            // sorted by bucket
  std::vector<std::uint32_t> index_;  // original index of points_[k]
  std::vector<std::size_t> start_;    // first sorted point of each bucket (+ end)
};

}  // namespace careatlas::geometry
