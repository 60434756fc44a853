#pragma once
// PointGrid: a uniform bucket grid over points for "all points within r of c" queries.
//
// Points are sorted row-major by bucket and stored as separate x and y arrays, so the
// buckets of one grid row that a query circle spans are one contiguous run of points: a
// query touches about 2r/bucket runs, each a linear scan the compiler can keep in
// registers (the analysis's pair loops are written against runs, see analysis.cpp), and
// rows are trimmed to the circle's chord. Traversal order is fixed (rows south to north,
// then west to east), so sums taken in it are deterministic.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "careatlas/geometry/planar.hpp"

namespace careatlas::geometry {

class PointGrid {
 public:
  PointGrid(const std::vector<XY>& points, double bucket);

  // Vector loops may read up to kPadding entries past a run's end; the coordinate arrays
  // and in_scan_order() results carry that many extra zeros at the end.
  static constexpr std::size_t kPadding = 3;

  std::size_t size() const { return index_.size(); }
  // Sorted position k holds point index()[k] at (xs()[k], ys()[k]).
  const double* xs() const { return xs_.data(); }
  const double* ys() const { return ys_.data(); }
  const std::uint32_t* index() const { return index_.data(); }
  // values[index()[k]] for every sorted position k: per-point data in scan order (+ padding).
  template <class T>
  std::vector<T> in_scan_order(const std::vector<T>& values) const {
    std::vector<T> out(index_.size() + kPadding);
    for (std::size_t k = 0; k < index_.size(); ++k) out[k] = values[index_[k]];
    return out;
  }

  // Runs of sorted positions [from, to) that together hold every point within r of c (and
  // some beyond it), in scan order, into `out` (cleared first). The non-template form of
  // for_each_run, for loops compiled for another instruction set (see pair_kernels).
  struct Run {
    std::size_t from, to;
  };
  void collect_runs(XY c, double r, std::vector<Run>& out) const;

  // Calls run(from, to) for runs of sorted positions that together hold every point
  // within r of c (and some beyond it: callers test the distance). run returns false
  // to stop the query early.
  template <class F>
  void for_each_run(XY c, double r, F&& run) const {
    if (index_.empty()) return;
    const long gy0 = cell(c.y - r - y0_, ny_), gy1 = cell(c.y + r - y0_, ny_);
    const double r2 = r * r;
    for (long gy = gy0; gy <= gy1; ++gy) {
      // Half-width of the circle over this row band (nearest y of the band to c).
      const double band_lo = y0_ + static_cast<double>(gy) * bucket_, band_hi = band_lo + bucket_;
      const double dy = c.y < band_lo ? band_lo - c.y : (c.y > band_hi ? c.y - band_hi : 0.0);
      if (dy > r) continue;
      const double half = std::sqrt(r2 - dy * dy);
      const long gx0 = cell(c.x - half - x0_, nx_), gx1 = cell(c.x + half - x0_, nx_);
      const std::size_t from = start_[static_cast<std::size_t>(gy * nx_ + gx0)];
      const std::size_t to = start_[static_cast<std::size_t>(gy * nx_ + gx1 + 1)];
      if (from < to && !run(from, to)) return;
    }
  }

 private:
  // Bucket of offset v along an axis of n buckets, clamped to [0, n − 1].
  long cell(double v, long n) const {
    if (!(v > 0)) return 0;
    return std::min(n - 1, static_cast<long>(v / bucket_));
  }

  double x0_ = 0, y0_ = 0, bucket_ = 1;
  long nx_ = 0, ny_ = 0;
  std::vector<double> xs_, ys_;       // sorted by bucket (+ padding)
  std::vector<std::uint32_t> index_;  // original index of sorted position k
  std::vector<std::size_t> start_;    // first sorted point of each bucket (+ end)
};

}  // namespace careatlas::geometry
