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
// Paths are relative to the project file's folder. Loading is strict: an unknown key,
// a value of the wrong type or a missing path is a config_error naming file and line.
#include <string>
#include <vector>

#include "careatlas/model/input_spec.hpp"

namespace careatlas::project {

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
};

// Throws config_error with "file:line:column: message".
ProjectConfig load_project(const std::string& path);

}  // namespace careatlas::project
