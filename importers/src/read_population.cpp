// Population by JIS X 0410 mesh cell, three layouts:
//   mesh_csv        mesh_code,pop_total,pop_65plus,pop_75plus (the bench world layout)
//   estat_mesh      e-Stat 地域メッシュ統計 .txt: CP932, two header rows (codes, labels),
//                   KEY_CODE,HTKSYORI,HTKSAKI,GASSAN then figures chosen by label
//   projected_mesh  国土数値情報 将来推計人口 mesh: MESH_ID, PTN_/PTC_/PTD_<year>
//                   (CSV here; OGR layers go through ProjectedMeshRows from read_ogr)
#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "careatlas/model/mesh_code.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace {

// The cells of the session for one file's year, for duplicate_id: cells of earlier files
// (known by file only) and the cells of this file (also by line).
//
// A national file has ~440,000 cells, and files come sorted by code (e-Stat, the bench
// worlds): while this file's codes keep ascending, a code cannot repeat one of its own, so
// they are only appended to a vector. The first time the order breaks they move into a
// hash map, which takes every later code.
class CellIndex {
 public:
  struct Origin {
    const std::string* file = nullptr;
    std::int64_t row = 0;  // 0 for cells of earlier files
  };
  CellIndex(const std::vector<PopulationCell>& cells, int year, std::string file, std::size_t rows)
      : year_(year), file_(std::move(file)) {
    for (const auto& c : cells)
      if (c.year == year) earlier_.try_emplace(c.mesh_code, earlier_file(c.source_file));
    ascending_.reserve(rows);
  }
  // Registers the cell of `row`, or returns where it was imported first.
  std::optional<Origin> add(std::uint64_t code, std::int64_t row) {
    if (auto it = earlier_.find(code); it != earlier_.end()) return Origin{&earlier_files_[it->second], 0};
    if (!hashed_ && (ascending_.empty() || code > ascending_.back().first)) {
      ascending_.emplace_back(code, row);
      return std::nullopt;
    }
    if (!hashed_) {  // the order breaks: from now on, a hash map
      hashed_ = true;
      own_.reserve(ascending_.capacity());
      for (const auto& [c, r] : ascending_) own_.emplace(c, r);
      std::vector<std::pair<std::uint64_t, std::int64_t>>().swap(ascending_);
    }
    auto [it, fresh] = own_.try_emplace(code, row);
    if (fresh) return std::nullopt;
    return Origin{&file_, it->second};
  }
  int year() const { return year_; }

 private:
  std::size_t earlier_file(const std::string& name) {
    auto it = std::find(earlier_files_.begin(), earlier_files_.end(), name);
    if (it != earlier_files_.end()) return static_cast<std::size_t>(it - earlier_files_.begin());
    earlier_files_.push_back(name);
    return earlier_files_.size() - 1;
  }

  int year_;
  std::string file_;
  std::unordered_map<std::uint64_t, std::size_t> earlier_;  // code → index into earlier_files_
  std::deque<std::string> earlier_files_;                   // stable addresses for Origin
  std::vector<std::pair<std::uint64_t, std::int64_t>> ascending_;
  bool hashed_ = false;
  std::unordered_map<std::uint64_t, std::int64_t> own_;
};


std::optional<std::uint64_t> read_mesh_code(FileContext& ctx, std::int64_t row, const std::string& column,
                                            const std::string& value) {
  if (auto code = mesh::parse(text::trim(text::nfkc(value)))) return code;
  ctx.diag(DiagCode::mesh_code_invalid, row, column, value,
           value.empty() ? "the mesh code is empty; row rejected"
                         : "not a JIS X 0410 mesh code (4, 6, 8, 9 or 10 digits; 2nd-mesh digits 0–7, "
                           "half/quarter digit 1–4); row rejected");
  return std::nullopt;
}

// True (after reporting duplicate_id) when the cell was already imported for the file's
// year; otherwise registers it (the caller imports the row).
bool is_duplicate(FileContext& ctx, CellIndex& index, std::uint64_t code, std::int64_t row, const std::string& column,
                  const std::string& value) {
  const std::optional<CellIndex::Origin> first = index.add(code, row);
  if (!first) return false;
  std::string where = *first->file;
  if (first->row > 0) where += " line " + std::to_string(first->row);
  ctx.diag(DiagCode::duplicate_id, row, column, value,
           "mesh cell " + std::to_string(code) + " (year " + std::to_string(index.year()) +
               ") was already imported from " + where +
               "; this row is rejected (the first occurrence is kept; give files of different years their year)");
  return true;
}

