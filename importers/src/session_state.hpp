#pragma once
// Internals shared by ImportSession and the per-format readers. Not installed.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "careatlas/importers/csv.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/import_session.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/importers/text.hpp"
#include "careatlas/model/facility_locator.hpp"
#include "careatlas/model/project_area.hpp"

namespace careatlas {

// One input file being read: its report, its diagnostics.
class FileContext {
 public:
  FileContext(ImportSession::State& st, std::size_t report_index, std::string display)
      : st_(st), report_index_(report_index), display_(std::move(display)) {}
  FileReport& report();
  std::size_t report_index() const { return report_index_; }
  const std::string& name() const { return display_; }
  ImportSession::State& state() { return st_; }
  void diag(DiagCode code, std::int64_t row, std::string column, std::string value, std::string message);
  // Throws import_error for a file-level failure.
  [[noreturn]] void fail(DiagCode code, std::int64_t row, std::string column, std::string value,
                         std::string message);

 private:
  ImportSession::State& st_;
  std::size_t report_index_;
  std::string display_;
};

// Pending 医療情報ネット hours: bands by facility source ID, joined in finish().
struct HoursBand {
  Weekday day;
  TimeBand band;
  bool holiday = false;  // the 祝 columns
};
struct PendingHoursRow {
  std::size_t report_index;
  std::string file;
  std::int64_t row;
  std::string id;
  std::vector<HoursBand> bands;
};
// Weekday flags of a 医療情報ネット facility row, for the flag/hours cross-check.
struct IryoFlags {
  std::optional<DaySet> open_days;  // from 毎週決まった曜日に休診（月…日）, 1 = open
  std::optional<bool> holidays_open;
  std::size_t report_index = 0;  // the 施設票's FileReport
  std::string file;
  std::int64_t row = 0;
};

// A survey row, parsed, waiting to be joined to a facility.
struct PendingSurveyRow {
  std::size_t report_index;
  std::string file;
  std::int64_t row;
  std::string id;
  std::string name;
  std::string address;
  SurveyAnswers answers;
  std::string phone, fax;  // the numbers care managers use; empty = not answered
  Flag home_visit;
  Flag support_24h;
  std::optional<int> doctors;
};

// What became of a data row, for its file's report: imported, rejected (a diagnostic
// says why) or skipped (outside the project area; blank lines are counted apart). A row
// handler may return a bool: true = imported, false = rejected.
struct RowFate {
  enum Kind : std::uint8_t { imported, rejected, skipped };
  Kind kind;
  RowFate(bool ok) : kind(ok ? imported : rejected) {}  // NOLINT: a bool says imported/rejected
  RowFate(Kind k) : kind(k) {}                          // NOLINT
  bool operator==(Kind k) const { return kind == k; }
};
// Counts a row read of `rep` as its fate says (rows_read is counted by the caller).
inline void count_row(FileReport& rep, RowFate fate) {
  ++(fate == RowFate::imported ? rep.imported : fate == RowFate::rejected ? rep.rejected : rep.skipped);
}

// One row being read (State::begin_row/end_row) for readers with loops of their own:
// its diagnostics are reported when the scope ends, unless skip() was called.
class RowScope {
 public:
  explicit RowScope(ImportSession::State& st);
  ~RowScope();
  RowScope(const RowScope&) = delete;
  RowScope& operator=(const RowScope&) = delete;
  // The row's fate: a skipped row's diagnostics are dropped when the scope ends.
  RowFate settle(RowFate fate) {
    keep_ = fate != RowFate::skipped;
    return fate;
  }
  RowFate count(FileReport& rep, RowFate fate) {
    count_row(rep, settle(fate));
    return fate;
  }

