#pragma once
// The project file: one TOML file that says what to import and how to present it.
//
//   [project]
//   title = "みさき市 在宅医療・介護資源マップ"
//   municipality = "みさき市"
//   municipality_code = "23999"
//   edition = "2026-04-01"            # data date printed on maps and booklet
//   issuer = "みさき市 在宅医療・介護連携支援センター"
//   area = ["23999"]                  # the project area: municipality codes (5 digits, or 6
//                                     #   with the check digit) and/or prefecture codes (2).
//                                     #   A designated city's code takes in its wards.
//                                     #   DEFAULT: municipality_code when set, else everything
//   reach_margin_m = 16000            # neighbours within this distance of the area are kept
//                                     #   (they serve its residents) and counted in the
//                                     #   analysis; farther rows of the inputs are skipped at
//                                     #   import. DEFAULT: the largest layer radius
//
// A project cut from a national or prefectural download keeps the facilities of its area
// (by municipality code) and those within reach_margin_m of the area's polygons (from the
// imported N03 / district layers), the districts and population cells within reach, and
// skips the rest (rows read = imported + rejected + skipped). Without polygons of the area
// it keeps the facilities whose municipality code is in it.
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
//   [[addresses]]                     # 国土交通省 位置参照情報 as downloaded (Shift_JIS CSV):
//   path = "address/23_2023.csv"      #   大字・町丁目レベル and/or 街区レベル, one table per file
//
//   [locate]                          # with [[addresses]]; all optional
//   suspect_distance_m = 2000         # a published point farther than this from its
//                                     #   address's match is suspect (warned). DEFAULT 2000
//   replace_suspect = false           # use the address's point instead. DEFAULT false
//   coarsest_level = "municipality"   # the coarsest match that locates a facility without
//                                     #   coordinates: block | chome | oaza | municipality
//                                     #   (街区 | 町丁目 | 大字 | 市区町村). DEFAULT municipality
//
//   [network]                         # the road network for drive-time reach (OpenStreetMap)
//   path = "osm/shikoku-latest.osm.pbf"  # .osm.pbf, .osm (XML) or Overpass JSON (required)
//   format = "auto"                   # auto | osm_pbf | osm_xml | osm_json
//   ferries = false                   # route=ferry ways. DEFAULT false
//   offroad_kmh = 5                   # the leg from a point to its road. DEFAULT 5 (walking)
//   snap_max_m = 1000                 # farther from every road: unreachable. DEFAULT 1000
//   [network.speeds]                  # km/h per OSM class; maxspeed caps them; 0 = not used.
//   motorway = 80                     #   DEFAULT road_class_table() (docs/routing.md): motorway 80,
//   residential = 20                  #   trunk 50, primary 40, secondary 35, tertiary 30,
//                                     #   unclassified/residential 20, service 15 …
//
//   [analysis]                        # all optional
//   epsg = 6675                       # DEFAULT: the plane rectangular zone of the data
//   district_level = "daily_life_area"  # DEFAULT: 圏域 when present, else municipalities
//   base_year = 2020                  # DEFAULT: the earliest population year
//   future_years = [2040]             # the same analyses on projected populations
//   e2sfca_d0 = 16000                 # metres. DEFAULT 16 km
//   e2sfca_d0_minutes = 30            # the catchment by road. DEFAULT: the access layer's
//                                     #   travel_minutes, else 30
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
//   radius_m = 16000                  # straight-line reach. DEFAULT 16000 (none when only
//   travel_minutes = 30               #   travel_minutes is given); reach by road ([network]):
//   kinds = ["clinic", "hospital"]    #   a second view of the layer, "<name>_30min"
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
#include <optional>
#include <string>
#include <vector>

#include "careatlas/model/context_layer.hpp"
#include "careatlas/model/facility.hpp"
#include "careatlas/model/input_spec.hpp"
#include "careatlas/model/project_area.hpp"
#include "careatlas/model/provider_layer.hpp"
#include "careatlas/model/road_network.hpp"

