#include "careatlas/geometry/planar_locator.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <optional>
#include <thread>

namespace careatlas::geometry {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

struct Edge {
  double x0, y0, x1, y1;  // y0 < y1 (horizontal edges are dropped: they never cross a ray)
};

// Edges of one district sorted into bands of equal height.
class BandedPolygon {
 public:
  explicit BandedPolygon(const PlanarMultiPolygon& mp) {
    std::vector<Edge> edges;
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
    height_ = (ymax - ymin_) / nbands_;
    if (!(height_ > 0)) height_ = 1.0;
    bands_.assign(static_cast<std::size_t>(nbands_), {});
    for (const Edge& e : edges) {
      const int b0 = band_of(e.y0), b1 = band_of(e.y1);
      for (int b = b0; b <= b1; ++b) bands_[static_cast<std::size_t>(b)].push_back(e);
    }
  }

  // Even–odd rule with the half-open convention y0 <= y < y1 for each edge.
  bool contains(XY p) const {
    if (bands_.empty() || p.y < ymin_) return false;
    const int b = band_of(p.y);
    if (b < 0 || b >= nbands_) return false;
    bool inside = false;
    for (const Edge& e : bands_[static_cast<std::size_t>(b)]) {
      if (p.y < e.y0 || p.y >= e.y1) continue;
      const double x = e.x0 + (p.y - e.y0) * (e.x1 - e.x0) / (e.y1 - e.y0);
      if (x > p.x) inside = !inside;
    }
    return inside;
  }

 private:
  int band_of(double y) const {
    const double f = std::floor((y - ymin_) / height_);
    if (f < 0) return -1;
    return std::min(static_cast<int>(f), nbands_ - 1);
  }
  double ymin_ = 0, height_ = 1;
  int nbands_ = 0;
  std::vector<std::vector<Edge>> bands_;
};

using Box = bg::model::box<XY>;
using Entry = std::pair<Box, int>;

}  // namespace

struct PlanarLocator::Impl {
  std::vector<BandedPolygon> polygons;
  bgi::rtree<Entry, bgi::rstar<16>> tree;
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
  std::vector<Entry> entries;
  impl_->polygons.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    impl_->polygons.push_back(std::move(*built[i]));
    if (!districts[i]->empty()) entries.emplace_back(bg::return_envelope<Box>(*districts[i]), static_cast<int>(i));
  }
  impl_->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
}

PlanarLocator::~PlanarLocator() = default;
PlanarLocator::PlanarLocator(PlanarLocator&&) noexcept = default;
PlanarLocator& PlanarLocator::operator=(PlanarLocator&&) noexcept = default;

int PlanarLocator::locate(XY p) const {
  int best = -1;
  for (auto it = impl_->tree.qbegin(bgi::intersects(p)); it != impl_->tree.qend(); ++it) {
    const int i = it->second;
    if ((best < 0 || i < best) && impl_->polygons[static_cast<std::size_t>(i)].contains(p)) best = i;
  }
  return best;
}

}  // namespace careatlas::geometry
