#pragma once
// Context layers: extra geodata drawn under the facilities for orientation — railways
// (国土数値情報 N02), rivers (W05), roads, water areas — named in the project file's
// [[context]] tables. They are only drawn, never analysed, so they stay out of the
// registry: the map job reads them straight from their files.
#include <cstdint>
#include <string>
#include <vector>

#include "careatlas/model/geo.hpp"

namespace careatlas {

// What to read: one [[context]] table of the project file.
struct ContextSpec {
  std::string name;         // the style's context layer it feeds ("railways", "rivers" …)
  std::string path;         // resolved against the project file's folder
  std::string layer;        // OGR layer name; empty = the first layer
  std::string where;        // OGR attribute filter (OGR SQL WHERE clause); empty = every feature
  std::string attribution;  // 出典 line; empty = the detected layout's, else "出典：<file name>"
  std::string label;        // field whose value labels the feature; empty = the layout's default, if any
  std::string encoding = "auto";  // Shapefile DBF text: auto | utf-8 | cp932
};

// A polyline in lon/lat (JGD2011 degrees), at least two vertices.
using LonLatLine = std::vector<LonLat>;

// One drawable feature: the lines and polygons of its geometry (a collection may give
// both). Points are not kept: a context layer is lines and areas, and a point feature is
// reported and skipped by the reader.
struct ContextFeature {
  std::vector<LonLatLine> lines;
  MultiPolygon polygons;        // rings closed and oriented as the model's (bg::correct)
  std::string label;            // the label field's value; empty = unlabelled
  std::int64_t source_row = 0;  // feature number in the layer (1-based), as in diagnostics
};

struct ContextLayer {
  std::string name;         // ContextSpec::name
  std::string attribution;  // the 出典 line to print on every map that draws the layer
  std::string source_file;  // the path as given
  std::string format;       // "n02" (鉄道), "w05" (河川) or "ogr" (any other layer)
  std::vector<ContextFeature> features;
};

}  // namespace careatlas
