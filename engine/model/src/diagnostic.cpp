#include "careatlas/model/diagnostic.hpp"

#include <algorithm>
#include <stdexcept>

namespace careatlas {

namespace {
using enum DiagCode;
using S = Severity;
// The one table of diagnostic codes. Names are stable: reports, tests and users' own
// scripts key on them. Add new codes; never renumber or rename.
const std::vector<DiagInfo> kTable = {
    {file_unreadable, "file_unreadable", S::error, "the file cannot be opened or read", "ファイルを開けない・読めない"},
    {file_empty, "file_empty", S::error, "the file is empty", "ファイルが空"},
    {header_unrecognised, "header_unrecognised", S::error, "the header matches no known layout, or required columns are missing", "見出し行が既知の様式に合わない、または必要な列がない"},
    {binary_content, "binary_content", S::error, "the file is not text (binary bytes)", "テキストではない（バイナリ）ファイル"},
    {file_truncated, "file_truncated", S::error, "the file ends in the middle of a record", "ファイルが途中で切れている"},
    {column_missing, "column_missing", S::warning, "an optional column was not found", "任意の列が見つからない"},
    {encoding_invalid, "encoding_invalid", S::error, "bytes are not valid in the file's encoding", "文字コードとして不正なバイトがある"},
    {year_missing, "year_missing", S::error, "the requested year is not in the file", "指定した年次がファイルにない"},
    {no_rows, "no_rows", S::warning, "the file has a header but no data rows", "見出し行だけでデータ行がない"},
    {year_unknown, "year_unknown", S::warning, "the census year of a population file was not given", "人口データの年次が指定されていない"},
    {field_count, "field_count", S::error, "the row has a different number of fields than the header", "列数が見出し行と合わない（除外）"},
    {blank_line, "blank_line", S::info, "blank line skipped", "空行（読み飛ばし）"},
    {missing_id, "missing_id", S::error, "the row has no usable identity (ID or name)", "IDがなく施設を特定できない（除外）"},
    {duplicate_id, "duplicate_id", S::error, "the ID was already imported; the first occurrence is kept", "IDの重複（最初の行を採用、この行は除外）"},
    {missing_name, "missing_name", S::error, "the facility has no name", "名称がない（除外）"},
    {coordinates_missing, "coordinates_missing", S::warning, "coordinates are empty; kept as unlocated", "座標が空欄（位置不明として取込）"},
    {coordinates_zero, "coordinates_zero", S::warning, "coordinates are 0/0 (the open data's 'unknown'); kept as unlocated", "座標が0/0（位置不明として取込）"},
    {coordinates_out_of_range, "coordinates_out_of_range", S::warning, "coordinates lie outside Japan (lat 20–46, lon 122–154); kept as unlocated", "座標が日本の範囲外（位置不明として取込）"},
    {coordinates_swapped, "coordinates_swapped", S::warning, "latitude and longitude were swapped; swapped back", "緯度と経度が入れ替わっている（入れ替えて取込）"},
    {coordinates_invalid, "coordinates_invalid", S::warning, "coordinates are not numbers; kept as unlocated", "座標が数値でない（位置不明として取込）"},
    {outside_own_municipality, "outside_own_municipality", S::warning, "the point lies outside the polygon of its own municipality code", "地点が自らの市区町村コードの区域外にある"},
    {municipality_unknown, "municipality_unknown", S::info, "the municipality code has no polygon among the imported districts", "市区町村コードに対応する区域が取り込まれていない"},
    {outside_project_area, "outside_project_area", S::info, "rows outside the project area and the reach around it were skipped (counted once per file)", "対象地域とその到達圏の外の行（読み飛ばし、ファイルごとに件数を記録）"},
    {located_by_address, "located_by_address", S::info, "no usable published point; located from the address (位置参照情報)", "座標がないため住所から位置を推定"},
    {location_suspect, "location_suspect", S::warning, "the published point lies far from its address, or outside its municipality", "公表座標が住所の位置から離れている、または市区町村の区域外"},
    {address_unmatched, "address_unmatched", S::info, "no usable published point, and the address matched no 位置参照情報 entry; unlocated", "座標がなく住所も位置参照情報に見つからない（位置不明）"},
    {address_retired, "address_retired", S::info, "位置参照情報 rows marked 削除 (deleted) were skipped (counted once per file)", "位置参照情報の削除済みの行（読み飛ばし、ファイルごとに件数を記録）"},
    {address_row_invalid, "address_row_invalid", S::error, "a 位置参照情報 row has no usable name, code or point", "位置参照情報の行に名称・コード・座標の不備（除外）"},
    {location_summary, "location_summary", S::info, "how the file's facilities were located: as published, by address (per level), unlocated (once per file)", "施設の位置の内訳（公表座標・住所から推定（レベル別）・位置不明、ファイルごと）"},
    {not_cp932, "not_cp932", S::warning, "text cannot be written in CP932 (Shift_JIS); kept as is", "Shift_JIS（CP932）で表せない文字がある（そのまま取込）"},
    {value_invalid, "value_invalid", S::warning, "a value could not be read; the field is left empty", "値を読み取れない（空欄として取込）"},
    {kind_unknown, "kind_unknown", S::error, "the facility kind is not known", "施設種別が不明（除外）"},
    {hours_placeholder, "hours_placeholder", S::warning, "00:00-00:00 placeholder hours ignored", "00:00-00:00 の仮の診療時間を無視"},
    {hours_overnight, "hours_overnight", S::warning, "an overnight band was split at midnight into the next day", "日をまたぐ診療時間帯を翌日に分割"},
    {hours_flag_conflict, "hours_flag_conflict", S::warning, "weekday open/closed flags contradict the opening hours", "休診曜日の区分と診療時間が矛盾"},
    {hours_unparsable, "hours_unparsable", S::warning, "opening hours could not be read; left unknown", "診療時間を読み取れない（不明として取込）"},
    {weekday_token_unknown, "weekday_token_unknown", S::warning, "an unknown day name was ignored", "不明な曜日表記を無視"},
    {hours_orphan, "hours_orphan", S::error, "an hours row names a facility ID that is not in the facility table", "診療時間票のIDが施設票にない（除外）"},
    {hint_24h, "hint_24h", S::info, "text promises 24-hour response; recorded as a 24-hour hint", "24時間対応をうたう記述あり（24時間対応の手がかりとして記録）"},
    {survey_unmatched, "survey_unmatched", S::error, "the survey row matches no imported facility", "調査票の行に対応する施設がない（除外）"},
    {survey_value_invalid, "survey_value_invalid", S::warning, "a survey answer could not be read; left unanswered", "調査票の回答を読み取れない（未回答として取込）"},
    {survey_ambiguous, "survey_ambiguous", S::error, "the survey row matches several facilities by name and address", "調査票の行が名称・所在地で複数の施設に当たる（除外）"},
    {survey_duplicate, "survey_duplicate", S::error, "a facility already has survey answers; the first row is kept", "同じ施設への2件目の回答（最初の回答を採用、この行は除外）"},
    {survey_matched_by_name, "survey_matched_by_name", S::info, "the survey row was joined by name and address", "調査票の行を名称・所在地で結合"},
    {district_unassigned, "district_unassigned", S::warning, "a boundary feature has no code (所属未定地); not a district", "行政区域コードのない地物（所属未定地）"},
    {geometry_repaired, "geometry_repaired", S::warning, "invalid polygon geometry was repaired", "不正な多角形を修復"},
    {geometry_empty, "geometry_empty", S::error, "the feature has no usable geometry", "使える形状がない（除外）"},
    {district_id_missing, "district_id_missing", S::error, "the district has no id", "区域IDがない（除外）"},
    {district_parts_merged, "district_parts_merged", S::info, "several features with one code were merged into one multipolygon", "同じコードの複数の地物を一つの区域に統合"},
    {geometry_not_polygon, "geometry_not_polygon", S::error, "the feature's geometry is not a polygon", "区域の形状が多角形でない（除外）"},
    {population_suppressed, "population_suppressed", S::info, "figures suppressed (秘匿); counted in the cell named", "秘匿されたメッシュ（人口は合算先のメッシュに計上）"},
    {mesh_code_invalid, "mesh_code_invalid", S::error, "the mesh code is not a valid JIS X 0410 code", "メッシュコードが不正（除外）"},
    {population_value_invalid, "population_value_invalid", S::warning, "a population figure is not a number; left empty", "人口が数値でない（空欄として取込）"},
    {way_nodes_missing, "way_nodes_missing", S::warning, "a way refers to nodes the file does not hold; it is split at them (parts of fewer than two nodes dropped)", "道路がファイルにないノードを参照（その箇所で分割、2点未満の部分は除外）"},
    {osm_value_invalid, "osm_value_invalid", S::warning, "an OSM tag value (maxspeed, oneway) could not be read; ignored", "OSMのタグ値（maxspeed・oneway）を読み取れない（無視）"},
    {ways_skipped, "ways_skipped", S::info, "ways that are no road for a car (footways, construction, private access, other features) were skipped (counted per reason once per file)", "車の通れない道・工事中・私道・道路以外の地物（読み飛ばし、理由ごとに件数を記録）"},
    {road_network_summary, "road_network_summary", S::info, "the road network read: ways and nodes by class (once per file)", "読み込んだ道路網の内訳（道路種別ごとの本数、ファイルごと）"},
    {off_road_network, "off_road_network", S::warning, "a point lies farther than the snap distance from every road; unreachable by road", "地点から道路までの距離が上限を超える（道路経由では到達不可）"},
    {way_unusable, "way_unusable", S::error, "a road way has no two consecutive nodes the file holds (all missing, or a single node); rejected", "道路に使える連続した2点がない（ノード欠落・1点のみ、除外）"},
};
}  // namespace

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "?";
}

