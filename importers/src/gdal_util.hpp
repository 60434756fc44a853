#pragma once
// GDAL helpers for the importers: RAII handles, one-time driver registration, and
// conversion between OGR polygons and the model's (lon/lat) multipolygons.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "careatlas/model/geo.hpp"
#include "careatlas/model/mesh_code.hpp"
#include "careatlas/model/partial_output.hpp"

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

// The square of a mesh cell in lon/lat; an empty polygon for an invalid code.
inline OGRPolygon mesh_cell_polygon(std::uint64_t code) {
  OGRPolygon p;
  if (const auto b = mesh::decode(code)) {
    OGRLinearRing r;
    r.addPoint(b->west, b->south);
    r.addPoint(b->west, b->north);
    r.addPoint(b->east, b->north);
    r.addPoint(b->east, b->south);
    r.addPoint(b->west, b->south);
    p.addRing(&r);
  }
  return p;
}

// Writes a GeoPackage atomically: `fill` gets a new dataset (a temporary file beside
// `path`) and EPSG:6668 in lon/lat order, inside one transaction; the file is renamed to
// `path` only after it was committed and closed. On any failure the temporary file is
// removed and the exception passes on; an existing `path` is untouched.
inline void write_gpkg_atomically(const std::string& path,
                                  const std::function<void(GDALDataset&, OGRSpatialReference&)>& fill) {
  namespace fs = std::filesystem;
  register_drivers();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!drv) throw std::runtime_error("GDAL has no GPKG driver");
  const fs::path target(path);
  const std::string tmp =
      (target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + ".gpkg")).string();
  std::error_code ec;
  fs::remove(tmp, ec);
  // Removed if a signal ends the run while it is written, with SQLite's journal files.
  const PartialOutput partial(tmp), journal(tmp + "-journal"), wal(tmp + "-wal"), shm(tmp + "-shm");
  try {
    {
      CPLPushErrorHandler(CPLQuietErrorHandler);
      DatasetPtr ds(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
      const std::string why = CPLGetLastErrorMsg();
      CPLPopErrorHandler();
      if (!ds) throw std::runtime_error(path + ": cannot create the GeoPackage (" + why + ")");
      OGRSpatialReference srs;
      srs.importFromEPSG(6668);
      srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      if (ds->StartTransaction() != OGRERR_NONE) throw std::runtime_error(path + ": cannot start a transaction");
      fill(*ds, srs);
      if (ds->CommitTransaction() != OGRERR_NONE) throw std::runtime_error(path + ": cannot commit the GeoPackage");
    }  // closed here, before the rename
    fs::rename(tmp, path);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
}

}  // namespace careatlas::gdal
