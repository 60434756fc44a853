#pragma once
// Context layers (railways, rivers, roads, water …) read from any OGR layer through the
// GDAL module, in lon/lat JGD2011 (projected layers are transformed to EPSG:6668).
//
// LineString/MultiLineString (and curves, linearised) become lines, Polygon/MultiPolygon
// become polygons; a collection gives its lines and polygons. Every feature is drawn or
// skipped, and every skipped feature is reported to the sink with its reason:
//   geometry_empty            null or empty geometry (or parts too short to draw)
//   geometry_not_polygon      a point or other geometry that is neither line nor area
//   coordinates_out_of_range  every vertex outside Japan (lat 20–46, lon 122–154): most
//                             often a projected layer whose CRS is missing (.prj)
// Features left out by the spec's `where` filter are counted as skipped without a
// diagnostic each: the project file asked for it.
//
// The layout is detected from the field names: 国土数値情報 N02 鉄道 (N02_001…, label
// 路線名 N02_003) and W05 河川 (W05_001…, label 名称 W05_004) get their 出典 line and
// label field by default; any other layer is attributed "出典：<file name>".
#include <cstdint>

#include "careatlas/model/context_layer.hpp"
#include "careatlas/model/diagnostic.hpp"
#include "careatlas/model/registry.hpp"

namespace careatlas {

struct ContextRead {
  ContextLayer layer;
  // role "context"; rows_read = features of the layer = imported (drawn) + skipped.
  FileReport report;
  std::int64_t filtered_out = 0;  // of the skipped: left out by `where`
};

// Throws import_error (naming the path) when the file cannot be used: unreadable, empty,
// not a layer GDAL reads, no such layer, a label field the layer lacks; config_error for a
// `where` filter OGR rejects.
ContextRead read_context_layer(const ContextSpec& spec, DiagnosticSink& sink);

}  // namespace careatlas
