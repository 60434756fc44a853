// A cheap exact proof that a multipolygon is valid (see polygon_validity.hpp).
#include "polygon_validity.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/strategies/cartesian/area.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <vector>

namespace careatlas {

// ---- validity ----------------------------------------------------------------------------
//
// boost::geometry::is_valid spends most of its time looking for self-intersections, on a
// copy of the polygon rescaled to an integer grid of 10^7 steps across its bounding box
// (Boost 1.74). surely_valid() proves validity cheaply for the common case — simple rings
// far from touching themselves — and answers "not sure" whenever anything is close, so
// that is_valid() decides exactly as before on every polygon that is not plainly valid.
//
// What it proves, ring by ring (each implies the corresponding part of is_valid):
//  - finite coordinates; at least 4 points; closed (first == last); no repeated point;
//  - orientation: bg::area > 0, is_valid's own test for a clockwise outer ring;
//  - no spike: at every vertex the boundary goes on (dot > 0) or clearly turns (the
//    cross product far above is_valid's collinearity tolerance);
//  - no self-intersection: every segment is longer than a margin, and segments that do not
//    share a vertex are farther apart than that margin, which is 16 steps of the rescaling
//    grid (rounding to the grid moves a point by at most 0.71 steps) plus far more than the
//    rounding errors of the coordinates: the rescaled rings have no turns either;
// and for several polygons: bounding boxes apart by more than the margin (no turns between
// them, interiors disjoint). Polygons with holes are left to is_valid.

namespace {

struct Box {
  double min_x, min_y, max_x, max_y;
};

Box envelope_of(const Polygon::ring_type& ring) {
  Box b{ring[0].lon, ring[0].lat, ring[0].lon, ring[0].lat};
  for (const LonLat& p : ring) {
    b.min_x = std::min(b.min_x, p.lon);
    b.max_x = std::max(b.max_x, p.lon);
    b.min_y = std::min(b.min_y, p.lat);
    b.max_y = std::max(b.max_y, p.lat);
  }
  return b;
}

bool apart(const Box& a, const Box& b, double margin) {
  return a.max_x + margin < b.min_x || b.max_x + margin < a.min_x || a.max_y + margin < b.min_y ||
         b.max_y + margin < a.min_y;
}

double cross(double ax, double ay, double bx, double by) { return ax * by - ay * bx; }

// Squared distance from p to the segment ab.
double distance2(const LonLat& p, const LonLat& a, const LonLat& b) {
  const double dx = b.lon - a.lon, dy = b.lat - a.lat;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = a.lon + t * dx - p.lon, ey = a.lat + t * dy - p.lat;
  return ex * ex + ey * ey;
}

// Segments ab and cd do not cross and no end point lies within `margin` of the other
// segment (then no point of one lies within `margin` of the other).
bool segments_apart(const LonLat& a, const LonLat& b, const LonLat& c, const LonLat& d, double margin) {
  const double o1 = cross(b.lon - a.lon, b.lat - a.lat, c.lon - a.lon, c.lat - a.lat);
  const double o2 = cross(b.lon - a.lon, b.lat - a.lat, d.lon - a.lon, d.lat - a.lat);
  const double o3 = cross(d.lon - c.lon, d.lat - c.lat, a.lon - c.lon, a.lat - c.lat);
  const double o4 = cross(d.lon - c.lon, d.lat - c.lat, b.lon - c.lon, b.lat - c.lat);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return false;
  const double m2 = margin * margin;
  return distance2(a, c, d) > m2 && distance2(b, c, d) > m2 && distance2(c, a, b) > m2 && distance2(d, a, b) > m2;
}

// The ring-local conditions: finite, closed, ≥ 4 points, no repeated point, segments longer
// than the margin, oriented, no spike.
bool ring_plainly_valid(const Polygon::ring_type& ring, double margin) {
  const std::size_t n = ring.size();
  if (n < 4 || !(ring.front() == ring.back())) return false;
  for (const LonLat& p : ring)
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat)) return false;
  const std::size_t m = n - 1;  // segments; vertices 0 … m-1 (vertex m repeats vertex 0)
  for (std::size_t i = 0; i < m; ++i) {
    const LonLat& prev = ring[i == 0 ? m - 1 : i - 1];
    const LonLat& here = ring[i];
    const LonLat& next = ring[i + 1];
    const double ax = here.lon - prev.lon, ay = here.lat - prev.lat;
    const double bx = next.lon - here.lon, by = next.lat - here.lat;
    if (bx * bx + by * by <= margin * margin) return false;  // also catches repeated points
    // is_valid calls three points collinear when |cross| <= 2.2e-16 * max(1, |dx|, |dy|);
    // a turn of more than 90 degrees must be far from that to be sure it is no spike.
    const double tolerance = 1e-12 * std::max({1.0, std::abs(ax), std::abs(ay), std::abs(bx), std::abs(by)});
    if (ax * bx + ay * by <= 0 && std::abs(cross(ax, ay, bx, by)) <= tolerance) return false;
  }
  return boost::geometry::area(ring) > 0;
}

