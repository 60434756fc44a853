#pragma once
// The project file: one TOML file that says what to import and how to present it.
//
//   [project]
//   title = "みさき市 在宅医療・介護資源マップ"
//   municipality = "みさき市"
//   municipality_code = "23999"
//   edition = "2026-04-01"            # data date printed on maps and booklet
//   issuer = "みさき市 在宅医療・介護連携支援センター"
//
//   [output]
//   dir = "output"                    # default for --out (relative to this file)
//
//   [[facilities]]                    # one table per input file; also [[districts]],
//   path = "kaigo/jigyosho_430.csv"   # [[population]] and [[survey]]
//   format = "auto"                   # see InputSpec
//   encoding = "auto"                 # auto | utf-8 | cp932
//
//   [[districts]]
//   path = "boundaries/ken-iki.geojson"
//   level = "daily_life_area"         # municipality | daily_life_area | other
//   columns = { id = "圏域ID", name = "圏域名", parent = "市町村コード" }
//
//   [[population]]
//   path = "population/500m_mesh_suikei.geojson"
//   years = [2020, 2040]
//
//   [analysis]                        # all optional
//   epsg = 6675                       # DEFAULT: the plane rectangular zone of the data
//   district_level = "daily_life_area"  # DEFAULT: 圏域 when present, else municipalities
//   base_year = 2020                  # DEFAULT: the earliest population year
//   future_years = [2040]             # the same analyses on projected populations
//   e2sfca_d0 = 16000                 # metres. DEFAULT 16 km
//   access_layer = "home_visit_clinics"  # E2SFCA supply layer. DEFAULT: the first layer
//   disc_segments = 64                # DEFAULT 64 (GEOS quadsegs 16)
//   top = 3                           # underserved districts to list. DEFAULT 3
//   japanese_headers = true           # district summary CSV headers. DEFAULT true
//   count_24h_hints = true            # open-data text promising 24-hour response (e.g.
//                                     #   「緊急時、電話にて24時間、対応可能」) counts as
//                                     #   24-hour support unless a source says no. DEFAULT true
//
//   [[layers]]                        # DEFAULT: home-visit clinics+hospitals 16 km,
//   name = "home_visit_clinics"       #          home nursing 10 km
//   label = "訪問診療（16km）"
//   radius_m = 16000
//   kinds = ["clinic", "hospital"]
//   home_visit = true                 # optional filters: home_visit, support_24h,
//   service_codes = []                #   service_codes
//
//   [[context]]                       # extra layers drawn for orientation (roads, rivers …)
//   name = "railways"                 # the style's context layer it feeds (required)
//   path = "context/N02-22_RailroadSection.geojson"  # any OGR layer (required)
//   layer = "N02-22_RailroadSection"  # OGR layer name. DEFAULT: the first layer
//   where = "N02_002 = '2'"           # OGR attribute filter. DEFAULT: every feature
//   attribution = "…"                 # 出典 line. DEFAULT: N02/W05 detected from the fields,
//                                     #   else 出典：<file name>
//   label = "N02_003"                 # field that labels the features. DEFAULT: N02 路線名,
//                                     #   W05 河川名, else none
//   encoding = "auto"                 # Shapefile DBF text: auto | utf-8 | cp932
//
// Paths are relative to the project file's folder. Loading is strict: an unknown key,
// a value of the wrong type or a missing path is a config_error naming file and line.
#include <string>
#include <vector>

#include "careatlas/model/context_layer.hpp"
#include "careatlas/model/input_spec.hpp"
#include "careatlas/model/provider_layer.hpp"

namespace careatlas::project {

struct AnalysisSettings {
  int epsg = 0;
  std::optional<DistrictLevel> district_level;
  int base_year = 0;
  std::vector<int> future_years;
  double e2sfca_d0 = 16000.0;
  std::string access_layer;
  int disc_segments = 64;
  int top = 3;
  bool japanese_headers = true;
  bool count_24h_hints = true;
};

struct ProjectConfig {
  std::string file;    // the project file as given
  std::string dir;     // its folder as given (paths resolve against it)
  std::string title;
  std::string municipality;
  std::string municipality_code;
  std::string edition;
  std::string issuer;
  std::string output_dir;  // resolved; empty when the file sets none
  std::vector<InputSpec> inputs;
  AnalysisSettings analysis;
  std::vector<ProviderLayer> layers;  // default_provider_layers() when the file names none
  std::vector<ContextSpec> context;   // [[context]] layers, in file order
};

// Throws config_error with "file:line:column: message".
ProjectConfig load_project(const std::string& path);

}  // namespace careatlas::project