 private:
  ImportSession::State& st_;
  bool keep_ = true;
};

// Room for `more` elements beyond the size, growing at least geometrically (readers call
// it once per file with the file's line count; exact reserves file after file would move
// the whole vector each time).
template <class T>
void reserve_more(std::vector<T>& v, std::size_t more) {
  if (const std::size_t wanted = v.size() + more; wanted > v.capacity())
    v.reserve(std::max(wanted, 2 * v.capacity()));
}

// The facilities imported so far, by index in import order. They are kept in the
// registry's vector, unless the session streams them into the registry being written
// (careatlas import): then each full batch goes to the writer and only the last, partly
// filled batch stays in memory. get/put/for_each reach both alike.
class FacilityTable {
 public:
  explicit FacilityTable(std::vector<Facility>& tail) : tail_(tail) {}
  void stream_to(RegistryWriter* writer, std::size_t batch) {
    writer_ = writer;
    batch_ = std::max<std::size_t>(batch, 1);
  }
  std::size_t size() const { return written_ + tail_.size(); }
  void push_back(Facility&& f) {
    ++added_;
    located_ += f.located() ? 1 : 0;  // the joins never move a facility
    tail_.push_back(std::move(f));
    peak_ = std::max(peak_, tail_.size());
    if (writer_ && tail_.size() >= batch_) flush();
  }
  Facility get(std::size_t i) const { return i < written_ ? writer_->get(i) : tail_.at(i - written_); }
  void put(std::size_t i, Facility f) {
    if (i < written_) writer_->put(i, f);
    else tail_.at(i - written_) = std::move(f);
  }
  // fn(index, const Facility&) for every facility in index order.
  template <class Fn>
  void for_each(Fn&& fn) const {
    if (writer_) writer_->for_each([&fn](std::size_t i, const Facility& f) { fn(i, f); });
    for (std::size_t i = 0; i < tail_.size(); ++i) fn(written_ + i, tail_[i]);
  }
  // Sends what is in memory to the writer (streaming only).
  void flush() {
    if (!writer_ || tail_.empty()) return;
    writer_->append(tail_);
    written_ += tail_.size();
    tail_.clear();
  }
  // Room for `more` (in memory only: a streaming table never holds more than a batch).
  void reserve_more(std::size_t more) {
    if (!writer_) careatlas::reserve_more(tail_, more);
  }
  std::size_t peak_in_memory() const { return peak_; }
  // Facilities added and of them located; still known after finish() has moved the
  // registry (and its vector) out.
  std::size_t added() const { return added_; }
  std::size_t located() const { return located_; }

 private:
  std::vector<Facility>& tail_;
  RegistryWriter* writer_ = nullptr;
  std::size_t batch_ = 0;
  std::size_t written_ = 0;
  std::size_t peak_ = 0;
  std::size_t added_ = 0;
  std::size_t located_ = 0;
};

struct ImportSession::State {
  explicit State(DiagnosticSink& s) : sink(s) {}
  // `facilities` refers to reg.facilities: a copy would refer to the original's.
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  DiagnosticSink& sink;
  Registry reg;
  FacilityTable facilities{reg.facilities};
  std::unordered_map<std::string, std::size_t> facility_by_id;
  std::unordered_map<std::string, std::size_t> district_by_id;
  std::map<std::string, IryoFlags> iryo_flags;  // by 医療情報ネット ID
  std::vector<PendingHoursRow> pending_hours;
  std::vector<PendingSurveyRow> pending_survey;
  // Per district (parallel to reg.districts): the report of its file and the features it
  // was built from, to count them as skipped when the area leaves the district out.
  struct DistrictOrigin {
    std::size_t report_index;
    std::int64_t features;
    std::vector<std::int64_t> rows;  // its features' rows (their diagnostics go with it)
  };
  std::vector<DistrictOrigin> district_origin;

  // The inputs in the order given (ImportSession::plan) and the report slot of each.
  struct Planned {
    InputSpec spec;
    std::size_t slot;
  };
  std::vector<Planned> planned;
  // Each file read, in reading order: its slot and the diagnostics it produced
  // [begin, end), so that finish() can put them back into the order of the inputs.
  struct Read {
    std::size_t slot, begin, end;
  };
  std::vector<Read> reads;

