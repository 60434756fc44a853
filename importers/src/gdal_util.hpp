#pragma once
// GDAL helpers for the importers: RAII handles, one-time driver registration (with GDAL's
// network access switched off), the formats careatlas opens, and conversion between OGR
// polygons and the model's (lon/lat) multipolygons.
#include <cpl_conv.h>
#include <cpl_http.h>
#include <cpl_vsi_virtual.h>
#include <gdal_priv.h>
#include <ogr_srs_api.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/geo.hpp"
#include "careatlas/model/mesh_code.hpp"
#include "gpkg_temp.hpp"
#include "careatlas/model/safe_path.hpp"

namespace careatlas::gdal {

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
  void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

// The GDAL drivers careatlas reads with: the allow-list passed to every GDALDataset::Open
// (a file whose content only another driver would read is refused, whatever its name).
// File formats a municipality has, read locally, that name no other file or URL:
//   GeoJSON, GeoJSONSeq  国土数値情報 (N03, N02, W05, P04 …) and most open data; QGIS export
//   ESRI Shapefile       国土数値情報 and every GIS (also zipped as .shp.zip or .shz, read in place)
//   GPKG                 QGIS's default; the registry itself
//   FlatGeobuf           QGIS export of large layers
//   OpenFileGDB          ArcGIS File Geodatabases (.gdb folders) of prefectural GIS
//   KML                  Google My Maps / Google Earth exports (the plain KML reader: it
//                        follows no NetworkLink; LIBKML, which can, is left out)
// Left out, on purpose:
//   GML, GMLAS           resolve xlinks and download application schemas (GML_DOWNLOAD_WFS_SCHEMA);
//                        国土数値情報 ships every layer as Shapefile or GeoJSON too
//   CSV                  careatlas reads CSV itself (encodings, layouts, diagnostics); through
//                        OGR a survey sheet would import as a point layer without a word
//   XLSX, ODS, XLS       survey sheets come as CSV (Excel's "CSV UTF-8"); spreadsheets carry
//                        formulas and external links careatlas would silently read as values
//   OGR_VRT              names any other file, URL or connection string inside it
//   MapInfo File         seamless tables and views open further tables named inside them
//   SQLite               GeoPackage covers it; SpatiaLite files may load extensions
//   PostgreSQL, MySQL, MSSQLSpatial, OCI, ODBC, PGeo, WFS, OAPIF, OGCAPI, CSW, Elasticsearch,
//   Carto, NGW, EEDA, HTTP …  databases and web services: the network
inline constexpr const char* kReadDrivers[] = {"GeoJSON", "GeoJSONSeq", "ESRI Shapefile", "GPKG",
                                               "FlatGeobuf", "OpenFileGDB", "KML", nullptr};
// The same list for messages.
inline constexpr std::string_view kReadFormats =
    "GeoJSON, GeoJSONSeq, Shapefile (.shp, or zipped as .shp.zip or .shz), GeoPackage, FlatGeobuf, File "
    "Geodatabase (.gdb) or KML";

namespace detail {

// CPLHTTPFetch's replacement: every request fails, unsent.
inline CPLHTTPResult* refuse_http(const char* url, CSLConstList, GDALProgressFunc, void*, CPLHTTPFetchWriteFunc, void*,
                                  void*) {
  auto* r = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
  r->nStatus = 1;  // a failed request
  r->pszErrBuf = CPLStrdup(("careatlas does not access the network (" + std::string(url ? url : "") + ")").c_str());
  return r;
}

// The file system GDAL's network prefixes (/vsicurl/, /vsis3/ …) are given: nothing exists.
class NoNetworkFileSystem final : public VSIFilesystemHandler {
 public:
  VSIVirtualHandle* Open(const char*, const char*, bool, CSLConstList) override {
    errno = EACCES;
    return nullptr;
  }
  int Stat(const char*, VSIStatBufL*, int) override {
    errno = EACCES;
    return -1;
  }
};

// Switches off every way GDAL has to reach the network, for the case where something got
// past safe_path.hpp and the driver allow-list (a path inside a file, a driver's own
// request). Set once, before any dataset is opened; CPLSetConfigOption overrides the
// environment variable of the same name.
inline void disable_network() {
  // CPLHTTPFetch — the HTTP driver, WFS/OAPIF, GML schema downloads, and the GeoJSON
  // reader's "crs": {"type": "link", "properties": {"href": "http://…"}}, which calls
  // OGRSpatialReference::importFromUrl() from the content of a local file — goes to a
  // callback that fails every request without sending it.
  CPLHTTPSetFetchCallback(&refuse_http, nullptr);
  // /vsicurl/ and the cloud file systems built on it (/vsis3/, /vsigs/, /vsiaz/, /vsiadls/,
  // /vsioss/, /vsiswift/, /vsiwebhdfs/, their _streaming forms): every prefix but the local
  // ones below is replaced by a file system in which nothing exists, so even GDAL's own
  // VSIStatL/VSIFOpenL of such a path fails without a request. Kept: memory and the
  // archive readers GDAL uses on local files (a Shapefile .zip, a .gz).
  static constexpr std::string_view kLocal[] = {"/vsimem/", "/vsizip/", "/vsigzip/", "/vsitar/",
                                                 "/vsisubfile/", "/vsisparse/"};
  // The replaced handlers stay reachable (GDAL neither frees nor uses them any more).
  static auto* const replaced = new std::vector<VSIFilesystemHandler*>;
  char** prefixes = VSIFileManager::GetPrefixes();
  for (char** p = prefixes; p && *p; ++p) {
    bool local = false;
    for (std::string_view k : kLocal) local = local || k == *p;
    if (local) continue;
    replaced->push_back(VSIFileManager::GetHandler(*p));
    VSIFileManager::InstallHandler(*p, new NoNetworkFileSystem);
  }
  CSLDestroy(prefixes);
  // Belt and braces for /vsicurl/ itself: it opens only a file of exactly this name.
  CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_FILENAME", "careatlas-does-not-access-the-network");
  // A GeoPackage (SQLite) may hold views and triggers that call OGR's SQL functions or the
  // VirtualOGR module, which opens any data source named in the SQL: never from a file.
  CPLSetConfigOption("ALLOW_VIRTUAL_OGR_FROM_TRIGGER_AND_VIEW", "NO");
  CPLSetConfigOption("ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW", "NO");
  // No GML schema download even if a GML file reached GDAL (the GML driver is not allowed).
  CPLSetConfigOption("GML_DOWNLOAD_WFS_SCHEMA", "NO");
  // PROJ may fetch transformation grids from cdn.proj.org (PROJ_NETWORK=ON, proj.ini):
  // not from here.
  OSRSetPROJEnableNetwork(FALSE);
}

}  // namespace detail

// GDALAllRegister() once per process, and GDAL's network access switched off
// (detail::disable_network).
inline void register_drivers() {
  static const bool once = [] {
    GDALAllRegister();
    detail::disable_network();
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
// A new GeoPackage at the temporary name of `path` (gpkg_temp_name; registered as partial
// by the caller: gpkg_temp.hpp), in a transaction, and the registry's CRS (EPSG:6668, lon/lat).
struct GpkgDraft {
  std::string path, tmp;
  DatasetPtr ds;
  OGRSpatialReference srs;
};
inline std::unique_ptr<GpkgDraft> start_gpkg(const std::string& path) {
  namespace fs = std::filesystem;
  require_local_path(path, "output GeoPackage");  // never /vsis3/… or the like
  register_drivers();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!drv) throw std::runtime_error("GDAL has no GPKG driver");
  auto d = std::make_unique<GpkgDraft>();
  d->path = path;
  d->tmp = gpkg_temp_name(path);
  std::error_code ec;
  fs::remove(d->tmp, ec);
  CPLPushErrorHandler(CPLQuietErrorHandler);
  d->ds.reset(drv->Create(d->tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  const std::string why = CPLGetLastErrorMsg();
  CPLPopErrorHandler();
  if (!d->ds) throw std::runtime_error(path + ": cannot create the GeoPackage (" + why + ")");
  d->srs.importFromEPSG(6668);
  d->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (d->ds->StartTransaction() != OGRERR_NONE) {
    d->ds.reset();
    fs::remove(d->tmp, ec);
    throw std::runtime_error(path + ": cannot start a transaction");
  }
  return d;
}
// Commits, closes and renames the draft into place; on failure removes it and throws.
inline void finish_gpkg(GpkgDraft& d) {
  namespace fs = std::filesystem;
  std::error_code ec;
  try {
    if (d.ds->CommitTransaction() != OGRERR_NONE) throw std::runtime_error(d.path + ": cannot commit the GeoPackage");
    d.ds.reset();  // closed here, before the rename
    fs::rename(d.tmp, d.path);
  } catch (...) {
    d.ds.reset();
    fs::remove(d.tmp, ec);
    throw;
  }
}
// Closes and removes a draft that will not be finished.
inline void discard_gpkg(GpkgDraft& d) noexcept {
  std::error_code ec;
  d.ds.reset();
  std::filesystem::remove(d.tmp, ec);
}

inline void write_gpkg_atomically(const std::string& path,
                                  const std::function<void(GDALDataset&, OGRSpatialReference&)>& fill) {
  const auto draft = start_gpkg(path);
  try {
    fill(*draft->ds, draft->srs);
  } catch (...) {
    discard_gpkg(*draft);
    throw;
  }
  finish_gpkg(*draft);
}

}  // namespace careatlas::gdal
