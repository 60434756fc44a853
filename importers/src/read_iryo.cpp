// 医療情報ネット (ナビイ) open data: the 施設票 (facility table) and the 診療科・診療時間票
// (department × time band), UTF-8 with BOM, CRLF. See DOMAIN.md "Real data formats".
// Header spellings are unconfirmed, so columns are found by name with tolerant aliases
// and the ones that matter but are absent are reported (column_missing, line 1).
// Hours rows are kept pending and joined to their facility in finish() (join_iryo_hours).
// The 祝_… columns are the hours of a public holiday (WeeklySchedule::holiday_hours).
#include <algorithm>
#include <array>

#include "careatlas/importers/hours.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace {

using State = ImportSession::State;

constexpr std::array<std::string_view, 8> kDays = {"月", "火", "水", "木", "金", "土", "日", "祝"};
constexpr std::size_t kHoliday = 7;  // index of 祝 in kDays

std::optional<std::size_t> find_any(const Header& h, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (auto i = h.find({n})) return i;
  return std::nullopt;
}

// Column of 毎週決まった曜日に休診（月） and its likely variants.
std::optional<std::size_t> flag_column(const Header& h, std::string_view day) {
  std::vector<std::string> names;
  const std::string d(day);
  for (std::string_view p : {"毎週決まった曜日に休診", "毎週決まった曜日の休診", "休診日"})
    for (const std::string& s : {"（" + d + "）", "（" + d + "曜）", "（" + d + "曜日）", "_" + d, "_" + d + "曜日"})
      names.push_back(std::string(p) + s);
  return find_any(h, names);
}

// `<day>_診療開始時間` and variants (月曜_…, 月曜日_…, 祝日_…).
std::optional<std::size_t> hours_column(const Header& h, std::string_view day, std::string_view what) {
  const std::string d(day), w(what);
  return find_any(h, {d + "_" + w, d + "曜_" + w, d + "曜日_" + w, d + "日_" + w, d + w});
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// 機関区分 (1 病院, 2 診療所, 3 歯科), with the file name (01-1_hospital_…, 02-1_clinic_…,
// 03-1_dental_…) as the authority for dental files and the fallback otherwise.
std::optional<FacilityKind> kind_of(const std::string& value, const std::string& file_name) {
  const std::string fname = lower_ascii(file_name);
  if (fname.find("dental") != std::string::npos) return FacilityKind::dental_clinic;
  const std::string v = text::nfkc(value);
  if (v == "1" || v == "病院") return FacilityKind::hospital;
  if (v == "2" || v == "診療所") return FacilityKind::clinic;
  if (v == "3" || v == "歯科診療所") return FacilityKind::dental_clinic;
  if (fname.find("hospital") != std::string::npos) return FacilityKind::hospital;
  if (fname.find("clinic") != std::string::npos) return FacilityKind::clinic;
  return std::nullopt;
}

// 都道府県コード (2 digits) + 市区町村コード (3 digits) → 5 digits; tolerates a 5-digit or
// 6-digit (with check digit) 市区町村コード and lost leading zeros.
std::optional<std::string> municipality_code(const std::string& pref_raw, const std::string& city_raw) {
  const std::string pref = text::nfkc(pref_raw), city = text::nfkc(city_raw);
  if (!all_digits(city)) return std::nullopt;
  if (city.size() == 5 || city.size() == 6) return city.substr(0, 5);
  if (!all_digits(pref) || pref.size() > 2 || city.size() > 3) return std::nullopt;
  return std::string(2 - pref.size(), '0') + pref + std::string(3 - city.size(), '0') + city;
}

// A 0/1 flag where 1 = open (the columns are named 休診 but mean the opposite).
std::optional<bool> open_flag(const std::string& s) {
  const std::string v = text::nfkc(s);
  if (v == "1") return true;
  if (v == "0") return false;
  return std::nullopt;
}

// HH:MM, also HH:MM:SS (seconds dropped) and what hours::parse_clock reads.
std::optional<int> clock_of(const std::string& raw) {
  std::string s = text::trim(text::nfkc(raw));
  if (std::count(s.begin(), s.end(), ':') == 2 && s.ends_with(":00")) s.resize(s.size() - 3);
  return hours::parse_clock(s);
}

}  // namespace

