// Snapping anchors to segments (see snap.hpp). The index is a uniform grid: each segment
// is listed in every cell it passes through (rasterised row by row, with a small margin,
// so no crossed cell is missed), in segment order. A query scans square rings of cells
// around the anchor's cell; after ring k every segment not yet seen is at least k·cell
// away, so the scan stops once k·cell exceeds the best distance so far (or snap_max_m):
// a segment at exactly the best distance can still be found, which keeps ties exact.
#include "snap.hpp"

#include <algorithm>
#include <cmath>

#include "parallel.hpp"

namespace careatlas::routing::detail {

using geometry::XY;

Projection project(XY p, XY a, XY b) {
  const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0.0;
  XY at;
  if (t <= 0) {
    t = 0, at = a;
  } else if (t >= 1) {
    t = 1, at = b;
  } else {
    at = {a.x + t * dx, a.y + t * dy};
    if (at == a) t = 0;
    if (at == b) t = 1;
  }
  return {t, at, geometry::squared_distance(p, at)};
}

namespace {

class SegmentGrid {
 public:
  SegmentGrid(const Segments& segs, const std::vector<XY>& points, double min_cell);
  AnchorSnap nearest(XY p, double max_d) const;

 private:
  long cell_x(double x) const { return static_cast<long>(std::floor((x - x0_) / cell_)); }
  long cell_y(double y) const { return static_cast<long>(std::floor((y - y0_) / cell_)); }
  template <class F>
  void rasterise(std::size_t s, F&& f) const;

