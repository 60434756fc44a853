#pragma once
// The input formats careatlas reads, and everything that depends on the format, in one
// table (input_format.cpp): its name (InputSpec::format, FileReport::format), the role
// its rows play, how a text file of it is recognised from its header, its reader, and the
// 出典 line its data must carry. Not installed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/input_spec.hpp"
#include "session_state.hpp"

namespace careatlas {

enum class InputFormat {
  kaigo_csv,       // 介護サービス情報公表システム jigyosho_<code>.csv
  iryo_facility,   // 医療情報ネット 施設票
  iryo_hours,      // 医療情報ネット 診療科・診療時間票
  careatlas_csv,   // careatlas facility CSV (the ../shared/bench layout)
  survey_csv,      // the medical association's survey sheet
  estat_mesh,      // e-Stat mesh statistics (.txt)
  mesh_csv,        // mesh_code,pop_total,pop_65plus,pop_75plus
  projected_mesh,  // 国土数値情報 将来推計人口 mesh (CSV or a layer)
  n03,             // 国土数値情報 行政区域 (a layer)
  ogr_polygons,    // any polygon layer
  ogr_points,      // any point layer
  p04,             // 国土数値情報 医療機関 (a layer)
  p14,             // 国土数値情報 福祉施設 (a layer)
  isj_town,        // 国土交通省 位置参照情報 大字・町丁目レベル
  isj_block,       // 国土交通省 位置参照情報 街区レベル
  osm_pbf,         // OpenStreetMap .osm.pbf (road network)
  osm_xml,         // OpenStreetMap XML .osm
  osm_json,        // Overpass API JSON (OSM-JSON)
};

struct InputFormatInfo {
  InputFormat format;
  std::string_view name;
  InputRole role;
  bool layer;  // read through OGR (or the GeoJSON fast path), not as text
  // Text formats: whether a header (line 1) is of this layout, and the reader. In table
  // order, the first format whose test passes is the file's.
  bool (*detect)(const Header& h);
  void (*read)(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
  std::string_view attribution;  // the default 出典 line ("" when none)
};

const std::vector<InputFormatInfo>& input_format_table();
const InputFormatInfo& info(InputFormat f);
std::optional<InputFormat> input_format_named(std::string_view name);
// The text format of a header, or nullopt when it matches none.
std::optional<InputFormat> detect_text_format(const Header& header);
// "kaigo_csv, iryo_facility, …": for messages.
std::string input_format_names();

}  // namespace careatlas