void read_iryo_facility_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf) {
  csv::Reader reader(tf.utf8);
  const Header h = read_header(reader);
  const auto c_id = h.find({"ID", "医療機関ID", "施設ID", "医療機関コード"});
  const auto c_name = h.find({"正式名称", "医療機関名称", "医療機関名", "名称"});
  const auto c_kana = h.find({"正式名称（フリガナ）", "正式名称（ふりがな）", "フリガナ", "名称（フリガナ）"});
  const auto c_kind = h.find({"機関区分", "医療機関区分", "施設区分"});
  const auto c_pref = h.find({"都道府県コード"});
  const auto c_city = h.find({"市区町村コード", "市町村コード"});
  const auto c_addr = h.find({"所在地", "住所"});
  const auto c_lat = h.find({"所在地座標（緯度）", "所在地座標_緯度", "座標（緯度）", "緯度", "latitude", "lat"});
  const auto c_lon = h.find({"所在地座標（経度）", "所在地座標_経度", "座標（経度）", "経度", "longitude", "lon"});
  const auto c_url = h.find({"案内用ホームページアドレス", "ホームページアドレス", "ホームページ", "URL"});
  const auto c_hol = h.find({"祝日に休診", "祝日の休診", "祝日休診", "毎週決まった曜日に休診（祝）"});
  const auto c_short = h.find({"略称"});
  std::array<std::optional<std::size_t>, 7> c_flag;
  std::string missing_flags;
  for (std::size_t d = 0; d < 7; ++d) {
    c_flag[d] = flag_column(h, kDays[d]);
    if (!c_flag[d]) missing_flags += (missing_flags.empty() ? "" : "・") + std::string(kDays[d]);
  }
  std::vector<std::size_t> c_other, c_beds, c_bed_totals;
  for (std::size_t i = 0; i < h.size(); ++i) {
    const std::string k = text::normalize_key(h.name(i));
    if (k.starts_with(text::normalize_key("その他の休診日"))) c_other.push_back(i);
    if (k.ends_with(text::normalize_key("病床数")))
      (k.find("合計") != std::string::npos || k.starts_with("総") ? c_bed_totals : c_beds).push_back(i);
  }
  if (!c_bed_totals.empty()) c_beds = c_bed_totals;  // a total column wins over per-type counts
  if (!c_id || !c_name)
    ctx.fail(DiagCode::header_unrecognised, 1, "", "", "医療情報ネット 施設票 without ID or 正式名称");
  if (!c_lat || !c_lon)
    ctx.diag(DiagCode::column_missing, 1, !c_lat ? "所在地座標（緯度）" : "所在地座標（経度）", "",
             "coordinate columns 所在地座標（緯度）/（経度） not found; every facility is unlocated");
  if (!missing_flags.empty())
    ctx.diag(DiagCode::column_missing, 1, "毎週決まった曜日に休診", missing_flags,
             "weekday flag columns 毎週決まった曜日に休診（" + missing_flags + "） not found; open days left unknown");
  for (auto [col, label] : {std::pair{c_hol, "祝日に休診"}, {c_kind, "機関区分"}, {c_addr, "所在地"},
                            {c_city, "市区町村コード"}})
    if (!col) ctx.diag(DiagCode::column_missing, 1, label, "", std::string("column ") + label + " not found; left empty");

  const std::string fname = file_name_of(spec.path);
  for_each_row(ctx, reader, h.size(), [&](const csv::Record& r) -> RowFate {
    const std::int64_t row = r.first_line;
    check_cp932(ctx, r, h);
    Facility f;
    f.source_id = text::nfkc(field(r, c_id));
    f.name = field(r, c_name);
    f.short_name = field(r, c_short);
    if (f.source_id.empty()) {
      ctx.diag(DiagCode::missing_id, row, h.name(*c_id), "", "ID is empty; row rejected");
      return false;
    }
    if (f.name.empty()) {
      ctx.diag(DiagCode::missing_name, row, h.name(*c_name), "", "正式名称 is empty; row rejected");
      return false;
    }
    f.facility_id = f.source_id;
    f.source_file = fname;
    f.source_row = row;
    f.kana = text::nfkc(field(r, c_kana));
    const std::string kind_text = field(r, c_kind);
    if (auto k = kind_of(kind_text, fname)) {
      f.kind = *k;
    } else {
      f.kind = FacilityKind::clinic;
      ctx.diag(DiagCode::value_invalid, row, c_kind ? h.name(*c_kind) : "機関区分", kind_text,
               "機関区分 is not 1 (病院), 2 (診療所) or 3 (歯科) and the file name does not tell; kind set to clinic");
    }
    const std::string pref = field(r, c_pref), city = field(r, c_city);
    if (!city.empty()) {
      if (auto m = municipality_code(pref, city)) f.municipality_code = *m;
      else
        ctx.diag(DiagCode::value_invalid, row, h.name(*c_city), pref + "," + city,
                 "都道府県コード + 市区町村コード do not make a 5-digit municipality code; left empty");
    }
    f.address = field(r, c_addr);
    f.url = field(r, c_url);
    if (c_lat && c_lon)
      f.location = resolve_location(ctx, row, h.name(*c_lat), field(r, c_lat), h.name(*c_lon), field(r, c_lon));

    // Weekday flags: 1 = open, 0 = closed. Known only when all seven are readable.
    IryoFlags flags;
    flags.report_index = ctx.report_index();
    flags.file = ctx.name();
    flags.row = row;
    DaySet open;
    int known = 0, present = 0;
    for (std::size_t d = 0; d < 7; ++d) {
      const std::string v = field(r, c_flag[d]);
      if (v.empty()) continue;
      ++present;
      if (auto b = open_flag(v)) {
        ++known;
        if (*b) open.add(static_cast<Weekday>(d));
      } else {
        ctx.diag(DiagCode::value_invalid, row, h.name(*c_flag[d]), v, "weekday flag is not 1 (open) or 0 (closed)");
      }
    }
    if (known == 7) {
      flags.open_days = open;
      f.availability.detail = WeeklySchedule::Detail::days_only;
      f.availability.open_days = open;
    } else if (present > 0 && missing_flags.empty()) {
      ctx.diag(DiagCode::value_invalid, row, "毎週決まった曜日に休診", std::to_string(known) + "/7",
               "only " + std::to_string(known) + " of 7 weekday flags are readable; open days left unknown");
    }
    if (const std::string v = field(r, c_hol); !v.empty()) {
      flags.holidays_open = open_flag(v);
      if (!flags.holidays_open)
        ctx.diag(DiagCode::value_invalid, row, h.name(*c_hol), v, "祝日 flag is not 1 (open) or 0 (closed)");
      f.availability.holidays_open = flags.holidays_open;
    }
    for (std::size_t i : c_other) {
      const std::string v = field(r, i);
      if (!v.empty() && v != "-") f.availability_note += (f.availability_note.empty() ? "" : "\n") + v;
    }
    // Beds: the sum of the 病床数 columns; empty or 0 = none.
    int beds = 0;
    for (std::size_t i : c_beds) {
      const std::string v = field(r, i);
      if (v.empty() || v == "-") continue;
      if (auto n = parse_int(v); n && *n >= 0) beds += *n;
      else ctx.diag(DiagCode::value_invalid, row, h.name(i), v, "bed count is not a number; not counted");
    }
    if (beds > 0) f.capacity = beds;

    const std::string id = f.facility_id;
    const RowFate fate = ctx.state().add_facility(ctx, std::move(f), h.name(*c_id));
    if (fate == RowFate::imported) ctx.state().iryo_flags[id] = std::move(flags);
    return fate;
  });
}