// A population figure. Empty (and, for e-Stat, the suppression marks * and -) → unknown
// without a note; not a number or negative → population_value_invalid, left empty.
std::optional<double> read_figure(FileContext& ctx, std::int64_t row, const std::string& column,
                                  const std::string& value, bool estat_marks) {
  if (value.empty()) return std::nullopt;
  if (estat_marks && (value == "*" || value == "-" || value == "＊" || value == "－")) return std::nullopt;
  auto v = parse_double(value);
  if (v && *v >= 0.0) return v;
  ctx.diag(DiagCode::population_value_invalid, row, column, value,
           v ? "a population figure is negative; left empty" : "a population figure is not a number; left empty");
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& items, std::size_t limit = 40) {
  std::string s;
  std::size_t n = 0;
  for (const auto& it : items) {
    const std::string t = text::trim(it);
    if (t.empty()) continue;
    if (n++ == limit) return s + ", …";
    s += (s.empty() ? "" : ", ") + t;
  }
  return s;
}

// GASSAN "533946112;533946121" (spaces allowed) → the valid codes joined by ';'.
std::string merged_list(FileContext& ctx, std::int64_t row, const std::string& column, const std::string& value) {
  std::string out;
  std::string bad;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(';', start);
    if (end == std::string::npos) end = value.size();
    const std::string item = text::trim(text::nfkc(value.substr(start, end - start)));
    start = end + 1;
    if (item.empty()) continue;
    if (mesh::parse(item)) out += (out.empty() ? "" : ";") + item;
    else bad += (bad.empty() ? "" : ", ") + item;
  }
  if (!bad.empty())
    ctx.diag(DiagCode::value_invalid, row, column, value,
             "GASSAN names cells that are not mesh codes (" + bad + "); they are left out of merged_from");
  return out;
}

// Census-year files (e-Stat, mesh CSV) say nothing about their year inside.
void warn_without_year(FileContext& ctx, const InputSpec& spec) {
  if (spec.year == 0)
    ctx.diag(DiagCode::year_unknown, 0, "", "",
             "the census year is not given (year = 2020 in the project file, --year 2020 on the command line); "
             "cells are stored with year 0");
}

}  // namespace

// ---- mesh_csv --------------------------------------------------------------------------

void read_mesh_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf) {
  warn_without_year(ctx, spec);
  csv::Reader reader(tf.utf8);
  const Header h = read_header(reader);
  const auto c_code = h.find({"mesh_code"});
  const auto c_total = h.find({"pop_total"});
  const auto c_65 = h.find({"pop_65plus"});
  const auto c_75 = h.find({"pop_75plus"});
  if (!c_code || !c_total || !c_65)
    ctx.fail(DiagCode::header_unrecognised, 1, "", joined(h.names()),
             "mesh population CSV needs mesh_code, pop_total, pop_65plus (and pop_75plus)");
  if (!c_75) ctx.diag(DiagCode::column_missing, 1, "pop_75plus", "", "no pop_75plus column; 75+ figures left empty");
  const std::string fname = file_name_of(spec.path);
  const std::size_t lines = line_count(tf.utf8);
  auto& cells = ctx.state().reg.population;
  CellIndex index(cells, spec.year, fname, lines);
  reserve_more(cells, lines);

  for_each_row(ctx, reader, h.size(), [&](const csv::Record& r) -> RowFate {
    const std::int64_t row = r.first_line;
    const std::string code_text = field(r, c_code);
    const auto code = read_mesh_code(ctx, row, h.name(*c_code), code_text);
    if (code && !ctx.state().keep_cell(ctx, *code)) return RowFate::skipped;
    if (!code || is_duplicate(ctx, index, *code, row, h.name(*c_code), code_text)) return false;
    PopulationCell c;
    c.mesh_code = *code;
    c.year = spec.year;
    c.source_file = fname;
    c.total = read_figure(ctx, row, h.name(*c_total), field(r, c_total), false);
    c.age65plus = read_figure(ctx, row, h.name(*c_65), field(r, c_65), false);
    if (c_75) c.age75plus = read_figure(ctx, row, h.name(*c_75), field(r, c_75), false);
    cells.push_back(std::move(c));
    return true;
  });
}

// ---- estat_mesh ------------------------------------------------------------------------

