#pragma once
// Planar geometry in a projected CRS (metres): the space every analysis measures in.
//
// XY is x = easting, y = northing (PROJ's "traditional GIS order"), registered with
// Boost.Geometry as a cartesian point, so Boost.Geometry algorithms run on it directly.
// Polygons follow Boost.Geometry's defaults: outer rings clockwise, holes
// counter-clockwise, closed (first point repeated at the end).
#include <boost/geometry/core/cs.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/register/point.hpp>

namespace careatlas::geometry {

struct XY {
  double x = 0.0;  // metres east
  double y = 0.0;  // metres north
  friend bool operator==(const XY&, const XY&) = default;
};

}  // namespace careatlas::geometry

BOOST_GEOMETRY_REGISTER_POINT_2D(careatlas::geometry::XY, double, boost::geometry::cs::cartesian, x, y)

namespace careatlas::geometry {

using PlanarRing = boost::geometry::model::ring<XY>;
using PlanarPolygon = boost::geometry::model::polygon<XY>;
using PlanarMultiPolygon = boost::geometry::model::multi_polygon<PlanarPolygon>;
using PlanarBox = boost::geometry::model::box<XY>;

inline double squared_distance(XY a, XY b) {
  const double dx = a.x - b.x, dy = a.y - b.y;
  return dx * dx + dy * dy;
}

}  // namespace careatlas::geometry