void read_iryo_hours_csv(FileContext& ctx, const InputSpec& /*spec*/, const TextFile& tf) {
  csv::Reader reader(tf.utf8);
  const Header h = read_header(reader);
  const auto c_id = h.find({"ID", "医療機関ID", "施設ID", "医療機関コード"});
  // Only 診療開始時間 / 診療終了時間 are read; the 外来受付開始時間 / 外来受付終了時間 columns
  // (reception hours) are ignored: opening hours are what the analyses need.
  std::array<std::optional<std::size_t>, 8> c_start, c_end;
  std::string missing;
  bool any = false;
  for (std::size_t d = 0; d < kDays.size(); ++d) {
    c_start[d] = hours_column(h, kDays[d], "診療開始時間");
    c_end[d] = hours_column(h, kDays[d], "診療終了時間");
    if (!c_start[d] || !c_end[d]) missing += (missing.empty() ? "" : "・") + std::string(kDays[d]);
    any = any || (c_start[d] && c_end[d]);
  }
  if (!c_id || !any)
    ctx.fail(DiagCode::header_unrecognised, 1, "", "", "医療情報ネット 診療時間票 without ID or <曜日>_診療開始時間 columns");
  if (!missing.empty())
    ctx.diag(DiagCode::column_missing, 1, "診療開始時間", missing,
             "hours columns for " + missing + " (<曜日>_診療開始時間 / _診療終了時間) not found; no hours on those days");

  State& st = ctx.state();
  const std::size_t report_index = ctx.report_index();
  for_each_row(ctx, reader, h.size(), [&](const csv::Record& r) -> RowFate {
    const std::int64_t row = r.first_line;
    PendingHoursRow p{report_index, ctx.name(), row, text::nfkc(field(r, c_id)), {}};
    if (p.id.empty()) {
      ctx.diag(DiagCode::missing_id, row, h.name(*c_id), "", "ID is empty; row rejected");
      return false;
    }
    if (!st.facility_by_id.contains(p.id) && st.was_skipped(p.id)) {  // its 施設票 row lies outside the area
      st.note_area_skip(report_index);
      return RowFate::skipped;
    }
    for (std::size_t d = 0; d < kDays.size(); ++d) {
      if (!c_start[d] || !c_end[d]) continue;
      const std::string s = field(r, c_start[d]), e = field(r, c_end[d]);
      if (s.empty() && e.empty()) continue;
      const std::string both = s + "-" + e;
      const auto st_min = clock_of(s), en_min_raw = clock_of(e);
      if (!st_min || !en_min_raw) {
        ctx.diag(DiagCode::hours_unparsable, row, h.name(!st_min ? *c_start[d] : *c_end[d]), both,
                 s.empty() || e.empty() ? "only one of start and end time is given; band ignored"
                                        : "time is not HH:MM; band ignored");
        continue;
      }
      int en_min = *en_min_raw;
      if (en_min == 0 && *st_min > 0) en_min = 1440;  // "…-00:00" means until midnight
      const bool holiday = d == kHoliday;
      const Weekday day = holiday ? Weekday::Mon : static_cast<Weekday>(d);
      if (*st_min == en_min) {
        ctx.diag(DiagCode::hours_placeholder, row, h.name(*c_start[d]), both,
                 "start equals end (00:00-00:00 is the open data's placeholder); band ignored");
      } else if (en_min < *st_min) {
        ctx.diag(DiagCode::hours_overnight, row, h.name(*c_start[d]), both,
                 holiday ? "overnight band on 祝; kept up to 24:00 (the next day is not known)"
                         : "overnight band; split at midnight, the rest opens the next day");
        p.bands.push_back({day, {*st_min, 1440}, holiday});
        if (!holiday && en_min > 0)
          p.bands.push_back({static_cast<Weekday>((d + 1) % 7), {0, en_min}, false});
      } else {
        p.bands.push_back({day, {*st_min, en_min}, holiday});
      }
    }
    st.pending_hours.push_back(std::move(p));
    return true;  // provisional: join_iryo_hours turns orphans into rejected rows
  });
}