void read_estat_mesh(FileContext& ctx, const InputSpec& spec, const TextFile& tf) {
  warn_without_year(ctx, spec);
  // A final 0x1A (DOS end-of-file mark of old e-Stat files) is a blank line to the reader.
  csv::Reader reader(tf.utf8);
  csv::Record codes, labels;
  reader.next(codes);
  const Header hc(codes.fields);
  const auto c_key = hc.find({"KEY_CODE"});
  const auto c_kind = hc.find({"HTKSYORI"});
  const auto c_into = hc.find({"HTKSAKI"});
  const auto c_from = hc.find({"GASSAN"});
  if (!c_key)
    ctx.fail(DiagCode::header_unrecognised, 1, "", joined(codes.fields),
             "e-Stat mesh statistics need a KEY_CODE column in line 1");
  if (!reader.next(labels) || labels.blank)
    ctx.fail(DiagCode::header_unrecognised, 2, "", "",
             "line 2 of an e-Stat mesh file must hold the column labels (人口（総数） …); it is missing");
  const Header hl(labels.fields);
  const auto c_total = hl.find({"人口（総数）", "人口総数", "総数", "総人口"});
  const auto c_65 = hl.find({"６５歳以上人口　総数", "65歳以上人口総数", "65歳以上人口", "65歳以上"});
  const auto c_75 = hl.find({"７５歳以上人口　総数", "75歳以上人口総数", "75歳以上人口", "75歳以上"});
  if (!c_total || !c_65)
    ctx.fail(DiagCode::header_unrecognised, 2, "", joined(labels.fields),
             std::string("e-Stat mesh file: no ") + (!c_total ? "人口（総数）" : "65歳以上人口 総数") +
                 " column among the labels of line 2 (labels found: " + joined(labels.fields) + ")");
  // Diagnostics name the column by its code (line 1) and label (line 2).
  auto column = [&](std::size_t i) {
    const std::string code = i < hc.size() ? hc.name(i) : "";
    return code.empty() ? hl.name(i) : code + " " + hl.name(i);
  };
  if (!c_75)
    ctx.diag(DiagCode::column_missing, 2, "", "", "no 75歳以上人口 column among the labels; 75+ figures left empty");
  const std::string fname = file_name_of(spec.path);
  CellIndex index(ctx.state().reg.population, spec.year, fname, line_count(tf.utf8));

  for_each_row(ctx, reader, hc.size(), [&](const csv::Record& r) -> RowFate {
    const std::int64_t row = r.first_line;
    const std::string code_text = field(r, c_key);
    const auto code = read_mesh_code(ctx, row, "KEY_CODE", code_text);
    if (code && !ctx.state().keep_cell(ctx, *code)) return RowFate::skipped;
    if (!code || is_duplicate(ctx, index, *code, row, "KEY_CODE", code_text)) return false;
    PopulationCell c;
    c.mesh_code = *code;
    c.year = spec.year;
    c.source_file = fname;
    const std::string kind_text = field(r, c_kind);
    int kind = 0;
    if (!kind_text.empty()) {
      const auto k = parse_int(kind_text);
      if (k && *k >= 0 && *k <= 2) kind = *k;
      else ctx.diag(DiagCode::value_invalid, row, "HTKSYORI", kind_text, "HTKSYORI is not 0, 1 or 2; read as 0");
    }
    if (kind == 1) {
      // 秘匿: the figures are counted in the cell named in HTKSAKI.
      const std::string into = field(r, c_into);
      if (auto target = mesh::parse(text::trim(text::nfkc(into)))) {
        c.merged_into = *target;
        ctx.diag(DiagCode::population_suppressed, row, "HTKSAKI", into,
                 "figures suppressed (秘匿); they are counted in cell " + std::to_string(*target));
      } else {
        ctx.diag(DiagCode::value_invalid, row, "HTKSAKI", into,
                 "HTKSYORI is 1 but HTKSAKI is not a mesh code; the cell that carries the figures is unknown");
        ctx.diag(DiagCode::population_suppressed, row, "HTKSYORI", kind_text,
                 "figures suppressed (秘匿); they are counted in a neighbouring cell");
      }
    } else {
      c.total = read_figure(ctx, row, column(*c_total), field(r, c_total), true);
      c.age65plus = read_figure(ctx, row, column(*c_65), field(r, c_65), true);
      if (c_75) c.age75plus = read_figure(ctx, row, column(*c_75), field(r, c_75), true);
      if (kind == 2) {
        const std::string from = field(r, c_from);
        c.merged_from = merged_list(ctx, row, "GASSAN", from);
        if (from.empty())
          ctx.diag(DiagCode::value_invalid, row, "GASSAN", "", "HTKSYORI is 2 but GASSAN names no cells");
      }
    }
    ctx.state().reg.population.push_back(std::move(c));
    return true;
  });
}

// ---- projected_mesh --------------------------------------------------------------------

