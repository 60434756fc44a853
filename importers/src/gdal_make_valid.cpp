// Polygon repair with GEOS MakeValid through OGR (in the GDAL module).
#include <memory>

#include "gdal_module.hpp"
#include "gdal_util.hpp"

namespace careatlas {

std::optional<MultiPolygon> gdal_make_valid(const MultiPolygon& mp) {
  const OGRMultiPolygon ogr = gdal::to_ogr(mp);
  std::unique_ptr<OGRGeometry> fixed(ogr.MakeValid());
  if (!fixed) return std::nullopt;
  return gdal::to_model(*fixed);  // polygons only: a collection's stray lines are dropped
}

}  // namespace careatlas
