// ImportSession: dispatch of input files to the per-format readers, the shared row
// loop and validation helpers, and the joins that need every file first.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

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

// ---- helpers ---------------------------------------------------------------------------

std::string file_name_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

namespace {

// text::trim for ASCII text (no U+3000 to look for), without a copy.
std::string_view trim_ascii(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// The text a number is read from: NFKC (full-width digits １２３ → 123) and trimmed.
// ASCII text is NFKC-invariant, so the common case is a view into `s` and `buffer` is
// left alone; other text goes through ICU into `buffer`.
std::string_view number_text(std::string_view s, std::string& buffer) {
  if (text::is_ascii(s)) return trim_ascii(s);
  buffer = text::trim(text::nfkc(s));
  return buffer;
}

}  // namespace

std::optional<int> parse_int(std::string_view s) {
  std::string buffer;
  std::string_view t = number_text(s, buffer);
  // Tolerate thousands separators ("1,234") as Excel writes them.
  if (t.find(',') != std::string_view::npos) {
    std::string digits(t);
    std::erase(digits, ',');
    buffer = std::move(digits);
    t = buffer;
  }
  if (t.empty()) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view s) {
  std::string buffer;
  const std::string_view t = number_text(s, buffer);
  if (t.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

namespace {

// The whole file in one string, read in one go into a string sized from the file system
// (a stream copy through an ostringstream costs two extra copies and re-allocations of
// large files). What follows — all of it when the size is unknown (not a regular file),
// or when the one-go read fails — is copied through the stream as before, with the same
// outcome on odd paths (a directory reads as empty).
std::string read_bytes(std::ifstream& in, const std::string& path) {
  std::string bytes;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    try {
      bytes.resize(static_cast<std::size_t>(in.rdbuf()->sgetn(bytes.data(), static_cast<std::streamsize>(size))));
    } catch (const std::ios_base::failure&) {
      bytes.clear();
      in.rdbuf()->pubseekpos(0);
    }
  }
  std::ostringstream rest;
  rest << in.rdbuf();
  bytes += rest.str();
  return bytes;
}

// decode() for UTF-8, in place: the BOM (if any) removed, the rest validated (unless the
// caller knows it valid already). On invalid text returns false with `bad_offset` counted
// in the original bytes, as decode() does.
bool utf8_in_place(std::string& bytes, bool known_valid, std::size_t& bad_offset) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const std::size_t shift = std::string_view(bytes).starts_with(kBom) ? kBom.size() : 0;
  std::size_t off = 0;
  if (!known_valid && !text::is_valid_utf8(std::string_view(bytes).substr(shift), &off)) {
    bad_offset = off + shift;
    return false;
  }
  bytes.erase(0, shift);
  return true;
}

}  // namespace

TextFile load_text(FileContext& ctx, const InputSpec& spec) {
  std::ifstream in(spec.path, std::ios::binary);
  if (!in) ctx.fail(DiagCode::file_unreadable, 0, "", spec.path, "cannot open the file");
  std::string bytes = read_bytes(in, spec.path);
  if (in.bad()) ctx.fail(DiagCode::file_unreadable, 0, "", spec.path, "read error");
  if (bytes.empty() || bytes == "\xEF\xBB\xBF")
    ctx.fail(DiagCode::file_empty, 0, "", "", "the file is empty; expected a header line and data rows");
  if (text::looks_binary(bytes))
    ctx.fail(DiagCode::binary_content, 0, "", "",
             "the file holds binary data, not CSV text (is it a ZIP or Excel file? export it as CSV)");
  std::optional<text::Encoding> enc;
  try {
    enc = text::parse_encoding_option(spec.encoding);
  } catch (const std::invalid_argument& e) {
    throw config_error(spec.path + ": " + e.what());
  }
  auto line_of = [&bytes](std::size_t offset) {
    return 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  };
  bool validated = false;  // detection finds plain UTF-8 by validating all of it: not twice
  if (!enc) {
    enc = text::detect_encoding(bytes);
    validated = enc == text::Encoding::utf8;
  }
  if (!enc) {
    std::size_t bad = 0;
    text::is_valid_utf8(bytes, &bad);
    ctx.fail(DiagCode::encoding_invalid, line_of(bad), "", "byte offset " + std::to_string(bad),
             "the text is neither UTF-8 nor CP932 (Shift_JIS): the first byte that is not UTF-8 is on this line; "
             "fix it, save the file as UTF-8, or set encoding");
  }
  std::size_t bad = 0;
  std::optional<std::string> utf8;
  if (*enc == text::Encoding::cp932) {
    utf8 = text::decode(bytes, *enc, &bad);
  } else if (utf8_in_place(bytes, validated, bad)) {
    // UTF-8 needs no conversion: the bytes themselves become the text (as decode() would
    // return them, BOM removed), without copying a large file once more.
    utf8 = std::move(bytes);
  }
  if (!utf8) {
    ctx.fail(DiagCode::encoding_invalid, line_of(bad), "", "byte offset " + std::to_string(bad),
             "bytes are not valid " + std::string(text::to_string(*enc)));
  }
  ctx.report().encoding = std::string(text::to_string(*enc));
  return TextFile{std::move(*utf8), *enc};
}

Header::Header(std::vector<std::string> fields) : fields_(std::move(fields)) {
  for (auto& f : fields_) {
    f = text::trim(f);
    keys_.push_back(text::normalize_key(f));
  }
}

std::optional<std::size_t> Header::find(std::initializer_list<std::string_view> names) const {
  for (std::string_view n : names) {
    const std::string k = text::normalize_key(n);
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] == k) return i;
  }
  return std::nullopt;
}