ProjectedMeshRows::ProjectedMeshRows(FileContext& ctx, const InputSpec& spec, const std::vector<std::string>& columns)
    : ctx_(ctx), columns_(columns), file_(file_name_of(spec.path)) {
  if (ctx_.report().format.empty()) ctx_.report().format = "projected_mesh";
  for (auto& c : columns_) c = text::trim(c);
  const Header h(columns_);
  mesh_col_ = h.find({"MESH_ID"});
  if (!mesh_col_)
    ctx_.fail(DiagCode::header_unrecognised, 0, "", joined(columns_),
              "将来推計人口 mesh data need a MESH_ID column (and PTN_<year> columns)");
  // PTN_2020 → total, PTC_2020 → 65+, PTD_2020 → 75+.
  std::map<int, YearColumns> found;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const std::string k = text::normalize_key(columns_[i]);
    if (k.size() != 8 || k[3] != '_' || !std::all_of(k.begin() + 4, k.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      continue;
    const std::string prefix = k.substr(0, 3);
    const int year = std::stoi(k.substr(4));
    YearColumns& y = found.try_emplace(year, YearColumns{year, {}, {}, {}}).first->second;
    if (prefix == "ptn" && !y.total) y.total = i;
    else if (prefix == "ptc" && !y.age65) y.age65 = i;
    else if (prefix == "ptd" && !y.age75) y.age75 = i;
  }
  std::vector<int> available;
  for (const auto& [year, y] : found)
    if (y.total) available.push_back(year);
  std::string available_text;
  for (int y : available) available_text += (available_text.empty() ? "" : ", ") + std::to_string(y);
  if (available.empty())
    ctx_.fail(DiagCode::header_unrecognised, 0, "", joined(columns_),
              "将来推計人口 mesh data: no PTN_<year> (total population) column");
  std::set<int> wanted(spec.years.begin(), spec.years.end());
  if (wanted.empty()) wanted.insert(available.begin(), available.end());
  for (int year : wanted) {
    auto it = found.find(year);
    if (it == found.end() || !it->second.total)
      ctx_.fail(DiagCode::year_missing, 0, "PTN_" + std::to_string(year), std::to_string(year),
                "year " + std::to_string(year) + " is not in the file (no PTN_" + std::to_string(year) +
                    " column); years available: " + available_text);
    const YearColumns& y = it->second;
    for (auto [col, name] : {std::pair{y.age65, "PTC_"}, {y.age75, "PTD_"}})
      if (!col)
        ctx_.diag(DiagCode::column_missing, 0, name + std::to_string(year), "",
                  std::string("no ") + name + std::to_string(year) + " column; those figures of " +
                      std::to_string(year) + " are left empty");
    years_.push_back(y);
  }
  for (const auto& c : ctx_.state().reg.population) seen_.insert({c.mesh_code, c.year});
}

RowFate ProjectedMeshRows::row(std::int64_t row, const std::vector<std::string>& values) {
  auto value = [&](std::optional<std::size_t> i) {
    return i && *i < values.size() ? text::trim(values[*i]) : std::string();
  };
  std::string code_text = value(mesh_col_);
  // A MESH_ID stored in a Real attribute arrives as "533946114.0".
  if (const auto dot = code_text.find('.');
      dot != std::string::npos && code_text.find_first_not_of('0', dot + 1) == std::string::npos)
    code_text.resize(dot);
  const auto code = read_mesh_code(ctx_, row, columns_[*mesh_col_], code_text);
  if (!code) return false;
  if (!ctx_.state().keep_cell(ctx_, *code)) return RowFate::skipped;
  for (const YearColumns& y : years_) {
    if (seen_.contains({*code, y.year})) {
      ctx_.diag(DiagCode::duplicate_id, row, columns_[*mesh_col_], code_text,
                "mesh cell " + std::to_string(*code) + " (year " + std::to_string(y.year) +
                    ") was already imported; this row is rejected (the first occurrence is kept)");
      return false;
    }
  }
  for (const YearColumns& y : years_) seen_.insert({*code, y.year});
  auto figure = [&](std::optional<std::size_t> i) {
    return i ? read_figure(ctx_, row, columns_[*i], value(i), false) : std::nullopt;
  };
  for (const YearColumns& y : years_) {
    PopulationCell c;
    c.mesh_code = *code;
    c.year = y.year;
    c.source_file = file_;
    c.total = figure(y.total);
    c.age65plus = figure(y.age65);
    c.age75plus = figure(y.age75);
    ctx_.state().reg.population.push_back(std::move(c));
  }
  return true;
}

void read_projected_mesh_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf) {
  csv::Reader reader(tf.utf8);
  csv::Record head;
  reader.next(head);
  auto rows = [&]() {
    try {
      return ProjectedMeshRows(ctx, spec, head.fields);
    } catch (const import_error& e) {
      // Header failures are "whole file" for a layer; in a CSV they are line 1.
      Diagnostic d = e.diagnostic();
      if (d.row == 0) d.row = 1;
      throw import_error(std::move(d));
    }
  }();
  for_each_row(ctx, reader, head.fields.size(),
               [&](const csv::Record& r) { return rows.row(r.first_line, r.fields); });
}

}  // namespace careatlas