const std::vector<DiagInfo>& diag_table() { return kTable; }

const DiagInfo& diag_info(DiagCode c) {
  auto it = std::find_if(kTable.begin(), kTable.end(), [c](const DiagInfo& i) { return i.code == c; });
  if (it == kTable.end()) throw std::logic_error("diagnostic code missing from table");
  return *it;
}

std::string_view to_string(DiagCode c) { return diag_info(c).name; }

std::string format_diagnostic(const Diagnostic& d) {
  std::string s = d.file;
  if (d.row > 0) s += ":" + std::to_string(d.row);
  if (!d.column.empty()) s += ":" + d.column;
  s += ": ";
  s += to_string(d.severity);
  s += " [";
  s += to_string(d.code);
  s += "] ";
  s += d.message;
  if (!d.value.empty()) s += " (value: \"" + d.value + "\")";
  return s;
}

namespace {
std::string cut_utf8(std::string v, std::size_t max_bytes) {
  if (v.size() <= max_bytes) return v;
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(v[n]) & 0xC0) == 0x80) --n;
  v.resize(n);
  v += "…";
  return v;
}
}  // namespace

void report(DiagnosticSink& sink, DiagCode code, std::string file, std::int64_t row,
            std::string column, std::string value, std::string message) {
  Diagnostic d;
  d.code = code;
  d.severity = diag_info(code).severity;
  d.file = std::move(file);
  d.row = row;
  d.column = std::move(column);
  d.value = cut_utf8(std::move(value), 200);
  d.message = std::move(message);
  sink.report(std::move(d));
}

}  // namespace careatlas
