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
    {file_unreadable, "file_unreadable", S::error, "the file cannot be opened or read"},
    {file_empty, "file_empty", S::error, "the file is empty"},
    {header_unrecognised, "header_unrecognised", S::error, "the header matches no known layout, or required columns are missing"},
    {binary_content, "binary_content", S::error, "the file is not text (binary bytes)"},
    {file_truncated, "file_truncated", S::error, "the file ends in the middle of a record"},
    {column_missing, "column_missing", S::warning, "an optional column was not found"},
    {encoding_invalid, "encoding_invalid", S::error, "bytes are not valid in the file's encoding"},
    {year_missing, "year_missing", S::error, "the requested year is not in the file"},
    {field_count, "field_count", S::error, "the row has a different number of fields than the header"},
    {blank_line, "blank_line", S::info, "blank line skipped"},
    {missing_id, "missing_id", S::error, "the row has no usable identity (ID or name)"},
    {duplicate_id, "duplicate_id", S::error, "the ID was already imported; the first occurrence is kept"},
    {missing_name, "missing_name", S::error, "the facility has no name"},
    {coordinates_missing, "coordinates_missing", S::warning, "coordinates are empty; kept as unlocated"},
    {coordinates_zero, "coordinates_zero", S::warning, "coordinates are 0/0 (the open data's 'unknown'); kept as unlocated"},
    {coordinates_out_of_range, "coordinates_out_of_range", S::warning, "coordinates lie outside Japan (lat 20–46, lon 122–154); kept as unlocated"},
    {coordinates_swapped, "coordinates_swapped", S::warning, "latitude and longitude were swapped; swapped back"},
    {coordinates_invalid, "coordinates_invalid", S::warning, "coordinates are not numbers; kept as unlocated"},
    {outside_own_municipality, "outside_own_municipality", S::warning, "the point lies outside the polygon of its own municipality code"},
    {municipality_unknown, "municipality_unknown", S::info, "the municipality code has no polygon among the imported districts"},
    {not_cp932, "not_cp932", S::warning, "text cannot be written in CP932 (Shift_JIS); kept as is"},
    {value_invalid, "value_invalid", S::warning, "a value could not be read; the field is left empty"},
    {kind_unknown, "kind_unknown", S::error, "the facility kind is not known"},
    {line_break_marker, "line_break_marker", S::info, "（改行） markers turned into line breaks"},
    {hours_placeholder, "hours_placeholder", S::warning, "00:00-00:00 placeholder hours ignored"},
    {hours_overnight, "hours_overnight", S::warning, "an overnight band was split at midnight into the next day"},
    {hours_flag_conflict, "hours_flag_conflict", S::warning, "weekday open/closed flags contradict the opening hours"},
    {hours_unparsable, "hours_unparsable", S::warning, "opening hours could not be read; left unknown"},
    {weekday_token_unknown, "weekday_token_unknown", S::warning, "an unknown day name was ignored"},
    {hours_orphan, "hours_orphan", S::error, "an hours row names a facility ID that is not in the facility table"},
    {hint_24h, "hint_24h", S::info, "text promises 24-hour response; recorded as a 24-hour hint"},
    {survey_unmatched, "survey_unmatched", S::error, "the survey row matches no imported facility"},
    {survey_value_invalid, "survey_value_invalid", S::warning, "a survey answer could not be read; left unanswered"},
    {survey_ambiguous, "survey_ambiguous", S::error, "the survey row matches several facilities by name and address"},
    {survey_duplicate, "survey_duplicate", S::error, "a facility already has survey answers; the first row is kept"},
    {survey_matched_by_name, "survey_matched_by_name", S::info, "the survey row was joined by name and address"},
    {district_unassigned, "district_unassigned", S::warning, "a boundary feature has no code (所属未定地); not a district"},
    {geometry_repaired, "geometry_repaired", S::warning, "invalid polygon geometry was repaired"},
    {geometry_empty, "geometry_empty", S::error, "the feature has no usable geometry"},
    {district_id_missing, "district_id_missing", S::error, "the district has no id"},
    {district_parts_merged, "district_parts_merged", S::info, "several features with one code were merged into one multipolygon"},
    {geometry_not_polygon, "geometry_not_polygon", S::error, "the feature's geometry is not a polygon"},
    {population_suppressed, "population_suppressed", S::info, "figures suppressed (秘匿); counted in the cell named"},
    {mesh_code_invalid, "mesh_code_invalid", S::error, "the mesh code is not a valid JIS X 0410 code"},
    {population_value_invalid, "population_value_invalid", S::warning, "a population figure is not a number; left empty"},
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
