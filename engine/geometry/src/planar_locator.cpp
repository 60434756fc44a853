#include "careatlas/geometry/planar_locator.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <cmath>
#include <cstdint>
#include <optional>
#include <thread>
#include <utility>

namespace careatlas::geometry {

namespace bg = boost::geometry;

namespace {

struct Edge {
  double x0, y0, x1, y1;  // y0 < y1 (horizontal edges are dropped: they never cross a ray)
};

// Edges of one district sorted into bands of equal height, stored flat (one array of
// edges band after band, plus each band's offset): no allocation per band.
class BandedPolygon {
 public:
  explicit BandedPolygon(const PlanarMultiPolygon& mp) {
    std::size_t vertices = 0;
    for (const auto& p : mp) {
      vertices += p.outer().size();
      for (const auto& h : p.inners()) vertices += h.size();
    }
    std::vector<Edge> edges;
    edges.reserve(vertices);
    auto add_ring = [&edges](const PlanarRing& r) {
      for (std::size_t i = 0; i + 1 < r.size(); ++i) {
        XY a = r[i], b = r[i + 1];
        if (a.y == b.y) continue;
        if (a.y > b.y) std::swap(a, b);
        edges.push_back({a.x, a.y, b.x, b.y});
      }
    };
    for (const auto& p : mp) {
      add_ring(p.outer());
      for (const auto& h : p.inners()) add_ring(h);
    }
    if (edges.empty()) return;
    ymin_ = edges.front().y0;
    double ymax = edges.front().y1;
    for (const Edge& e : edges) {
      ymin_ = std::min(ymin_, e.y0);
      ymax = std::max(ymax, e.y1);
    }
    // About 4 edges per band on average, at most 4,096 bands.
    nbands_ = static_cast<int>(std::clamp<std::size_t>(edges.size() / 4, 1, 4096));
    double height = (ymax - ymin_) / nbands_;
    if (!(height > 0)) height = 1.0;
    inv_height_ = 1.0 / height;
    // Each edge's first and last band, computed once for the count and the fill.
    std::vector<std::pair<int, int>> span(edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) span[i] = {band_of(edges[i].y0), band_of(edges[i].y1)};
    start_.assign(static_cast<std::size_t>(nbands_) + 1, 0);
    for (const auto& [b0, b1] : span)
      for (int b = b0; b <= b1; ++b) ++start_[static_cast<std::size_t>(b) + 1];
    for (std::size_t b = 1; b < start_.size(); ++b) start_[b] += start_[b - 1];
    banded_.resize(start_.back());
    std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
    for (std::size_t i = 0; i < edges.size(); ++i)
      for (int b = span[i].first; b <= span[i].second; ++b) banded_[fill[static_cast<std::size_t>(b)]++] = edges[i];
  }

  // Even–odd rule with the half-open convention y0 <= y < y1 for each edge.
  bool contains(XY p) const {
    if (banded_.empty() || p.y < ymin_) return false;
    const int b = band_of(p.y);
    if (b < 0 || b >= nbands_) return false;
    bool inside = false;
    const Edge* e = banded_.data() + start_[static_cast<std::size_t>(b)];
    const Edge* end = banded_.data() + start_[static_cast<std::size_t>(b) + 1];
    for (; e != end; ++e) {
      if (p.y < e->y0 || p.y >= e->y1) continue;
      const double x = e->x0 + (p.y - e->y0) * (e->x1 - e->x0) / (e->y1 - e->y0);
      if (x > p.x) inside = !inside;
    }
    return inside;
  }

 private:
  int band_of(double y) const {
    // Build and queries use this one function, so a point's band holds every edge at its y.
    const double f = std::floor((y - ymin_) * inv_height_);
    if (f < 0) return -1;
    return std::min(static_cast<int>(f), nbands_ - 1);
  }
  double ymin_ = 0, inv_height_ = 1;
  int nbands_ = 0;
  std::vector<std::uint32_t> start_;  // first edge of each band in banded_ (+ end)
  std::vector<Edge> banded_;
};

using Box = bg::model::box<XY>;

}  // namespace

// Candidates by position: a uniform grid over the districts' extent whose buckets list,
// in ascending order, the districts whose bounding box meets the bucket. locate() tests
// them in that order and stops at the first that contains the point.
struct PlanarLocator::Impl {
  std::vector<BandedPolygon> polygons;
  std::vector<Box> boxes;
  double x0 = 0, y0 = 0, bucket = 1;
  long nx = 0, ny = 0;
  std::vector<std::uint32_t> start;  // first candidate of each bucket (+ end)
  std::vector<int> candidates;

