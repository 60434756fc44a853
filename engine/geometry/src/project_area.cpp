#include "careatlas/geometry/project_area.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "careatlas/geometry/district_index.hpp"
#include "careatlas/geometry/planar_locator.hpp"
#include "careatlas/geometry/projection.hpp"

namespace careatlas::geometry {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Entry = std::pair<PlanarBox, std::size_t>;  // a boundary segment's box, its index

double segment_distance2(XY p, XY a, XY b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return squared_distance(p, XY{a.x + t * dx, a.y + t * dy});
}

// A point of the district that lies inside it: the centroid of its largest polygon when
// that polygon covers it, else that polygon's first vertex.
std::optional<LonLat> inner_point(const District& d) {
  const Polygon* largest = nullptr;
  double best = -1;
  for (const Polygon& p : d.geometry)
    if (const double a = std::abs(bg::area(p)); a > best && !p.outer().empty()) {
      best = a;
      largest = &p;
    }
  if (!largest) return std::nullopt;
  // The centroid of the outer ring (shoelace formula).
  const auto& ring = largest->outer();
  double a2 = 0, cx = 0, cy = 0;
  for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
    const double cross = ring[k].lon * ring[k + 1].lat - ring[k + 1].lon * ring[k].lat;
    a2 += cross;
    cx += (ring[k].lon + ring[k + 1].lon) * cross;
    cy += (ring[k].lat + ring[k + 1].lat) * cross;
  }
  if (a2 != 0) {
    const LonLat c{cx / (3 * a2), cy / (3 * a2)};
    if (bg::covered_by(c, *largest)) return c;
  }
  return largest->outer().front();
}

std::optional<LonLatBox> box_of(const MultiPolygon& mp) {
  bool any = false;
  LonLatBox b{1e9, 1e9, -1e9, -1e9};
  for (const Polygon& p : mp)
    for (const LonLat& v : p.outer()) {
      any = true;
      b.min_lon = std::min(b.min_lon, v.lon);
      b.max_lon = std::max(b.max_lon, v.lon);
      b.min_lat = std::min(b.min_lat, v.lat);
      b.max_lat = std::max(b.max_lat, v.lat);
    }
  if (!any) return std::nullopt;
  return b;
}

bool overlaps(const LonLatBox& a, const LonLatBox& b) {
  return a.min_lon <= b.max_lon && b.min_lon <= a.max_lon && a.min_lat <= b.max_lat && b.min_lat <= a.max_lat;
}

std::string km(double m) {
  char b[32];
  if (std::fmod(m, 1000.0) == 0) std::snprintf(b, sizeof b, "%.0f km", m / 1000);
  else std::snprintf(b, sizeof b, "%.1f km", m / 1000);
  return b;
}

}  // namespace

struct ProjectArea::Impl {
  AreaCodes codes;
  double margin = 0;
  std::vector<std::size_t> polygon_ids;
  std::optional<LonLatBox> bounds;
  LonLatBox reach_box;  // bounds grown by the margin (in degrees, generously)
  LonLatBox road_box;   // bounds grown by twice the margin (likewise)
  std::optional<Projection> proj;
  std::vector<PlanarMultiPolygon> shapes;  // the area's polygons, projected
  std::optional<PlanarLocator> locator;
  std::vector<std::pair<XY, XY>> segments;  // every boundary edge of the area
  bgi::rtree<Entry, bgi::quadratic<16>> edges;
  std::optional<LonLat> inside_point;  // a point inside the area (to find a district enclosing it)

  bool code_in_area(const District& d) const {
    if (d.level == DistrictLevel::municipality) return codes.contains(d.id);
    return !d.parent_id.empty() && codes.contains(d.parent_id);
  }
  bool near_boundary(XY p) const {
    const PlanarBox q{{p.x - margin, p.y - margin}, {p.x + margin, p.y + margin}};
    const double m2 = margin * margin;
    for (auto it = edges.qbegin(bgi::intersects(q)); it != edges.qend(); ++it) {
      const auto& [a, b] = segments[it->second];
      if (segment_distance2(p, a, b) <= m2) return true;
    }
    return false;
  }
};

