#pragma once
// Diagnostics: every data defect careatlas finds, as a value.
//
// Data defects are never exceptions (EXEMPLARS §4): an importer reports a Diagnostic and
// goes on. Each code is listed once in the table in diagnostic.cpp with its stable name
// and default severity; codes are grouped in families by hundreds, PROJ-style:
//   1xx file and header   2xx row structure   3xx identity    4xx location
//   5xx text and values   6xx opening hours   7xx survey join 8xx districts
//   9xx population         10xx road network (OpenStreetMap) and travel time
// Severity says what happened to the row: error = the row was rejected (or the file
// could not be read), warning = kept but changed or doubtful, info = noted.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace careatlas {

enum class Severity : std::uint8_t { info, warning, error };
std::string_view to_string(Severity s);

enum class DiagCode : std::uint16_t {
  file_unreadable = 101,
  file_empty = 102,
  header_unrecognised = 103,
  binary_content = 104,
  file_truncated = 105,
  column_missing = 106,
  encoding_invalid = 107,
  year_missing = 108,
  no_rows = 109,
  year_unknown = 110,
  field_count = 201,
  blank_line = 202,
  missing_id = 301,
  duplicate_id = 302,
  missing_name = 303,
  coordinates_missing = 401,
  coordinates_zero = 402,
  coordinates_out_of_range = 403,
  coordinates_swapped = 404,
  coordinates_invalid = 405,
  outside_own_municipality = 406,
  municipality_unknown = 407,
  outside_project_area = 408,
  located_by_address = 409,
  location_suspect = 410,
  address_unmatched = 411,
  address_retired = 412,
  address_row_invalid = 413,
  location_summary = 414,
  not_cp932 = 501,
  value_invalid = 502,
  kind_unknown = 503,
  hours_placeholder = 601,
  hours_overnight = 602,
  hours_flag_conflict = 603,
  hours_unparsable = 604,
  weekday_token_unknown = 605,
  hours_orphan = 606,
  hint_24h = 607,
  survey_unmatched = 701,
  survey_value_invalid = 702,
  survey_ambiguous = 703,
  survey_duplicate = 704,
  survey_matched_by_name = 705,
  district_unassigned = 801,
  geometry_repaired = 802,
  geometry_empty = 803,
  district_id_missing = 804,
  district_parts_merged = 805,
  geometry_not_polygon = 806,
  population_suppressed = 901,
  mesh_code_invalid = 902,
  population_value_invalid = 903,
  way_nodes_missing = 1001,
  osm_value_invalid = 1002,
  ways_skipped = 1003,
  road_network_summary = 1004,
  off_road_network = 1005,
  way_unusable = 1006,
};

struct DiagInfo {
  DiagCode code;
  std::string_view name;       // stable machine name, e.g. "duplicate_id"
  Severity severity;           // default severity
  std::string_view summary;    // one line, English
  std::string_view summary_ja; // the same in Japanese, for the reports users open in Excel
};
const DiagInfo& diag_info(DiagCode c);
const std::vector<DiagInfo>& diag_table();
std::string_view to_string(DiagCode c);  // the stable name

struct Diagnostic {
  DiagCode code = DiagCode::value_invalid;
  Severity severity = Severity::warning;
  std::string file;       // file name as given by the user
  std::int64_t row = 0;   // 1-based physical line (header = 1), feature number for layers; 0 = whole file
  std::string column;     // column name as written in the file; empty = whole row
  std::string value;      // the offending value (truncated to a readable length)
  std::string message;    // what is wrong and what careatlas did about it
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// "file:row:column: severity: message [value]" — the form printed on stderr.
std::string format_diagnostic(const Diagnostic& d);

// Receives diagnostics (libosmium's problem reporter). The collector keeps them.
class DiagnosticSink {
 public:
  virtual ~DiagnosticSink() = default;
  virtual void report(Diagnostic d) = 0;
};

class DiagnosticCollector final : public DiagnosticSink {
 public:
  void report(Diagnostic d) override { items_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic> take() { return std::move(items_); }

 private:
  std::vector<Diagnostic> items_;
};

// Fills severity from the table and reports. Values longer than 200 bytes are cut at a
// UTF-8 boundary and marked with "…".
void report(DiagnosticSink& sink, DiagCode code, std::string file, std::int64_t row,
            std::string column, std::string value, std::string message);

}  // namespace careatlas