// No two segments of a ring that do not share a vertex come within `margin` of each other.
//
// A run of segments that all move on by more than the margin in one direction u — each
// segment's projection on u longer than the margin — cannot come near itself: between
// segments i and j > i + 1 lies segment i + 1, so along u every point of j lies more than
// the margin beyond every point of i. The ring is cut into a binary tree of index ranges,
// each with its bounding box and the directions (of eight: the axes and diagonals) in which
// it is such a run; pairs of ranges are compared top-down and dropped as soon as their
// boxes are apart or they join into one run. District boundaries are mostly long runs
// (noisy, but heading one way), so few pairs remain.
class RingProximity {
 public:
  RingProximity(const Polygon::ring_type& ring, double margin)
      : ring_(ring), m_(ring.size() - 1), margin_(margin), nodes_(4 * ((m_ + kLeaf - 1) / kLeaf) + 4) {
    build(1, 0, m_);
  }
  bool far_from_itself() const { return self_apart(1); }

 private:
  static constexpr std::size_t kLeaf = 8;  // segments per leaf, compared pair by pair
  // Directions a segment moves in by more than the margin.
  enum : unsigned {
    kEast = 1,
    kWest = 2,
    kNorth = 4,
    kSouth = 8,
    kNorthEast = 16,
    kSouthWest = 32,
    kNorthWest = 64,
    kSouthEast = 128,
  };
  static constexpr unsigned kAllDirections = 255;
  struct Node {
    std::size_t lo = 0, hi = 0;  // segments [lo, hi)
    Box box{};                   // widened by half the margin on every side
    unsigned runs = 0;           // directions every segment of the range moves in
    bool leaf = true;
  };
  unsigned directions(const LonLat& a, const LonLat& b) const {
    const double dx = b.lon - a.lon, dy = b.lat - a.lat;
    const double diagonal = margin_ * std::numbers::sqrt2;  // projections on (±1, ±1)/√2
    return (dx > margin_ ? kEast : 0u) | (dx < -margin_ ? kWest : 0u) | (dy > margin_ ? kNorth : 0u) |
           (dy < -margin_ ? kSouth : 0u) | (dx + dy > diagonal ? kNorthEast : 0u) |
           (dx + dy < -diagonal ? kSouthWest : 0u) | (dy - dx > diagonal ? kNorthWest : 0u) |
           (dy - dx < -diagonal ? kSouthEast : 0u);
  }

  void build(std::size_t k, std::size_t lo, std::size_t hi) {
    Node& n = nodes_[k];
    n.lo = lo;
    n.hi = hi;
    if (hi - lo <= kLeaf) {
      const double half = margin_ / 2;
      n.box = {ring_[lo].lon, ring_[lo].lat, ring_[lo].lon, ring_[lo].lat};
      n.runs = kAllDirections;
      for (std::size_t i = lo; i < hi; ++i) {
        const LonLat& b = ring_[i + 1];
        n.box = {std::min(n.box.min_x, b.lon), std::min(n.box.min_y, b.lat), std::max(n.box.max_x, b.lon),
                 std::max(n.box.max_y, b.lat)};
        n.runs &= directions(ring_[i], b);
      }
      n.box = {n.box.min_x - half, n.box.min_y - half, n.box.max_x + half, n.box.max_y + half};
      return;
    }
    const std::size_t mid = lo + (hi - lo) / 2;
    build(2 * k, lo, mid);
    build(2 * k + 1, mid, hi);
    const Node& l = nodes_[2 * k];
    const Node& r = nodes_[2 * k + 1];
    n.leaf = false;
    n.box = {std::min(l.box.min_x, r.box.min_x), std::min(l.box.min_y, r.box.min_y),
             std::max(l.box.max_x, r.box.max_x), std::max(l.box.max_y, r.box.max_y)};
    n.runs = l.runs & r.runs;
  }
  static bool joins_into_run(const Node& a, const Node& b) { return a.hi == b.lo && (a.runs & b.runs) != 0; }