ProjectArea::ProjectArea(AreaCodes codes, const std::vector<District>& districts, double margin_m)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.codes = std::move(codes);
  m.margin = std::max(0.0, margin_m);
  for (std::size_t i = 0; i < districts.size(); ++i)
    if (districts[i].level == DistrictLevel::municipality && m.codes.contains(districts[i].id)) m.polygon_ids.push_back(i);
  if (m.polygon_ids.empty())  // no municipality polygons: the area's own 日常生活圏域, by parent
    for (std::size_t i = 0; i < districts.size(); ++i)
      if (m.code_in_area(districts[i])) m.polygon_ids.push_back(i);
  for (std::size_t i : m.polygon_ids) {
    const auto b = box_of(districts[i].geometry);
    if (!b) continue;
    if (!m.bounds) m.bounds = b;
    m.bounds->min_lon = std::min(m.bounds->min_lon, b->min_lon);
    m.bounds->max_lon = std::max(m.bounds->max_lon, b->max_lon);
    m.bounds->min_lat = std::min(m.bounds->min_lat, b->min_lat);
    m.bounds->max_lat = std::max(m.bounds->max_lat, b->max_lat);
  }
  if (!m.bounds) {
    m.polygon_ids.clear();
    return;
  }
  // The margin in degrees, 10 % generous (a prefilter; the test in metres decides); the
  // longitude's degrees taken beyond the box's latitude farthest from the equator.
  auto grown = [&b = *m.bounds](double metres) {
    const double dlat = 1.1 * metres / 110574.0;
    const double lat = std::min(89.0, std::max({std::abs(b.min_lat), std::abs(b.max_lat)}) + std::max(1.0, dlat));
    const double dlon = 1.1 * metres / (111320.0 * std::cos(lat * M_PI / 180.0));
    return LonLatBox{b.min_lon - dlon, b.min_lat - dlat, b.max_lon + dlon, b.max_lat + dlat};
  };
  m.reach_box = grown(m.margin);
  m.road_box = grown(2 * m.margin);

  std::vector<std::string> zone_codes;
  for (std::size_t i : m.polygon_ids) zone_codes.push_back(districts[i].level == DistrictLevel::municipality ? districts[i].id : districts[i].parent_id);
  m.proj.emplace(plane_rectangular_zone(zone_codes, LonLat{(m.bounds->min_lon + m.bounds->max_lon) / 2,
                                                           (m.bounds->min_lat + m.bounds->max_lat) / 2}));
  std::vector<Entry> entries;
  for (std::size_t i : m.polygon_ids) {
    m.shapes.push_back(m.proj->forward(districts[i].geometry));
    if (!m.inside_point) m.inside_point = inner_point(districts[i]);
    for (const PlanarPolygon& p : m.shapes.back()) {
      auto add_ring = [&](const PlanarRing& r) {
        for (std::size_t k = 0; k + 1 < r.size(); ++k) {
          const XY a = r[k], b = r[k + 1];
          entries.emplace_back(PlanarBox{{std::min(a.x, b.x), std::min(a.y, b.y)}, {std::max(a.x, b.x), std::max(a.y, b.y)}},
                               m.segments.size());
          m.segments.emplace_back(a, b);
        }
      };
      add_ring(p.outer());
      for (const PlanarRing& r : p.inners()) add_ring(r);
    }
  }
  m.edges = bgi::rtree<Entry, bgi::quadratic<16>>(entries.begin(), entries.end());
  m.locator.emplace(m.shapes);
}

ProjectArea::~ProjectArea() = default;
ProjectArea::ProjectArea(ProjectArea&&) noexcept = default;
ProjectArea& ProjectArea::operator=(ProjectArea&&) noexcept = default;

const AreaCodes& ProjectArea::codes() const { return impl_->codes; }
double ProjectArea::margin_m() const { return impl_->margin; }
bool ProjectArea::has_polygons() const { return !impl_->shapes.empty(); }
const std::vector<std::size_t>& ProjectArea::polygons() const { return impl_->polygon_ids; }
std::optional<LonLatBox> ProjectArea::bounds() const { return impl_->bounds; }

bool ProjectArea::within_reach(LonLat p) const {
  const Impl& m = *impl_;
  if (!m.locator) return false;
  const LonLatBox& b = m.reach_box;
  if (p.lon < b.min_lon || p.lon > b.max_lon || p.lat < b.min_lat || p.lat > b.max_lat) return false;
  const XY xy = m.proj->forward(p);
  return m.locator->locate(xy) >= 0 || m.near_boundary(xy);
}

bool ProjectArea::contains(const Facility& f) const {
  if (!f.municipality_code.empty()) return impl_->codes.contains(f.municipality_code);
  // No code, and no place or no shape to place it in: nothing says it is elsewhere.
  if (!impl_->locator || !f.location) return true;
  return impl_->locator->locate(impl_->proj->forward(*f.location)) >= 0;
}

bool ProjectArea::contains(const District& d) const {
  const Impl& m = *impl_;
  const bool coded = d.level == DistrictLevel::municipality || !d.parent_id.empty();
  if (coded) return m.code_in_area(d);
  if (!m.locator) return true;  // neither a code nor a shape of the area to place it by: the area's
  const auto p = inner_point(d);
  return p && m.locator->locate(m.proj->forward(*p)) >= 0;
}

bool ProjectArea::keep(const Facility& f) const {
  if (!f.municipality_code.empty() && impl_->codes.contains(f.municipality_code)) return true;
  if (f.location && impl_->locator) return within_reach(*f.location);
  // No code, and no place or no shape to measure it against: nothing says it is elsewhere.
  return f.municipality_code.empty();
}

bool ProjectArea::keep_place(std::string_view municipality_code, LonLat p) const {
  if (!municipality_code.empty() && impl_->codes.contains(municipality_code)) return true;
  if (impl_->locator) return within_reach(p);
  return municipality_code.empty();
}

bool ProjectArea::keep(const District& d) const {
  const Impl& m = *impl_;
  if (contains(d)) return true;
  if (!m.locator) return false;
  const auto b = box_of(d.geometry);
  if (!b || !overlaps(*b, m.reach_box)) return false;
  for (const Polygon& p : d.geometry)
    for (const LonLat& v : p.outer())
      if (within_reach(v)) return true;
  return m.inside_point && covers(d, *m.inside_point);  // a district around the whole area
}

bool ProjectArea::keep_cell(LonLat centre) const { return !impl_->locator || within_reach(centre); }

bool ProjectArea::keep_road(LonLat p) const {
  const Impl& m = *impl_;
  if (!m.locator) return true;
  const LonLatBox& b = m.road_box;
  return p.lon >= b.min_lon && p.lon <= b.max_lon && p.lat >= b.min_lat && p.lat <= b.max_lat;
}

std::string ProjectArea::description() const {
  const Impl& m = *impl_;
  if (!m.locator)
    return "the project area " + m.codes.describe() + " (by municipality code: no boundary of it was imported)";
  return "the project area " + m.codes.describe() + " and " + km(m.margin) + " around it";
}

}  // namespace careatlas::geometry
