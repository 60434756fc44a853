#pragma once
// Geographic primitives of the plain data model.
//
// Coordinates are longitude/latitude in degrees on JGD2011 (EPSG:6668), the CRS of every
// national data set careatlas reads. LonLat names its fields so that latitude and
// longitude cannot be swapped silently (OSRM's strong-coordinate lesson), and it is
// registered with Boost.Geometry (cartesian: planar tests on degrees, as GDAL and GEOS
// do) so algorithms run on the model's own types without conversion.
#include <boost/geometry/core/cs.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/register/point.hpp>

namespace careatlas {

struct LonLat {
  double lon = 0.0;  // degrees east
  double lat = 0.0;  // degrees north
  friend bool operator==(const LonLat&, const LonLat&) = default;
};

// Japan's sanity box (DOMAIN.md): lat 20–46, lon 122–154. Coordinates outside it are
// treated as "unlocated" by the importers.
inline constexpr double kJapanLatMin = 20.0;
inline constexpr double kJapanLatMax = 46.0;
inline constexpr double kJapanLonMin = 122.0;
inline constexpr double kJapanLonMax = 154.0;

inline bool in_japan(const LonLat& p) {
  return p.lat >= kJapanLatMin && p.lat <= kJapanLatMax && p.lon >= kJapanLonMin &&
         p.lon <= kJapanLonMax;
}

}  // namespace careatlas

BOOST_GEOMETRY_REGISTER_POINT_2D(careatlas::LonLat, double, boost::geometry::cs::cartesian,
                                 lon, lat)

namespace careatlas {
// Outer rings clockwise, inner rings counter-clockwise, closed (first == last): the
// Boost.Geometry default, which bg::correct() establishes on import.
using Polygon = boost::geometry::model::polygon<LonLat>;
using MultiPolygon = boost::geometry::model::multi_polygon<Polygon>;

// Exact equality, vertex by vertex (found by ADL through LonLat): for round-trip tests
// and change detection, not a geometric comparison.
inline bool operator==(const Polygon& a, const Polygon& b) {
  return a.outer() == b.outer() && a.inners() == b.inners();
}
}  // namespace careatlas