  bool segments_ok(std::size_t i, std::size_t j) const {  // i < j
    if (j == i + 1 || (i == 0 && j == m_ - 1)) return true;  // neighbours share a vertex
    const LonLat &a = ring_[i], &b = ring_[i + 1], &c = ring_[j], &d = ring_[j + 1];
    // Bounding boxes more than the margin apart settle most pairs.
    if (std::min(c.lon, d.lon) - std::max(a.lon, b.lon) > margin_ ||
        std::min(a.lon, b.lon) - std::max(c.lon, d.lon) > margin_ ||
        std::min(c.lat, d.lat) - std::max(a.lat, b.lat) > margin_ ||
        std::min(a.lat, b.lat) - std::max(c.lat, d.lat) > margin_)
      return true;
    return segments_apart(a, b, c, d, margin_);
  }
  bool self_apart(std::size_t k) const {
    const Node& n = nodes_[k];
    if (n.runs != 0) return true;
    if (n.leaf) {
      for (std::size_t i = n.lo; i < n.hi; ++i)
        for (std::size_t j = i + 1; j < n.hi; ++j)
          if (!segments_ok(i, j)) return false;
      return true;
    }
    return self_apart(2 * k) && self_apart(2 * k + 1) && pair_apart(2 * k, 2 * k + 1);
  }
  // Ranges a and b, a before b.
  bool pair_apart(std::size_t a, std::size_t b) const {
    const Node& na = nodes_[a];
    const Node& nb = nodes_[b];
    if (apart(na.box, nb.box, 0.0) || joins_into_run(na, nb)) return true;
    if (na.leaf && nb.leaf) {
      for (std::size_t i = na.lo; i < na.hi; ++i)
        for (std::size_t j = nb.lo; j < nb.hi; ++j)
          if (!segments_ok(i, j)) return false;
      return true;
    }
    if (nb.leaf || (!na.leaf && na.hi - na.lo >= nb.hi - nb.lo))
      return pair_apart(2 * a, b) && pair_apart(2 * a + 1, b);
    return pair_apart(a, 2 * b) && pair_apart(a, 2 * b + 1);
  }

  const Polygon::ring_type& ring_;
  std::size_t m_;
  double margin_;
  std::vector<Node> nodes_;
};

}  // namespace

bool surely_valid(const MultiPolygon& mp) {
  if (mp.empty()) return false;
  std::vector<Box> boxes;
  boxes.reserve(mp.size());
  for (const Polygon& poly : mp) {
    if (!poly.inners().empty() || poly.outer().size() < 4) return false;
    boxes.push_back(envelope_of(poly.outer()));
  }
  Box all = boxes[0];
  for (const Box& b : boxes)
    all = {std::min(all.min_x, b.min_x), std::min(all.min_y, b.min_y), std::max(all.max_x, b.max_x),
           std::max(all.max_y, b.max_y)};
  const double size = std::max(all.max_x - all.min_x, all.max_y - all.min_y);
  if (!std::isfinite(size) || !(size > 0)) return false;
  // 16 steps of is_valid's rescaling grid, plus far more than the rounding errors of
  // coordinates of this magnitude (which is_valid's tolerances and rescaling carry).
  const double magnitude =
      std::max({1.0, std::abs(all.min_x), std::abs(all.max_x), std::abs(all.min_y), std::abs(all.max_y)});
  const double margin = 16.0 * size / 1e7 + 1024.0 * std::numeric_limits<double>::epsilon() * magnitude;
  for (std::size_t k = 0; k < mp.size(); ++k)
    for (std::size_t l = k + 1; l < mp.size(); ++l)
      if (!apart(boxes[k], boxes[l], margin)) return false;
  for (std::size_t k = 0; k < mp.size(); ++k)
    if (!ring_plainly_valid(mp[k].outer(), margin) || !RingProximity(mp[k].outer(), margin).far_from_itself())
      return false;
  return true;
}

}  // namespace careatlas