Header read_header(csv::Reader& reader) {
  csv::Record head;
  reader.next(head);
  return Header(std::move(head.fields));
}

bool RowLoop::admit(const csv::Record& rec) {
  ++rep_.rows_read;
  if (rec.blank) {
    ++rep_.skipped;
    ctx_.diag(DiagCode::blank_line, rec.first_line, "", "", "blank line skipped");
    return false;
  }
  if (rec.unterminated_quote || (!rec.terminated && rec.fields.size() < field_count_)) {
    --rep_.rows_read;
    ctx_.fail(DiagCode::file_truncated, rec.first_line, "", "",
              rec.unterminated_quote
                  ? "the file ends inside a quoted field: it is truncated or a quote is unbalanced"
                  : "the last line is incomplete (" + std::to_string(rec.fields.size()) + " of " +
                        std::to_string(field_count_) + " fields, no line break): the file is truncated");
  }
  if (rec.fields.size() != field_count_) {
    ++rep_.rejected;
    std::string line_text;
    for (std::size_t i = 0; i < rec.fields.size(); ++i) line_text += (i ? "," : "") + rec.fields[i];
    ctx_.diag(DiagCode::field_count, rec.first_line, "", line_text,
              "row has " + std::to_string(rec.fields.size()) + " fields, the header has " +
                  std::to_string(field_count_) + " (an unquoted comma?); row rejected");
    return false;
  }
  ++data_rows_;
  return true;
}

void RowLoop::finish() {
  if (data_rows_ == 0)
    ctx_.diag(DiagCode::no_rows, 0, "", "", "the file has a header but no data rows; nothing imported from it");
}

std::optional<LonLat> resolve_location(FileContext& ctx, std::int64_t row, const std::string& lat_col,
                                       const std::string& lat_text, const std::string& lon_col,
                                       const std::string& lon_text) {
  // The value of a diagnostic; built only when one is reported.
  auto both = [&] { return lat_text + "," + lon_text; };
  if (lat_text.empty() || lon_text.empty()) {
    ctx.diag(DiagCode::coordinates_missing, row, lat_text.empty() ? lat_col : lon_col, both(),
             "coordinates are empty; kept as unlocated (listed in the booklet without a map marker)");
    return std::nullopt;
  }
  auto lat = parse_double(lat_text);
  auto lon = parse_double(lon_text);
  if (!lat || !lon) {
    ctx.diag(DiagCode::coordinates_invalid, row, !lat ? lat_col : lon_col, both(),
             "coordinates are not numbers; kept as unlocated");
    return std::nullopt;
  }
  if (std::abs(*lat) < 1e-9 && std::abs(*lon) < 1e-9) {
    ctx.diag(DiagCode::coordinates_zero, row, lat_col, both(),
             "coordinates are 0/0, the open data's mark for 'unknown'; kept as unlocated");
    return std::nullopt;
  }
  LonLat p{*lon, *lat};
  if (in_japan(p)) return p;
  LonLat swapped{*lat, *lon};
  if (in_japan(swapped)) {
    ctx.diag(DiagCode::coordinates_swapped, row, lat_col, both(),
             "latitude and longitude are swapped (latitude " + lat_text + " is a longitude); swapped back");
    return swapped;
  }
  ctx.diag(DiagCode::coordinates_out_of_range, row, lat_col, both(),
           "coordinates lie outside Japan (lat 20–46, lon 122–154); kept as unlocated");
  return std::nullopt;
}

void check_cp932(FileContext& ctx, const csv::Record& rec, const Header& header) {
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    std::string bad;
    if (!text::is_cp932_encodable(rec.fields[i], &bad)) {
      char cp[16];
      // First code point of the offender, for the message.
      std::uint32_t c = 0;
      {
        const auto* s = reinterpret_cast<const unsigned char*>(bad.data());
        if (!bad.empty()) {
          if (s[0] < 0x80) c = s[0];
          else if ((s[0] & 0xE0) == 0xC0) c = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
          else if ((s[0] & 0xF0) == 0xE0) c = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
          else c = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        }
      }
      std::snprintf(cp, sizeof cp, "U+%04X", static_cast<unsigned>(c));
      ctx.diag(DiagCode::not_cp932, rec.first_line, i < header.size() ? header.name(i) : "", rec.fields[i],
               "\"" + bad + "\" (" + cp + ") cannot be written in CP932 (Shift_JIS); kept as is, but Excel "
               "files saved as Shift_JIS and some printers will lose it");
    }
  }
}