namespace careatlas::project {

// [locate]: how facilities are located and checked by their address ([[addresses]]).
struct LocateSettings {
  double suspect_distance_m = 2000;
  bool replace_suspect = false;
  AddressLevel coarsest_level = AddressLevel::municipality;
};

struct AnalysisSettings {
  int epsg = 0;
  std::optional<DistrictLevel> district_level;
  int base_year = 0;
  std::vector<int> future_years;
  double e2sfca_d0 = 16000.0;
  double e2sfca_d0_minutes = 0;  // 0: the access layer's travel_minutes, else 30
  std::string access_layer;
  int disc_segments = 64;
  int top = 3;
  bool japanese_headers = true;
  bool count_24h_hints = true;
};

// [booklet]: the care-manager contact booklet (careatlas booklet). Every key is optional.
//
//   [booklet]
//   title = "みさき市 在宅医療・介護 連絡帳"   # DEFAULT: 「<municipality> 在宅医療・介護 連絡帳」
//   paper = "A4"                 # A4 | A5. DEFAULT A4
//   binding_mm = 20              # inner (binding) margin, mm, 10–40. DEFAULT 20
//   kinds = ["clinic", "hospital", "home_nursing"]  # which kinds, in this order.
//                                #   DEFAULT: every kind, in the order of all_facility_kinds()
//   group_by = "district"        # district (sections per district, then kind) | kind.
//                                #   DEFAULT district
//   district_maps = true         # a map page at the head of each district section. DEFAULT true
//   split = false                # also one PDF per district (booklet_<district id>.pdf). DEFAULT false
//   neighbours = false           # add 「近隣市町村の事業所」: the facilities outside the
//                                #   project area within its reach, by municipality. DEFAULT false
//   [booklet.filter]             # a facility of the filtered kinds is listed when every
//                                #   filter set holds; facilities of other kinds pass
//   kinds = ["clinic", "home_nursing"]  # the kinds the filters apply to (each named once).
//                                #   DEFAULT: the medical kinds the survey asks: clinic,
//                                #   hospital, dental_clinic (nursing stations and care
//                                #   offices then pass every filter)
//   caremanager_contact = true   # the survey gives a ケアマネタイム or a contact method
//   home_visit = true            # visits homes (true) / does not (false)
//   support_24h = true           # 24-hour support (true) / none (false)
//   survey_answered = true       # a survey row was joined to it
struct BookletSettings {
  std::string title;
  std::string paper = "A4";   // "A4" | "A5" (upper case once loaded)
  double binding_mm = 20;
  std::vector<FacilityKind> kinds;  // empty: every kind, all_facility_kinds() order
  std::string group_by = "district";  // "district" | "kind"
  bool district_maps = true;
  bool split = false;
  bool neighbours = false;
  // [booklet.filter]
  std::vector<FacilityKind> filter_kinds;  // empty: clinic, hospital, dental_clinic
  bool only_caremanager_contact = false;
  std::optional<bool> home_visit;
  std::optional<bool> support_24h;
  bool only_survey_answered = false;
};

struct ProjectConfig {
  std::string file;    // the project file as given
  std::string dir;     // its folder as given (paths resolve against it)
  std::string title;
  std::string municipality;
  std::string municipality_code;
  std::string edition;
  std::string issuer;
  AreaCodes area;          // [project] area, else municipality_code; empty: everything
  double reach_margin_m = 0;  // [project] reach_margin_m, else the largest layer radius
  std::string output_dir;  // resolved; empty when the file sets none
  std::vector<InputSpec> inputs;
  AnalysisSettings analysis;
  std::vector<ProviderLayer> layers;  // default_provider_layers() when the file names none
  std::vector<ContextSpec> context;   // [[context]] layers, in file order
  BookletSettings booklet;            // [booklet]
  LocateSettings locate;              // [locate]
  RoadSpeeds network_speeds = RoadSpeeds::defaults();  // [network]; its file is an input of role network
  bool has_network() const;
};

// Throws config_error with "file:line:column: message".
ProjectConfig load_project(const std::string& path);

}  // namespace careatlas::project