  // While a row is read (with an area), its diagnostics wait here: a row skipped as
  // outside the area takes them with it (a national file's defects elsewhere in Japan are
  // not this project's), a row kept or rejected reports them in order.
  bool row_open = false;
  std::vector<std::pair<std::size_t, Diagnostic>> row_diagnostics;
  void begin_row() { row_open = area != nullptr; }
  void end_row(bool keep);
  // Reports a diagnostic of report `report_index` (counts its warning, tells the sink).
  void emit(std::size_t report_index, Diagnostic d);

  // The project area (ImportSession::restrict_to); null: every row is kept.
  const AreaFilter* area = nullptr;
  // Locates facilities by their address (ImportSession::locate_with); null: the published
  // point is all there is.
  const FacilityLocator* locator = nullptr;
  std::vector<LocateNote> locate_notes;  // reused for every facility
  // Rows skipped as outside the area, per report: one outside_project_area note per file.
  std::vector<std::int64_t> area_skipped;
  // Hashes of the IDs (facility and source ID) of facilities skipped as outside the area:
  // their 時間票 and survey rows are skipped with them, not rejected as orphans. 8 bytes
  // a skipped facility — the only memory that grows with the rows skipped.
  std::unordered_set<std::uint64_t> skipped_ids;
  static std::uint64_t id_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }
  bool was_skipped(std::string_view id) const { return !id.empty() && skipped_ids.contains(id_hash(id)); }
  // Counts a row of report `report_index` as skipped by the area (its report's
  // `skipped` is counted by the caller).
  void note_area_skip(std::size_t report_index, std::int64_t rows = 1) {
    if (area_skipped.size() <= report_index) area_skipped.resize(report_index + 1, 0);
    area_skipped[report_index] += rows;
  }
  // Whether a population cell lies within reach of the area (always, without an area).
  bool keep_cell(FileContext& ctx, std::uint64_t mesh_code);

  // Adds a facility unless it lies outside the project area (skipped) or its ID is taken
  // (rejected, with duplicate_id).
  RowFate add_facility(FileContext& ctx, Facility f, const std::string& id_column);
};

// ---- helpers used by several readers -------------------------------------------------

// A decoded text file.
struct TextFile {
  std::string utf8;
  text::Encoding encoding = text::Encoding::utf8;
};
// Reads and decodes; fails (import_error) on unreadable, empty, binary or undecodable files.
TextFile load_text(FileContext& ctx, const InputSpec& spec);

// Column lookup by normalised name with aliases.
class Header {
 public:
  explicit Header(std::vector<std::string> fields);
  std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const;
  bool has(std::initializer_list<std::string_view> names) const { return find(names).has_value(); }
  std::size_t size() const { return fields_.size(); }
  const std::string& name(std::size_t i) const { return fields_[i]; }
  const std::vector<std::string>& names() const { return fields_; }

 private:
  std::vector<std::string> fields_;
  std::vector<std::string> keys_;
};

// Reads the header record (line 1) and returns its column lookup; the reader is left at
// the first data record.
Header read_header(csv::Reader& reader);

// The accounting of for_each_row, record by record.
class RowLoop {
 public:
  RowLoop(FileContext& ctx, std::size_t field_count)
      : ctx_(ctx), rep_(ctx.report()), field_count_(field_count) {}
  // Counts the record as read; false (having counted and reported it) for a blank line
  // or a wrong field count; fails (import_error) when the file ends inside the record.
  bool admit(const csv::Record& rec);
  void count(RowFate fate) { count_row(rep_, fate); }
  void finish();  // notes a file without data rows

 private:
  FileContext& ctx_;
  FileReport& rep_;
  std::size_t field_count_;
  std::int64_t data_rows_ = 0;
};