namespace {

// Bands merged (sorted, overlapping or touching bands joined).
std::vector<TimeBand> merged(std::vector<TimeBand> v) {
  std::sort(v.begin(), v.end(), [](const TimeBand& a, const TimeBand& b) {
    return a.start_min != b.start_min ? a.start_min < b.start_min : a.end_min < b.end_min;
  });
  std::vector<TimeBand> out;
  for (const auto& b : v) {
    if (!out.empty() && b.start_min <= out.back().end_min) out.back().end_min = std::max(out.back().end_min, b.end_min);
    else out.push_back(b);
  }
  return out;
}

std::string bands_text(const std::vector<TimeBand>& v) {
  std::string s;
  for (const auto& b : v) s += (s.empty() ? "" : ", ") + format_hhmm(b.start_min) + "-" + format_hhmm(b.end_min);
  return s;
}

struct DayHours {
  std::vector<TimeBand> bands;
  const PendingHoursRow* first_own = nullptr;  // first row with a band that starts on this day
};

// "月・火・木・金 09:00-12:00, 15:00-18:00; 土 09:00-12:00; 祝 09:00-12:00": days with the same
// bands grouped, groups in order of their first day.
std::string summary(const std::array<DayHours, 8>& days) {
  std::vector<std::pair<DaySet, std::string>> groups;
  for (std::size_t d = 0; d < 7; ++d) {
    if (days[d].bands.empty()) continue;
    const std::string t = bands_text(days[d].bands);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.second == t; });
    if (it == groups.end()) it = groups.insert(groups.end(), {DaySet{}, t});
    it->first.add(static_cast<Weekday>(d));
  }
  std::string s;
  for (const auto& [set, t] : groups) s += (s.empty() ? "" : "; ") + set.to_japanese() + " " + t;
  if (!days[kHoliday].bands.empty()) s += (s.empty() ? "" : "; ") + std::string("祝 ") + bands_text(days[kHoliday].bands);
  return s;
}

}  // namespace

