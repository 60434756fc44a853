#pragma once
// What to import: one input file and how to read it. Filled from the project file or
// from the `careatlas import` command line.
#include <map>
#include <string>
#include <vector>

#include "careatlas/model/district.hpp"

namespace careatlas {

enum class InputRole { facilities, districts, population, survey, addresses, network };
std::string_view to_string(InputRole r);

struct InputSpec {
  InputRole role = InputRole::facilities;
  std::string path;
  // "auto" detects the layout from the header (or the layer's fields). Explicit values:
  // facilities: kaigo_csv, iryo_facility, iryo_hours, careatlas_csv, ogr_points
  // districts:  n03, ogr_polygons
  // population: estat_mesh, projected_mesh, mesh_csv
  // survey:     survey_csv
  // addresses:  isj_town (位置参照情報 大字・町丁目), isj_block (位置参照情報 街区)
  // network:    osm_pbf, osm_xml, osm_json (OpenStreetMap; Overpass JSON)
  std::string format = "auto";
  std::string encoding = "auto";  // auto | utf-8 | cp932 (text files)
  std::string layer;              // OGR layer name; empty = the first layer
  // Column mapping for generic OGR layers and renamed CSV columns: careatlas field →
  // source column. Facilities: id, name, kana, kind, address, phone, lat, lon, municipality_code,
  // service_code, doctors, home_visit, support_24h, hours, url. Districts: id, name, parent.
  std::map<std::string, std::string> columns;
  std::string kind;               // facilities: kind for every row of an OGR point layer
  DistrictLevel level = DistrictLevel::other;  // districts
  std::vector<int> years;         // population: projection years to import (empty = all)
  int year = 0;                   // population: census year of e-Stat / mesh_csv files
  std::string edition;            // data date, printed in 出典 lines
  std::string attribution;        // overrides the default 出典 line of the format
};

}  // namespace careatlas