  long column(double x) const { return static_cast<long>(std::floor((x - x0) / bucket)); }
  long row(double y) const { return static_cast<long>(std::floor((y - y0) / bucket)); }

  void build_grid() {
    std::optional<Box> extent;
    for (const Box& b : boxes) {
      if (b.min_corner().x > b.max_corner().x) continue;  // empty district
      if (!extent) extent = b;
      else bg::expand(*extent, b);
    }
    if (!extent) return;
    x0 = extent->min_corner().x;
    y0 = extent->min_corner().y;
    const double w = extent->max_corner().x - x0, h = extent->max_corner().y - y0;
    // About 16 buckets per district: a few candidates per bucket.
    const double buckets = std::clamp(16.0 * static_cast<double>(boxes.size()), 64.0, 4.0e6);
    bucket = std::max(std::sqrt(std::max(w * h, 1.0) / buckets), std::max(w, h) / 4096.0);
    if (!(bucket > 0)) bucket = 1.0;
    nx = column(extent->max_corner().x) + 1;
    ny = row(extent->max_corner().y) + 1;
    start.assign(static_cast<std::size_t>(nx * ny) + 1, 0);
    auto each_bucket = [this](const Box& b, auto&& f) {
      for (long r = row(b.min_corner().y), r1 = row(b.max_corner().y); r <= r1; ++r)
        for (long c = column(b.min_corner().x), c1 = column(b.max_corner().x); c <= c1; ++c)
          f(static_cast<std::size_t>(r * nx + c));
    };
    for (const Box& b : boxes)
      if (b.min_corner().x <= b.max_corner().x) each_bucket(b, [this](std::size_t k) { ++start[k + 1]; });
    for (std::size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
    candidates.resize(start.back());
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < boxes.size(); ++i)  // ascending, so each list is sorted
      if (boxes[i].min_corner().x <= boxes[i].max_corner().x)
        each_bucket(boxes[i], [&](std::size_t k) { candidates[fill[k]++] = static_cast<int>(i); });
  }
};

namespace {
std::vector<const PlanarMultiPolygon*> pointers(const std::vector<PlanarMultiPolygon>& v) {
  std::vector<const PlanarMultiPolygon*> p;
  p.reserve(v.size());
  for (const auto& m : v) p.push_back(&m);
  return p;
}
}  // namespace

PlanarLocator::PlanarLocator(const std::vector<PlanarMultiPolygon>& districts) : PlanarLocator(pointers(districts), 1) {}

PlanarLocator::PlanarLocator(const std::vector<const PlanarMultiPolygon*>& districts, unsigned threads)
    : impl_(std::make_unique<Impl>()) {
  const std::size_t n = districts.size();
  std::vector<std::optional<BandedPolygon>> built(n);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (std::size_t i = t; i < n; i += threads) built[i].emplace(*districts[i]);
    });
  for (std::size_t i = 0; i < n; i += threads) built[i].emplace(*districts[i]);
  for (auto& th : pool) th.join();
  impl_->polygons.reserve(n);
  impl_->boxes.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    impl_->polygons.push_back(std::move(*built[i]));
    Box b;
    bg::assign_inverse(b);  // empty: min > max
    if (!districts[i]->empty()) b = bg::return_envelope<Box>(*districts[i]);
    impl_->boxes.push_back(b);
  }
  impl_->build_grid();
}

PlanarLocator::~PlanarLocator() = default;
PlanarLocator::PlanarLocator(PlanarLocator&&) noexcept = default;
PlanarLocator& PlanarLocator::operator=(PlanarLocator&&) noexcept = default;

int PlanarLocator::locate(XY p) const {
  const Impl& m = *impl_;
  const long c = m.column(p.x), r = m.row(p.y);
  if (!(c >= 0 && c < m.nx && r >= 0 && r < m.ny)) return -1;
  const std::size_t k = static_cast<std::size_t>(r * m.nx + c);
  for (std::uint32_t q = m.start[k]; q < m.start[k + 1]; ++q) {
    const int i = m.candidates[q];
    const Box& b = m.boxes[static_cast<std::size_t>(i)];
    if (p.x < b.min_corner().x || p.x > b.max_corner().x || p.y < b.min_corner().y || p.y > b.max_corner().y) continue;
    if (m.polygons[static_cast<std::size_t>(i)].contains(p)) return i;
  }
  return -1;
}

}  // namespace careatlas::geometry