void join_iryo_hours(State& st) {
  std::map<std::string, std::array<DayHours, 8>> by_id;  // ordered: deterministic diagnostics
  for (const PendingHoursRow& p : st.pending_hours) {
    if (!st.iryo_flags.contains(p.id) || !st.facility_by_id.contains(p.id)) {
      FileContext ctx(st, p.report_index, p.file);
      if (st.was_skipped(p.id)) {  // the 施設票 came after this 時間票; its row lay outside the area
        --ctx.report().imported;
        ++ctx.report().skipped;
        st.note_area_skip(p.report_index);
        continue;
      }
      ctx.diag(DiagCode::hours_orphan, p.row, "ID", p.id,
               "ID " + p.id + " is not in any imported 施設票 (医療情報ネット facility table); row rejected");
      --ctx.report().imported;
      ++ctx.report().rejected;
      continue;
    }
    auto& days = by_id[p.id];
    for (const HoursBand& b : p.bands) {
      const std::size_t d = b.holiday ? kHoliday : static_cast<std::size_t>(b.day);
      days[d].bands.push_back(b.band);
      // A band from 00:00 that continues an overnight band of the previous day (same row)
      // belongs to that day's session: it does not make this day "open" for the flag check.
      const auto prev = static_cast<Weekday>((d + 6) % 7);
      const bool continuation = !b.holiday && b.band.start_min == 0 &&
          std::any_of(p.bands.begin(), p.bands.end(), [&](const HoursBand& o) {
            return !o.holiday && o.day == prev && o.band.end_min == 1440 && o.band.start_min > 0;
          });
      if (!continuation && !days[d].first_own) days[d].first_own = &p;
    }
  }
  for (auto& [id, days] : by_id) {
    if (std::all_of(days.begin(), days.end(), [](const DayHours& x) { return x.bands.empty(); })) continue;
    const std::size_t index = st.facility_by_id.at(id);
    Facility f = st.facilities.get(index);  // from the registry being written, when streaming
    const IryoFlags& flags = st.iryo_flags.at(id);
    WeeklySchedule& av = f.availability;
    av.detail = WeeklySchedule::Detail::hourly;
    av.open_days = DaySet{};  // from now on: the days the hours open
    for (auto& dh : days) dh.bands = merged(std::move(dh.bands));
    for (std::size_t d = 0; d < 7; ++d)
      for (const TimeBand& b : days[d].bands) av.open_band(static_cast<Weekday>(d), b);
    // 祝 bands are the hours of a public holiday (and make holidays open, even against a
    // 祝日に休診 = 0 flag: hours win, as on weekdays, with the warning below).
    for (const TimeBand& b : days[kHoliday].bands) av.open_holiday_band(b);
    if (av.text.empty()) av.text = summary(days);

    // Cross-check with the 施設票 flags (1 = open).
    std::array<std::optional<bool>, 8> flag;
    if (flags.open_days)
      for (std::size_t d = 0; d < 7; ++d) flag[d] = flags.open_days->has(static_cast<Weekday>(d));
    flag[kHoliday] = flags.holidays_open;
    const std::string flag_col_of_day = "毎週決まった曜日に休診（";
    for (std::size_t d = 0; d < kDays.size(); ++d) {
      if (!flag[d]) continue;
      const std::string day(kDays[d]);
      const std::string flag_col = d == kHoliday ? "祝日に休診" : flag_col_of_day + day + "）";
      if (!*flag[d] && days[d].first_own) {
        const PendingHoursRow& p = *days[d].first_own;
        FileContext ctx(st, p.report_index, p.file);
        ctx.diag(DiagCode::hours_flag_conflict, p.row, day + "_診療開始時間", bands_text(days[d].bands),
                 "施設票 " + file_name_of(flags.file) + " line " + std::to_string(flags.row) + " flags " + day +
                     " as closed (" + flag_col + " = 0) but ID " + id + " has hours on " + day + "; hours kept");
      } else if (*flag[d] && days[d].bands.empty()) {
        FileContext ctx(st, flags.report_index, flags.file);
        ctx.diag(DiagCode::hours_flag_conflict, flags.row, flag_col, "1",
                 day + " is flagged open (1) but no 診療時間票 row gives hours on " + day + " for ID " + id +
                     "; " + day + " left without hours");
      }
    }
    st.facilities.put(index, std::move(f));
  }
  st.pending_hours.clear();
}

}  // namespace careatlas
