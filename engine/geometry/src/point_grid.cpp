#include "careatlas/geometry/point_grid.hpp"

#include <algorithm>
#include <numeric>

namespace careatlas::geometry {

PointGrid::PointGrid(const std::vector<XY>& points, double bucket) : bucket_(bucket) {
  if (points.empty()) return;
  double x1 = points[0].x, y1 = points[0].y;
  x0_ = x1;
  y0_ = y1;
  for (const XY& p : points) {
    x0_ = std::min(x0_, p.x);
    y0_ = std::min(y0_, p.y);
    x1 = std::max(x1, p.x);
    y1 = std::max(y1, p.y);
  }
  // Keep the bucket table modest (≤ 4 M buckets) for country-wide extents.
  while (((x1 - x0_) / bucket_ + 1) * ((y1 - y0_) / bucket_ + 1) > 4.0e6) bucket_ *= 2;
  nx_ = static_cast<long>(std::floor((x1 - x0_) / bucket_)) + 1;
  ny_ = static_cast<long>(std::floor((y1 - y0_) / bucket_)) + 1;
  std::vector<std::size_t> key(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const long gx = std::min(nx_ - 1, static_cast<long>(std::floor((points[i].x - x0_) / bucket_)));
    const long gy = std::min(ny_ - 1, static_cast<long>(std::floor((points[i].y - y0_) / bucket_)));
    key[i] = static_cast<std::size_t>(gy * nx_ + gx);
  }
  std::vector<std::uint32_t> order(points.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&key](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
  xs_.resize(points.size() + kPadding);
  ys_.resize(points.size() + kPadding);
  index_ = order;
  start_.assign(static_cast<std::size_t>(nx_ * ny_) + 1, 0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    xs_[k] = points[order[k]].x;
    ys_[k] = points[order[k]].y;
    ++start_[key[order[k]] + 1];
  }
  std::partial_sum(start_.begin(), start_.end(), start_.begin());
}

void PointGrid::collect_runs(XY c, double r, std::vector<Run>& out) const {
  out.clear();
  for_each_run(c, r, [&out](std::size_t from, std::size_t to) {
    out.push_back({from, to});
    return true;
  });
}

}  // namespace careatlas::geometry
