// 国土交通省 位置参照情報, as published: 大字・町丁目レベル (isj_town; 10 columns, codes and
// names) and 街区レベル (isj_block; 14 columns, names only). Shift_JIS, CRLF, every field
// quoted. Each file becomes one AddressTable of the registry.
//
// A row is imported with its point, or rejected (address_row_invalid: no name, a code that
// does not fit its prefecture, no usable point; duplicate_id: a 大字町丁目コード seen before)
// or skipped (a 街区 row marked 削除, one address_retired note per file). With a project
// area, a municipality's rows are kept together — all of them when one lies in the area or
// within reach — so that a neighbour's towns match as completely as the area's own; the
// rows of the others are skipped, their diagnostics with them.
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "session_state.hpp"

namespace careatlas {

namespace {

// The table being built: its text, each string once (the same names fill many rows).
class TableBuilder {
 public:
  explicit TableBuilder(AddressTable& t) : t_(t) {}
  std::uint32_t intern(std::string_view s) {
    if (s.empty()) return 0;
    if (s == last_) return last_index_;  // rows come sorted: most names repeat the last row's
    auto [it, inserted] = index_.try_emplace(std::string(s), static_cast<std::uint32_t>(t_.text.size()));
    if (inserted) t_.text.emplace_back(s);
    last_ = it->first;
    last_index_ = it->second;
    return it->second;
  }

 private:
  AddressTable& t_;
  std::unordered_map<std::string, std::uint32_t> index_;
  std::string_view last_;
  std::uint32_t last_index_ = 0;
};

// One column lookup per field the formats use.
struct Columns {
  std::optional<std::size_t> pref_code, pref, muni_code, muni, town_code, town, koaza, block, lat, lon, kind, rep, residential,
      before, after;
};

// Rows without a municipality name belong to no municipality: the area never drops them.
bool no_municipality(std::uint64_t group) { return (group & 0xFFFFFFFFu) == 0; }

// What a row's diagnostic waits for: its municipality's fate (with an area).
struct PendingDiag {
  std::size_t row;  // index into the rows read (kNoRow: not a row of the table)
  std::int64_t line;
  DiagCode code;
  std::string column, value, message;
};

class Reader {
 public:
  Reader(FileContext& ctx, const Header& h, AddressTable& t, bool block)
      : ctx_(ctx), h_(h), table_(t), text_(t), block_(block) {}

  // One data record: its fate before the area has its say.
  RowFate row(const csv::Record& r, const Columns& c);
  // With an area: drops the municipalities it leaves out, then reports.
  void finish(const AreaFilter* area);

 private:
  std::string_view f(const csv::Record& r, std::optional<std::size_t> i) const {
    return i && *i < r.fields.size() ? trim_ascii(r.fields[*i]) : std::string_view();
  }
  void diag(std::int64_t line, DiagCode code, std::optional<std::size_t> column, std::string_view value, std::string message) {
    pending_.push_back({rows_.size(), line, code, column ? h_.name(*column) : "", std::string(value), std::move(message)});
  }
  std::optional<LonLat> point(const csv::Record& r, const Columns& c);

