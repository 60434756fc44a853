#include "input_format.hpp"

namespace careatlas {

namespace {

bool is_kaigo(const Header& h) { return h.has({"事業所番号"}) && h.has({"サービスの種類"}); }
bool is_iryo_facility(const Header& h) { return h.has({"ID"}) && h.has({"正式名称"}); }
bool is_iryo_hours(const Header& h) { return h.has({"ID"}) && (h.has({"診療科目コード"}) || h.has({"月_診療開始時間"})); }
bool is_careatlas(const Header& h) { return h.has({"facility_id"}) && h.has({"kind"}) && h.has({"lat"}) && h.has({"lon"}); }
bool is_survey(const Header& h) { return h.has({"ケアマネタイム"}) || h.has({"退院前カンファレンス"}); }
bool is_estat(const Header& h) { return h.has({"KEY_CODE"}) && h.has({"HTKSYORI"}); }
bool is_mesh_csv(const Header& h) { return h.has({"mesh_code"}) && h.has({"pop_65plus"}); }
bool is_projected(const Header& h) {
  if (!h.has({"MESH_ID"})) return false;
  for (std::size_t i = 0; i < h.size(); ++i)
    if (text::normalize_key(h.name(i)).starts_with("ptn_")) return true;
  return false;
}

bool is_isj_town(const Header& h) { return h.has({"大字町丁目コード"}) && h.has({"大字町丁目名"}) && h.has({"緯度"}); }
bool is_isj_block(const Header& h) { return h.has({"街区符号・地番"}) && h.has({"座標系番号"}); }

constexpr std::string_view kOsm = "© OpenStreetMap contributors (ODbL)";
constexpr std::string_view kIsj = "「位置参照情報」（国土交通省）を加工して作成";
constexpr std::string_view kKaigo = "出典：介護サービス情報公表システム（厚生労働省）";
constexpr std::string_view kIryo = "「医療情報ネットのオープンデータ」（厚生労働省）を加工して作成";

}  // namespace

const std::vector<InputFormatInfo>& input_format_table() {
  using F = InputFormat;
  using R = InputRole;
  static const std::vector<InputFormatInfo> t = {
      {F::kaigo_csv, "kaigo_csv", R::facilities, false, is_kaigo, read_kaigo_csv, kKaigo},
      {F::iryo_facility, "iryo_facility", R::facilities, false, is_iryo_facility, read_iryo_facility_csv, kIryo},
      {F::iryo_hours, "iryo_hours", R::facilities, false, is_iryo_hours, read_iryo_hours_csv, kIryo},
      {F::careatlas_csv, "careatlas_csv", R::facilities, false, is_careatlas, read_careatlas_csv, ""},
      {F::survey_csv, "survey_csv", R::survey, false, is_survey, read_survey_csv, ""},
      {F::estat_mesh, "estat_mesh", R::population, false, is_estat, read_estat_mesh,
       "「国勢調査」（総務省統計局）を加工して作成"},
      {F::mesh_csv, "mesh_csv", R::population, false, is_mesh_csv, read_mesh_csv, ""},
      {F::projected_mesh, "projected_mesh", R::population, false, is_projected, read_projected_mesh_csv,
       "「国土数値情報（将来推計人口メッシュ）」（国土交通省）を加工して作成"},
      {F::n03, "n03", R::districts, true, nullptr, nullptr, "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成"},
      {F::ogr_polygons, "ogr_polygons", R::districts, true, nullptr, nullptr, ""},
      {F::ogr_points, "ogr_points", R::facilities, true, nullptr, nullptr, ""},
      {F::p04, "p04", R::facilities, true, nullptr, nullptr, "「国土数値情報（医療機関データ）」（国土交通省）を加工して作成"},
      {F::p14, "p14", R::facilities, true, nullptr, nullptr, "「国土数値情報（福祉施設データ）」（国土交通省）を加工して作成"},
      {F::isj_town, "isj_town", R::addresses, false, is_isj_town, read_isj_town_csv, kIsj},
      {F::isj_block, "isj_block", R::addresses, false, is_isj_block, read_isj_block_csv, kIsj},
      {F::osm_pbf, "osm_pbf", R::network, false, nullptr, nullptr, kOsm},
      {F::osm_xml, "osm_xml", R::network, false, nullptr, nullptr, kOsm},
      {F::osm_json, "osm_json", R::network, false, nullptr, nullptr, kOsm},
  };
  return t;
}

const InputFormatInfo& info(InputFormat f) { return input_format_table()[static_cast<std::size_t>(f)]; }

std::optional<InputFormat> input_format_named(std::string_view name) {
  for (const InputFormatInfo& i : input_format_table())
    if (i.name == name) return i.format;
  return std::nullopt;
}

std::optional<InputFormat> detect_text_format(const Header& header) {
  for (const InputFormatInfo& i : input_format_table())
    if (i.detect && i.detect(header)) return i.format;
  return std::nullopt;
}

std::string input_format_names() {
  std::string s;
  for (const InputFormatInfo& i : input_format_table()) s += (s.empty() ? "" : ", ") + std::string(i.name);
  return s;
}

}  // namespace careatlas