  const Segments& segs_;
  const std::vector<XY>& points_;
  double x0_ = 0, y0_ = 0, cell_ = 1;
  long nx_ = 0, ny_ = 0;
  std::vector<std::uint32_t> start_;  // first entry of each cell (+ end)
  std::vector<std::uint32_t> ids_;    // segment ids, cell after cell, ascending in a cell
};

SegmentGrid::SegmentGrid(const Segments& segs, const std::vector<XY>& points, double min_cell)
    : segs_(segs), points_(points) {
  if (segs.size() == 0) return;
  double x1 = -INFINITY, y1 = -INFINITY;
  x0_ = y0_ = INFINITY;
  for (std::size_t s = 0; s < segs.size(); ++s)
    for (const std::uint32_t p : {segs.a[s], segs.b[s]}) {
      x0_ = std::min(x0_, points[p].x), y0_ = std::min(y0_, points[p].y);
      x1 = std::max(x1, points[p].x), y1 = std::max(y1, points[p].y);
    }
  const double w = std::max(x1 - x0_, 1.0), h = std::max(y1 - y0_, 1.0);
  const double n = static_cast<double>(segs.size());
  // About two segments a cell, never finer than min_cell, never more cells than 4n.
  cell_ = std::max({std::sqrt(w * h / n) * 1.5, min_cell, std::sqrt(w * h / (4 * n))});
  nx_ = static_cast<long>(w / cell_) + 1, ny_ = static_cast<long>(h / cell_) + 1;
  std::vector<std::uint32_t> count(static_cast<std::size_t>(nx_ * ny_) + 1, 0);
  for (std::size_t s = 0; s < segs.size(); ++s) rasterise(s, [&](std::size_t c) { ++count[c]; });
  start_.assign(count.size(), 0);
  for (std::size_t c = 1; c < count.size(); ++c) start_[c] = start_[c - 1] + count[c - 1];
  ids_.resize(start_.back());
  std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
  for (std::size_t s = 0; s < segs.size(); ++s)
    rasterise(s, [&](std::size_t c) { ids_[fill[c]++] = static_cast<std::uint32_t>(s); });
}

// Calls f(cell) for every cell segment s passes through (and a few next to it).
template <class F>
void SegmentGrid::rasterise(std::size_t s, F&& f) const {
  const XY a = points_[segs_.a[s]], b = points_[segs_.b[s]];
  const double eps = 1e-6 * cell_;
  const long r0 = std::max(0L, cell_y(std::min(a.y, b.y) - eps));
  const long r1 = std::min(ny_ - 1, cell_y(std::max(a.y, b.y) + eps));
  for (long r = r0; r <= r1; ++r) {
    double lo = std::min(a.x, b.x), hi = std::max(a.x, b.x);
    if (a.y != b.y) {  // the part of the segment inside this row band
      const double band0 = y0_ + static_cast<double>(r) * cell_, band1 = band0 + cell_;
      double t0 = (band0 - a.y) / (b.y - a.y), t1 = (band1 - a.y) / (b.y - a.y);
      if (t0 > t1) std::swap(t0, t1);
      t0 = std::clamp(t0, 0.0, 1.0), t1 = std::clamp(t1, 0.0, 1.0);
      const double xa = a.x + t0 * (b.x - a.x), xb = a.x + t1 * (b.x - a.x);
      lo = std::min(xa, xb), hi = std::max(xa, xb);
    }
    const long c0 = std::max(0L, cell_x(lo - eps)), c1 = std::min(nx_ - 1, cell_x(hi + eps));
    for (long c = c0; c <= c1; ++c) f(static_cast<std::size_t>(r * nx_ + c));
  }
}

AnchorSnap SegmentGrid::nearest(XY p, double max_d) const {
  AnchorSnap best[2];                         // [0] regular segments, [1] small pieces
  double best_d2[2] = {INFINITY, INFINITY};   // of candidates within max_d
  if (start_.empty()) return best[0];
  const double max_d2 = max_d * max_d;
  const long cx = cell_x(p.x), cy = cell_y(p.y);
  auto visit = [&](long x, long y) {
    if (x < 0 || y < 0 || x >= nx_ || y >= ny_) return;
    const std::size_t c = static_cast<std::size_t>(y * nx_ + x);
    for (std::uint32_t k = start_[c]; k < start_[c + 1]; ++k) {
      const std::uint32_t s = ids_[k];
      const int kind = segs_.small(s) ? 1 : 0;
      const Projection pr = project(p, points_[segs_.a[s]], points_[segs_.b[s]]);
      if (pr.d2 > max_d2 || pr.d2 > best_d2[kind]) continue;
      if (pr.d2 == best_d2[kind] && s >= best[kind].segment) continue;
      best_d2[kind] = pr.d2;
      best[kind] = {s, pr.t, pr.at, 0};
    }
  };
  for (long k = 0;; ++k) {
    if (k == 0) {
      visit(cx, cy);
    } else {
      for (long x = cx - k; x <= cx + k; ++x) visit(x, cy - k), visit(x, cy + k);
      for (long y = cy - k + 1; y <= cy + k - 1; ++y) visit(cx - k, y), visit(cx + k, y);
    }
    const double reach = static_cast<double>(k) * cell_;  // every unseen segment is ≥ reach away
    const double bound = best[0].segment != kNoSegment ? std::sqrt(best_d2[0]) : max_d;
    if (reach > bound) break;
  }
  AnchorSnap r = best[0].segment != kNoSegment ? best[0] : best[1];
  if (r.segment != kNoSegment) r.distance = std::sqrt(geometry::squared_distance(p, r.at));
  return r;
}

}  // namespace

std::vector<AnchorSnap> snap_anchors(const Segments& segs, const std::vector<XY>& points,
                                     const std::vector<XY>& anchors, double snap_max_m, unsigned threads) {
  const double max_d = std::max(snap_max_m, 0.0);
  const SegmentGrid grid(segs, points, std::max(max_d / 8.0, 1.0));
  std::vector<AnchorSnap> out(anchors.size());
  parallel_for(anchors.size(), thread_count(threads), [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) out[i] = grid.nearest(anchors[i], max_d);
  });
  return out;
}

}  // namespace careatlas::routing::detail