  FileContext& ctx_;
  const Header& h_;
  AddressTable& table_;
  TableBuilder text_;
  bool block_;
  // Every data row read, in order: imported (a row of the table) or not, and its municipality.
  struct RowRead {
    std::uint64_t group;
    bool ok;
  };
  std::vector<RowRead> rows_;
  std::vector<PendingDiag> pending_;
  std::unordered_set<std::string> town_codes_;
  std::int64_t retired_ = 0;
};

std::optional<LonLat> Reader::point(const csv::Record& r, const Columns& c) {
  const std::string_view lat_text = f(r, c.lat), lon_text = f(r, c.lon);
  const std::string both = std::string(lat_text) + "," + std::string(lon_text);
  const auto lat = parse_double(lat_text), lon = parse_double(lon_text);
  if (!lat || !lon) {
    diag(r.first_line, DiagCode::address_row_invalid, !lat ? c.lat : c.lon, both,
         lat_text.empty() || lon_text.empty() ? "緯度/経度 empty: no point; row rejected" : "緯度/経度 are not numbers; row rejected");
    return std::nullopt;
  }
  const LonLat p{*lon, *lat};
  if (in_japan(p)) return p;
  if (const LonLat swapped{*lat, *lon}; in_japan(swapped)) {
    diag(r.first_line, DiagCode::coordinates_swapped, c.lat, both, "緯度 and 経度 are swapped; swapped back");
    return swapped;
  }
  diag(r.first_line, DiagCode::address_row_invalid, c.lat, both, "the point lies outside Japan; row rejected");
  return std::nullopt;
}

RowFate Reader::row(const csv::Record& r, const Columns& c) {
  const std::int64_t line = r.first_line;
  AddressTable::Row a;
  a.source_row = line;
  a.prefecture = text_.intern(f(r, c.pref));
  a.municipality = text_.intern(f(r, c.muni));
  const std::uint64_t group = (static_cast<std::uint64_t>(a.prefecture) << 32) | a.municipality;
  auto reject = [&](std::optional<std::size_t> column, std::string_view value, std::string message) {
    diag(line, DiagCode::address_row_invalid, column, value, std::move(message));
    rows_.push_back({group, false});
    return RowFate::rejected;
  };
  if (block_ && f(r, c.before) == "3") {  // 更新前履歴フラグ 3 = 削除: not an address any more
    ++retired_;
    rows_.push_back({group, false});
    return RowFate::skipped;
  }
  if (a.municipality == 0) return reject(c.muni, "", "市区町村名 is empty; row rejected");
  const std::string_view town = f(r, c.town);
  if (town.empty()) return reject(c.town, "", std::string(block_ ? "大字・丁目名" : "大字町丁目名") + " is empty; row rejected");
  if (!block_) {
    const std::string_view code = f(r, c.muni_code), pref_code = f(r, c.pref_code);
    const bool digits = code.size() == 5 && code.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits) return reject(c.muni_code, code, "市区町村コード is not 5 digits; row rejected");
    if (!pref_code.empty() && !code.starts_with(pref_code))
      return reject(c.muni_code, code, "市区町村コード " + std::string(code) + " is not of 都道府県コード " +
                                           std::string(pref_code) + "; row rejected");
    a.municipality_code = code;
    a.town_code = f(r, c.town_code);
    const std::string_view kind = f(r, c.kind);
    a.level = kind == "3" ? AddressLevel::chome : AddressLevel::oaza;
    if (kind != "0" && kind != "1" && kind != "2" && kind != "3")
      diag(line, DiagCode::value_invalid, c.kind, kind, "大字・字・丁目区分コード is not 0–3; read as 大字");
  } else {
    a.block = text::nfkc(f(r, c.block));  // the odd full-width 街区符号
    if (a.block.empty()) return reject(c.block, "", "街区符号・地番 is empty; row rejected");
    a.level = AddressLevel::block;
    a.representative = f(r, c.rep) != "0";
    a.residential = f(r, c.residential) == "1";
    a.koaza = text_.intern(f(r, c.koaza));
  }
  const auto p = point(r, c);
  if (!p) {
    rows_.push_back({group, false});
    return RowFate::rejected;
  }
  a.point = *p;
  if (!a.town_code.empty() && !town_codes_.insert(a.town_code).second) {
    diag(line, DiagCode::duplicate_id, c.town_code, a.town_code,
         "大字町丁目コード already read from an earlier row; this row is rejected (the first is kept)");
    rows_.push_back({group, false});
    return RowFate::rejected;
  }
  a.town = text_.intern(town);
  table_.rows.push_back(std::move(a));
  rows_.push_back({group, true});
  return RowFate::imported;
}

void Reader::finish(const AreaFilter* area) {
  FileReport& rep = ctx_.report();
  std::unordered_set<std::uint64_t> kept;
  if (area) {
    for (const AddressTable::Row& r : table_.rows)
      if (area->keep_place(r.municipality_code, r.point))
        kept.insert((static_cast<std::uint64_t>(r.prefecture) << 32) | r.municipality);
    std::size_t out = 0, next = 0;
    std::int64_t dropped = 0;
    for (const RowRead& rr : rows_) {
      if (kept.contains(rr.group) || no_municipality(rr.group)) {
        if (rr.ok) {
          if (out != next) table_.rows[out] = std::move(table_.rows[next]);  // never onto itself
          ++out;
        }
      } else {
        ++dropped;
        --(rr.ok ? rep.imported : rep.rejected);
        ++rep.skipped;
      }
      if (rr.ok) ++next;
    }
    table_.rows.resize(out);
    if (dropped > 0) ctx_.state().note_area_skip(ctx_.report_index(), dropped);
  }
  for (PendingDiag& d : pending_)
    if (!area || d.row >= rows_.size() || kept.contains(rows_[d.row].group) || no_municipality(rows_[d.row].group))
      ctx_.diag(d.code, d.line, std::move(d.column), std::move(d.value), std::move(d.message));
  if (retired_ > 0)
    ctx_.diag(DiagCode::address_retired, 0, "更新前履歴フラグ", "3",
              std::to_string(retired_) + " rows marked 削除 (更新前履歴フラグ 3) are not addresses any more; skipped");
}

void read_reference(FileContext& ctx, const InputSpec& spec, const TextFile& tf, bool block) {
  csv::Reader reader(tf.utf8);
  const Header h = read_header(reader);
  Columns c;
  c.pref = h.find({"都道府県名"});
  c.muni = h.find({"市区町村名"});
  c.lat = h.find({"緯度"});
  c.lon = h.find({"経度"});
  if (block) {
    c.town = h.find({"大字・丁目名", "大字・町丁目名", "大字町丁目名"});
    c.koaza = h.find({"小字・通称名"});
    c.block = h.find({"街区符号・地番"});
    c.residential = h.find({"住居表示フラグ"});
    c.rep = h.find({"代表フラグ"});
    c.before = h.find({"更新前履歴フラグ"});
  } else {
    c.pref_code = h.find({"都道府県コード"});
    c.muni_code = h.find({"市区町村コード"});
    c.town_code = h.find({"大字町丁目コード"});
    c.town = h.find({"大字町丁目名"});
    c.kind = h.find({"大字・字・丁目区分コード"});
  }
  if (!c.pref || !c.muni || !c.town || !c.lat || !c.lon || (block ? !c.block : !c.muni_code))
    ctx.fail(DiagCode::header_unrecognised, 1, "", "",
             block ? "位置参照情報 (街区) without 都道府県名, 市区町村名, 大字・丁目名, 街区符号・地番, 緯度 or 経度"
                   : "位置参照情報 (大字・町丁目) without 都道府県名, 市区町村名, 市区町村コード, 大字町丁目名, 緯度 or 経度");
  ImportSession::State& st = ctx.state();
  st.reg.addresses.emplace_back();
  AddressTable& table = st.reg.addresses.back();
  table.file = spec.path;
  table.format = block ? "isj_block" : "isj_town";
  table.rows.reserve(line_count(tf.utf8));
  Reader rd(ctx, h, table, block);
  // The row loop without RowScope: a row's diagnostics wait for its municipality's fate.
  csv::Record rec;
  RowLoop loop(ctx, h.size());
  while (reader.next(rec))
    if (loop.admit(rec)) loop.count(rd.row(rec, c));
  loop.finish();
  rd.finish(st.area);
  table.rows.shrink_to_fit();
}

}  // namespace

void read_isj_town_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf) { read_reference(ctx, spec, tf, false); }
void read_isj_block_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf) { read_reference(ctx, spec, tf, true); }

}  // namespace careatlas
