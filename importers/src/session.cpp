// ImportSession: the files of a job in their slots, dispatch of each to its reader
// (input_format.cpp), what every row passes (the area, duplicate IDs), and finish(). The
// helpers the readers share are in reader_helpers.cpp, the end of the import in
// session_finish.cpp.
#include <algorithm>
#include <regex>

#include "careatlas/model/mesh_code.hpp"
#include "careatlas/model/safe_path.hpp"
#include "careatlas/version.hpp"
#include "district_builder.hpp"
#include "input_format.hpp"
#include "session_state.hpp"

namespace careatlas {


// ---- FileContext ---------------------------------------------------------------------

FileReport& FileContext::report() { return st_.reg.files[report_index_]; }

void FileContext::diag(DiagCode code, std::int64_t row, std::string column, std::string value,
                       std::string message) {
  Diagnostic d;
  d.code = code;
  d.severity = diag_info(code).severity;
  d.file = display_;
  d.row = row;
  d.column = std::move(column);
  d.message = std::move(message);
  // Cut long values (a 10 MB field must not end up in a report line).
  if (value.size() > 200) {
    std::size_t n = 200;
    while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
    value.resize(n);
    value += "…";
  }
  d.value = std::move(value);
  if (st_.row_open) st_.row_diagnostics.emplace_back(report_index_, std::move(d));
  else st_.emit(report_index_, std::move(d));
}

void ImportSession::State::emit(std::size_t report_index, Diagnostic d) {
  if (d.severity == Severity::warning) ++reg.files[report_index].warnings;
  sink.report(d);
  reg.diagnostics.push_back(std::move(d));
}

RowScope::RowScope(ImportSession::State& st) : st_(st) { st_.begin_row(); }
RowScope::~RowScope() { st_.end_row(keep_); }

void ImportSession::State::end_row(bool keep) {
  row_open = false;
  if (keep)
    for (auto& [r, d] : row_diagnostics) emit(r, std::move(d));
  row_diagnostics.clear();
}

void FileContext::fail(DiagCode code, std::int64_t row, std::string column, std::string value,
                       std::string message) {
  Diagnostic d;
  d.code = code;
  d.severity = Severity::error;
  d.file = display_;
  d.row = row;
  d.column = std::move(column);
  d.value = std::move(value);
  d.message = std::move(message);
  throw import_error(std::move(d));
}

RowFate ImportSession::State::add_facility(FileContext& ctx, Facility f, const std::string& id_column) {
  if (locator) {
    locate_notes.clear();
    locator->locate(f, locate_notes);
    for (LocateNote& n : locate_notes)
      ctx.diag(n.code, f.source_row, std::move(n.column), std::move(n.value), std::move(n.message));
  } else if (f.location_source == LocationSource::none && f.location) {
    f.location_source = LocationSource::published;
  }
  if (area && !area->keep(f)) {
    note_area_skip(ctx.report_index());
    // Its 時間票 and survey rows follow it — unless the ID is a kept facility's (a
    // duplicate elsewhere must not take the kept one's hours away).
    for (const std::string* id : {&f.facility_id, &f.source_id})
      if (!facility_by_id.contains(*id)) skipped_ids.insert(id_hash(*id));
    return RowFate::skipped;
  }
  auto [it, inserted] = facility_by_id.try_emplace(f.facility_id, facilities.size());
  if (!inserted) {
    const Facility first = facilities.get(it->second);
    ctx.diag(DiagCode::duplicate_id, f.source_row, id_column, f.source_id,
             "ID already imported from " + first.source_file + " line " + std::to_string(first.source_row) +
                 "; this row is rejected (the first occurrence is kept)");
    return RowFate::rejected;
  }
  count_location(ctx.report().locations, f);
  facilities.push_back(std::move(f));
  return RowFate::imported;
}

bool ImportSession::State::keep_cell(FileContext& ctx, std::uint64_t mesh_code) {
  if (!area) return true;
  LonLat centre;
  if (const auto half = mesh::half_mesh_centroid(mesh_code)) centre = *half;
  else if (const auto b = mesh::decode(mesh_code)) centre = b->centre();
  else return true;  // not a cell code: the reader reports it
  if (area->keep_cell(centre)) return true;
  note_area_skip(ctx.report_index());
  return false;
}

namespace {

bool is_ogr_path(const std::string& path) {
  static const std::regex kExt(R"(\.(geojson|json|shp|gpkg|gml|fgb|kml|zip)$)", std::regex::icase);
  return std::regex_search(path, kExt);
}

// Edition date from names like 02-1_clinic_facility_info_20260401.csv or N03-21_39_210101.json.
std::string edition_from_name(const std::string& name) {
  std::smatch m;
  static const std::regex kYmd(R"((20\d{2})(\d{2})(\d{2}))");
  static const std::regex kN03(R"(N03-(\d{2})_\d{2}_(\d{2})(\d{2})(\d{2}))");
  if (std::regex_search(name, m, kN03)) return "20" + m[2].str() + "-" + m[3].str() + "-" + m[4].str();
  if (std::regex_search(name, m, kYmd)) return m[1].str() + "-" + m[2].str() + "-" + m[3].str();
  return "";
}

std::string role_expectation(InputRole r) {
  switch (r) {
    case InputRole::facilities:
      return "介護サービス情報公表システム CSV, 医療情報ネット 施設票 or 診療科・診療時間票, or careatlas facility CSV "
             "(facility_id,name,kind,lat,lon,…)";
    case InputRole::districts: return "a polygon layer (N03 GeoJSON/Shapefile or any OGR polygon layer)";
    case InputRole::population:
      return "e-Stat mesh statistics .txt (KEY_CODE,HTKSYORI,…), 将来推計人口 mesh (MESH_ID,PTN_…) or "
             "mesh_code,pop_total,pop_65plus,pop_75plus";
    case InputRole::survey: return "a survey sheet with ケアマネタイム / 退院前カンファレンス columns";
    case InputRole::network: return "an OpenStreetMap road network: .osm.pbf, .osm (XML) or Overpass JSON";
    case InputRole::addresses:
      return "国土交通省 位置参照情報 CSV as published: 大字・町丁目レベル (…,大字町丁目コード,大字町丁目名,緯度,経度,…) or "
             "街区レベル (…,街区符号・地番,座標系番号,…)";
  }
  return "";
}

}  // namespace

// ---- ImportSession ---------------------------------------------------------------------

ImportSession::ImportSession(DiagnosticSink& sink, RegistryWriter* stream_to, std::size_t batch)
    : state_(std::make_unique<State>(sink)) {
  state_->reg.careatlas_version = kVersion;
  if (stream_to) state_->facilities.stream_to(stream_to, batch);
}
ImportSession::~ImportSession() = default;

void ImportSession::add(const InputSpec& spec) {
  plan({spec});
  add_planned(state_->planned.size() - 1);
}

void ImportSession::plan(const std::vector<InputSpec>& specs) {
  // Only plain local files, whoever built the spec (safe_path.hpp): refused before anything
  // is opened or recorded.
  for (const InputSpec& spec : specs) require_local_path(spec.path, std::string(to_string(spec.role)) + " file");
  State& st = *state_;
  for (const InputSpec& spec : specs) {
    FileReport rep;
    rep.file = spec.path;
    rep.role = std::string(to_string(spec.role));
    st.planned.push_back({spec, st.reg.files.size()});
    st.reg.files.push_back(std::move(rep));
    st.reg.sources.emplace_back();
  }
}

void ImportSession::add_planned(std::size_t i) {
  State& st = *state_;
  const InputSpec& spec = st.planned.at(i).spec;
  const std::size_t slot = st.planned[i].slot;
  const std::size_t first_diagnostic = st.reg.diagnostics.size();
  read(spec, slot);
  st.reads.push_back({slot, first_diagnostic, st.reg.diagnostics.size()});
}

void ImportSession::restrict_to(const AreaFilter* area) { state_->area = area; }
void ImportSession::locate_with(const FacilityLocator* locator) { state_->locator = locator; }
const std::vector<AddressTable>& ImportSession::addresses() const { return state_->reg.addresses; }

const std::vector<District>& ImportSession::districts() const { return state_->reg.districts; }

void ImportSession::read(const InputSpec& spec, std::size_t slot) {
  State& st = *state_;
  FileContext ctx(st, slot, spec.path);
  std::optional<InputFormat> given;
  if (!spec.format.empty() && spec.format != "auto") {
    given = input_format_named(spec.format);
    if (!given)
      throw config_error(spec.path + ": unknown format \"" + spec.format + "\" (auto, " + input_format_names() + ")");
  }
  if (spec.role == InputRole::network) {
    read_network(ctx, spec);
  } else if (is_ogr_path(spec.path) || (given && info(*given).layer)) {
    // District GeoJSON in lon/lat takes the fast path (no GDAL); the rest goes to OGR.
    const bool polygons = spec.role == InputRole::districts && (!given || info(*given).role == InputRole::districts);
    if (!polygons || !read_geojson_districts(ctx, spec)) read_ogr(ctx, spec);
  } else {
    read_text(ctx, spec, given);
  }
  // With 位置参照情報: how this file's facilities were located, in one line.
  if (const LocationCounts& c = ctx.report().locations; st.locator && c.total() > 0)
    ctx.diag(DiagCode::location_summary, 0, "", "", describe(c));
  SourceInfo src;
  src.file = file_name_of(spec.path);
  src.format = ctx.report().format;
  const auto format = input_format_named(src.format);
  src.attribution = !spec.attribution.empty() ? spec.attribution : format ? std::string(info(*format).attribution) : "";
  src.edition = spec.edition.empty() ? edition_from_name(src.file) : spec.edition;
  st.reg.sources[slot] = std::move(src);
}

void ImportSession::read_text(FileContext& ctx, const InputSpec& spec, std::optional<InputFormat> format) {
  TextFile tf = load_text(ctx, spec);
  if (!format) {
    csv::Reader r(tf.utf8);
    csv::Record first;
    r.next(first);
    format = detect_text_format(Header(first.fields));
    if (!format) {
      std::string got;
      for (std::size_t i = 0; i < first.fields.size() && i < 6; ++i) got += (i ? "," : "") + first.fields[i];
      ctx.fail(DiagCode::header_unrecognised, 1, "", got,
               "the header matches no layout careatlas knows; expected " + role_expectation(spec.role));
    }
  }
  const InputFormatInfo& f = info(*format);
  if (f.role != spec.role)
    ctx.fail(DiagCode::header_unrecognised, 1, "", std::string(f.name),
             "this looks like a " + std::string(f.name) + " file, given as " + std::string(to_string(spec.role)) +
                 "; expected " + role_expectation(spec.role));
  if (!f.read) throw config_error(spec.path + ": format \"" + std::string(f.name) + "\" is a layer format, not a text file");
  ctx.report().format = std::string(f.name);
  f.read(ctx, spec, tf);
}

Registry ImportSession::finish() {
  State& st = *state_;
  restore_input_order(st);
  st.facilities.flush();  // the joins then reach every facility in the writer
  join_iryo_hours(st);
  join_survey(st);
  drop_districts_outside(st);
  note_area_skips(st);
  return std::move(st.reg);
}

std::size_t ImportSession::facility_count() const { return state_->facilities.added(); }
std::size_t ImportSession::located_count() const { return state_->facilities.located(); }
std::size_t ImportSession::peak_facilities_in_memory() const { return state_->facilities.peak_in_memory(); }

}  // namespace careatlas
