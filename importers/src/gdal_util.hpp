#pragma once
// GDAL helpers for the importers: RAII handles, one-time driver registration, and
// conversion between OGR polygons and the model's (lon/lat) multipolygons.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>

#include "careatlas/model/geo.hpp"

namespace careatlas::gdal {

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
  void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

// GDALAllRegister() once per process.
inline void register_drivers() {
  static const bool once = [] {
    GDALAllRegister();
    return true;
  }();
  (void)once;
}

inline Polygon::ring_type to_model(const OGRLinearRing& r) {
  Polygon::ring_type out;
  out.reserve(static_cast<std::size_t>(r.getNumPoints()));
  for (int i = 0; i < r.getNumPoints(); ++i) out.push_back(LonLat{r.getX(i), r.getY(i)});
  return out;
}

inline void append_polygon(const OGRPolygon& p, MultiPolygon& mp) {
  if (p.IsEmpty()) return;
  Polygon poly;
  poly.outer() = to_model(*p.getExteriorRing());
  for (int i = 0; i < p.getNumInteriorRings(); ++i) poly.inners().push_back(to_model(*p.getInteriorRing(i)));
  mp.push_back(std::move(poly));
}

// Polygons of a polygon, multipolygon or collection (other parts are left out).
inline MultiPolygon to_model(const OGRGeometry& g) {
  MultiPolygon mp;
  const auto t = wkbFlatten(g.getGeometryType());
  if (t == wkbPolygon) {
    append_polygon(*g.toPolygon(), mp);
  } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
    for (const OGRGeometry* part : *g.toGeometryCollection()) {
      const auto pt = wkbFlatten(part->getGeometryType());
      if (pt == wkbPolygon) append_polygon(*part->toPolygon(), mp);
      else if (pt == wkbMultiPolygon)
        for (const OGRPolygon* pp : *part->toMultiPolygon()) append_polygon(*pp, mp);
    }
  }
  return mp;
}

// Model multipolygon (lon/lat) → OGR.
inline OGRMultiPolygon to_ogr(const MultiPolygon& mp) {
  OGRMultiPolygon out;
  for (const Polygon& p : mp) {
    OGRPolygon op;
    auto ring = [](const Polygon::ring_type& r) {
      OGRLinearRing lr;
      for (const auto& v : r) lr.addPoint(v.lon, v.lat);
      return lr;
    };
    OGRLinearRing outer = ring(p.outer());
    op.addRing(&outer);
    for (const auto& h : p.inners()) {
      OGRLinearRing r = ring(h);
      op.addRing(&r);
    }
    out.addGeometry(&op);
  }
  return out;
}

}  // namespace careatlas::gdal