RowFate ImportSession::State::add_facility(FileContext& ctx, Facility f, const std::string& id_column) {
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
  if (is_ogr_path(spec.path) || (given && info(*given).layer)) {
    // District GeoJSON in lon/lat takes the fast path (no GDAL); the rest goes to OGR.
    const bool polygons = spec.role == InputRole::districts && (!given || info(*given).role == InputRole::districts);
    if (!polygons || !read_geojson_districts(ctx, spec)) read_ogr(ctx, spec);
  } else {
    read_text(ctx, spec, given);
  }
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

namespace {

// The diagnostics of each file in the order of the inputs, as if they had been read in
// that order (the district layers are read first when an area needs their polygons).
void restore_input_order(ImportSession::State& st) {
  auto& reads = st.reads;
  const auto by_slot = [](const auto& a, const auto& b) { return a.slot < b.slot; };
  if (std::is_sorted(reads.begin(), reads.end(), by_slot)) return;
  std::vector<Diagnostic> ordered;
  ordered.reserve(st.reg.diagnostics.size());
  std::stable_sort(reads.begin(), reads.end(), by_slot);
  for (const auto& r : reads)
    for (std::size_t k = r.begin; k < r.end; ++k) ordered.push_back(std::move(st.reg.diagnostics[k]));
  st.reg.diagnostics = std::move(ordered);
}

// The diagnostics of dropped districts' features (repairs, merged parts): they go with
// the districts, and their warnings leave their files' counts.
void drop_district_diagnostics(ImportSession::State& st,
                               const std::vector<std::pair<const District*, std::size_t>>& dropped) {
  if (dropped.empty()) return;
  std::set<std::pair<std::string, std::int64_t>> rows;  // (file, row)
  std::set<std::pair<std::string, std::string>> ids;    // (file, district id)
  for (const auto& [d, i] : dropped) {
    const auto& o = st.district_origin[i];
    const std::string& file = st.reg.files[o.report_index].file;
    for (std::int64_t r : o.rows) rows.emplace(file, r);
    ids.emplace(file, d->id);
  }
  std::erase_if(st.reg.diagnostics, [&](const Diagnostic& d) {
    const bool gone = (d.row > 0 && rows.contains({d.file, d.row})) ||
                      (d.code == DiagCode::district_parts_merged && ids.contains({d.file, d.value}));
    if (gone && d.severity == Severity::warning)
      for (FileReport& f : st.reg.files)
        if (f.file == d.file) {
          --f.warnings;
          break;
        }
    return gone;
  });
}

// Districts the area leaves out: their features count as skipped in their file's report.
void drop_districts_outside(ImportSession::State& st) {
  if (!st.area) return;
  std::vector<District> kept;
  std::vector<ImportSession::State::DistrictOrigin> origin;
  std::vector<std::pair<const District*, std::size_t>> dropped;
  for (std::size_t i = 0; i < st.reg.districts.size(); ++i) {
    const auto& o = st.district_origin.at(i);
    if (st.area->keep(st.reg.districts[i])) continue;
    FileReport& rep = st.reg.files[o.report_index];
    rep.imported -= o.features;
    rep.skipped += o.features;
    for (std::int64_t k = 0; k < o.features; ++k) st.note_area_skip(o.report_index);
    dropped.emplace_back(&st.reg.districts[i], i);
  }
  drop_district_diagnostics(st, dropped);
  for (std::size_t i = 0, k = 0; i < st.reg.districts.size(); ++i) {
    if (k < dropped.size() && dropped[k].second == i) {
      ++k;
      continue;
    }
    kept.push_back(std::move(st.reg.districts[i]));
    origin.push_back(std::move(st.district_origin[i]));
  }
  st.reg.districts = std::move(kept);
  st.district_origin = std::move(origin);
  st.district_by_id.clear();
  for (std::size_t i = 0; i < st.reg.districts.size(); ++i) st.district_by_id.emplace(st.reg.districts[i].id, i);
}

// One outside_project_area note per file that had rows skipped by the area.
void note_area_skips(ImportSession::State& st) {
  if (!st.area) return;
  for (std::size_t r = 0; r < st.area_skipped.size(); ++r) {
    const std::int64_t n = st.area_skipped[r];
    if (n == 0) continue;
    FileContext ctx(st, r, st.reg.files[r].file);
    ctx.diag(DiagCode::outside_project_area, 0, "", std::to_string(n),
             std::to_string(n) + (n == 1 ? " row lies" : " rows lie") + " outside " + st.area->description() +
                 " (or belong to a facility that does); skipped");
  }
}

}  // namespace

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