// Walks the data records after the header: blank lines are counted as skipped and
// noted, a record with the wrong field count is rejected, a file that ends inside a
// record fails as truncated. `on_row(const csv::Record&)` returns the row's RowFate, or true
// when the row was imported, false when it rejected it (having reported why). A template rather than a
// std::function: the call per row is inlined (hundreds of thousands of rows per file).
template <class OnRow>
void for_each_row(FileContext& ctx, csv::Reader& reader, std::size_t field_count, OnRow&& on_row) {
  csv::Record rec;
  RowLoop loop(ctx, field_count);
  while (reader.next(rec))
    if (loop.admit(rec)) {
      RowScope row(ctx.state());  // the row's diagnostics wait until its fate is known
      loop.count(row.settle(on_row(std::as_const(rec))));
    }
  loop.finish();
}

// Lines of a text (an upper bound on its rows), to reserve room for them once.
inline std::size_t line_count(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}


// The row's field by index; empty when the column is absent.
inline std::string field(const csv::Record& r, std::optional<std::size_t> i) {
  return i && *i < r.fields.size() ? text::trim(r.fields[*i]) : std::string();
}

// Coordinates by the import policy (missing, 0/0, outside Japan → unlocated; plainly
// swapped → swapped back), each with a warning.
std::optional<LonLat> resolve_location(FileContext& ctx, std::int64_t row, const std::string& lat_column,
                                       const std::string& lat_text, const std::string& lon_column,
                                       const std::string& lon_text);

// Warns once per field that holds characters CP932 cannot write.
void check_cp932(FileContext& ctx, const csv::Record& rec, const Header& header);

// ASCII white space (space, tab, CR, LF) trimmed at both ends, without a copy; what is
// inside (Japanese text included) is left alone.
std::string_view trim_ascii(std::string_view s);
std::optional<int> parse_int(std::string_view s);
std::optional<double> parse_double(std::string_view s);
std::string file_name_of(const std::string& path);

// Per-format readers (one .cpp each).
void read_kaigo_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_careatlas_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_iryo_facility_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_iryo_hours_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_survey_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_mesh_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_estat_mesh(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_projected_mesh_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_isj_town_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_isj_block_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf);
void read_ogr(FileContext& ctx, const InputSpec& spec);  // districts, points, projected mesh layers
void read_network(FileContext& ctx, const InputSpec& spec);  // OpenStreetMap road network (read_network.cpp)
// Joins run by finish().
void join_iryo_hours(ImportSession::State& st);
void join_survey(ImportSession::State& st);
// The rest of finish() (session_finish.cpp): the diagnostics back in input order, the
// districts outside the project area dropped, one outside_project_area note per file.
void restore_input_order(ImportSession::State& st);
void drop_districts_outside(ImportSession::State& st);
void note_area_skips(ImportSession::State& st);

}  // namespace careatlas

namespace careatlas {

// 国土数値情報 将来推計人口 mesh rows, from a CSV or from an OGR layer's attributes: the
// attribute names once, then the values of each row/feature. Columns MESH_ID, SHICODE,
// PTN_<year> (total), PTC_<year> (65+), PTD_<year> (75+). Imports spec.years (all years
// found when empty); a requested year that is not in the columns fails with year_missing.
class ProjectedMeshRows {
 public:
  ProjectedMeshRows(FileContext& ctx, const InputSpec& spec, const std::vector<std::string>& columns);
  // One row: imported (at least one year's figures), rejected, or skipped (outside the
  // project area).
  RowFate row(std::int64_t row, const std::vector<std::string>& values);

 private:
  struct YearColumns {
    int year;
    std::optional<std::size_t> total, age65, age75;
  };
  FileContext& ctx_;
  std::vector<std::string> columns_;
  std::optional<std::size_t> mesh_col_;
  std::vector<YearColumns> years_;
  std::string file_;
  std::set<std::pair<std::uint64_t, int>> seen_;  // (mesh code, year) already imported
};

}  // namespace careatlas
