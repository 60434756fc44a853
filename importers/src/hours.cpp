#include "careatlas/importers/hours.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "careatlas/importers/text.hpp"

namespace careatlas::hours {

namespace {

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_any(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || seps.find(s[i]) != std::string_view::npos) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// After NFKC, replace the many dash / wave-dash forms by '~' (range marker) and the
// separators ・、，／；by ASCII ones, so the grammar below sees one alphabet.
std::string canonical(std::string_view text) {
  return text::replace_all(text::nfkc(text), {{"〜", "~"}, {"～", "~"}, {"‐", "-"}, {"−", "-"}, {"–", "-"},
                                               {"—", "-"}, {"ー", "-"}, {"・", "/"}, {"、", ","}, {"／", "/"},
                                               {"；", ";"}, {"：", ":"}, {"　", " "}});
}

// The day item of public holidays in the weekly grammar (careatlas's extension of §5).
constexpr std::string_view kHolidayToken = "Hol";

std::optional<Weekday> english_day(std::string_view s) {
  for (int d = 0; d < 7; ++d)
    if (weekday_english(static_cast<Weekday>(d)) == s) return static_cast<Weekday>(d);
  return std::nullopt;
}

}  // namespace

std::optional<int> parse_clock(std::string_view raw) {
  std::string s = canonical(raw);
  std::string_view v = strip(s);
  if (v.empty()) return std::nullopt;
  int h = 0, m = 0;
  if (auto colon = v.find(':'); colon != std::string_view::npos) {
    auto hh = to_int(v.substr(0, colon));
    auto mm = to_int(v.substr(colon + 1));
    if (!hh || !mm || v.substr(colon + 1).size() != 2) return std::nullopt;
    h = *hh;
    m = *mm;
  } else if (auto ji = v.find("時"); ji != std::string_view::npos) {
    auto hh = to_int(v.substr(0, ji));
    if (!hh) return std::nullopt;
    h = *hh;
    std::string_view rest = v.substr(ji + std::string_view("時").size());
    if (rest == "半") {
      m = 30;
    } else if (!rest.empty()) {
      if (!rest.ends_with("分")) return std::nullopt;
      auto mm = to_int(rest.substr(0, rest.size() - std::string_view("分").size()));
      if (!mm) return std::nullopt;
      m = *mm;
    }
  } else {
    return std::nullopt;
  }
  if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::optional<WeeklySchedule> parse_weekly(std::string_view raw, std::string* error) {
  auto fail = [error](std::string msg) -> std::optional<WeeklySchedule> {
    if (error) *error = std::move(msg);
    return std::nullopt;
  };
  std::string_view text = strip(raw);
  if (text.empty()) return fail("empty opening hours");
  if (text == "24/7") {  // around the clock, public holidays included
    auto s = WeeklySchedule::always_open();
    s.text = std::string(text);
    return s;
  }
  WeeklySchedule sched;
  sched.detail = WeeklySchedule::Detail::hourly;
  sched.text = std::string(text);
  for (std::string_view rule : split_any(text, ";")) {
    rule = strip(rule);
    const auto sp = rule.find(' ');
    if (sp == std::string_view::npos) return fail("rule \"" + std::string(rule) + "\" has no time spans");
    const std::string_view dayset = rule.substr(0, sp);
    const std::string_view spans = strip(rule.substr(sp + 1));
    DaySet days;
    bool holiday = false;
    for (std::string_view item : split_any(dayset, ",")) {
      if (item == kHolidayToken) {  // careatlas extension: public holidays (祝日)
        holiday = true;
        continue;
      }
      const auto dash = item.find('-');
      if (dash != std::string_view::npos &&
          (item.substr(0, dash) == kHolidayToken || item.substr(dash + 1) == kHolidayToken))
        return fail("\"" + std::string(item) + "\": Hol (public holidays) cannot be part of a day range");
      auto a = english_day(item.substr(0, dash));
      auto b = dash == std::string_view::npos ? a : english_day(item.substr(dash + 1));
      if (!a || !b || *b < *a) return fail("unknown day range \"" + std::string(item) + "\"");
      for (int d = static_cast<int>(*a); d <= static_cast<int>(*b); ++d) days.add(static_cast<Weekday>(d));
    }
    for (std::string_view span : split_any(spans, ",")) {
      span = strip(span);
      const auto dash = span.find('-');
      if (dash == std::string_view::npos) return fail("time span \"" + std::string(span) + "\" has no '-'");
      auto st = parse_clock(span.substr(0, dash));
      auto en = parse_clock(span.substr(dash + 1));
      if (!st || !en || *st >= *en) return fail("bad time span \"" + std::string(span) + "\"");
      for (int d = 0; d < 7; ++d)
        if (days.has(static_cast<Weekday>(d))) sched.open_band(static_cast<Weekday>(d), {*st, *en});
      if (holiday) sched.open_holiday_band({*st, *en});
    }
  }
  return sched;
}

AvailableDays parse_available_days(std::string_view raw) {
  AvailableDays out;
  const std::string s = canonical(raw);
  for (std::string_view tok : split_any(s, ",/ ")) {
    tok = strip(tok);
    if (tok.empty()) continue;
    if (tok == "平日") {
      out.days |= DaySet::weekdays();
    } else if (tok == "土曜日" || tok == "土曜" || tok == "土") {
      out.days.add(Weekday::Sat);
    } else if (tok == "日曜日" || tok == "日曜" || tok == "日") {
      out.days.add(Weekday::Sun);
    } else if (tok == "祝日" || tok == "祝祭日" || tok == "祝") {
      out.holidays = true;
    } else if (auto d = parse_japanese_days(tok)) {
      out.days |= *d;
    } else {
      out.unknown.emplace_back(tok);
    }
  }
  return out;
}

std::optional<DaySet> parse_japanese_days(std::string_view raw, std::string* error) {
  const std::string s = canonical(raw);
  std::string_view v = strip(s);
  auto fail = [&](std::string msg) -> std::optional<DaySet> {
    if (error) *error = std::move(msg);
    return std::nullopt;
  };
  if (v.empty()) return fail("no days given");
  if (v == "平日") return DaySet::weekdays();
  if (v == "毎日" || v == "全日" || v == "月~日") return DaySet::all();
  static constexpr std::array<std::string_view, 7> kKanji = {"月", "火", "水", "木", "金", "土", "日"};
  DaySet days;
  int range_from = -1;  // start day of a pending range
  int last = -1;        // last day read
  std::size_t i = 0;
  while (i < v.size()) {
    const char c = v[i];
    if (c == '/' || c == ',' || c == ' ') { ++i; continue; }
    if (c == '~' || c == '-') {
      if (last < 0) return fail("range without a start day");
      range_from = last;
      ++i;
      continue;
    }
    if (v.substr(i).starts_with("平日")) { days |= DaySet::weekdays(); i += 6; last = -1; continue; }
    if (v.substr(i).starts_with("曜日")) { i += 6; continue; }
    if (v.substr(i).starts_with("曜")) { i += 3; continue; }
    bool found = false;
    for (int d = 0; d < 7; ++d) {
      if (v.substr(i).starts_with(kKanji[static_cast<std::size_t>(d)])) {
        if (range_from >= 0) {
          if (d < range_from) return fail("day range runs backwards");
          for (int k = range_from; k <= d; ++k) days.add(static_cast<Weekday>(k));
          range_from = -1;
        } else {
          days.add(static_cast<Weekday>(d));
        }
        last = d;
        i += kKanji[static_cast<std::size_t>(d)].size();
        found = true;
        break;
      }
    }
    if (!found) return fail("unknown day \"" + std::string(v.substr(i)) + "\"");
  }
  if (range_from >= 0) return fail("day range without an end day");
  if (days.empty()) return fail("no days given");
  return days;
}

std::optional<TimeBand> parse_band(std::string_view raw, std::string* error) {
  const std::string s = canonical(raw);
  std::string_view v = strip(s);
  auto pos = v.find('~');
  if (pos == std::string_view::npos) pos = v.find('-');
  if (pos == std::string_view::npos) {
    if (error) *error = "time band \"" + std::string(raw) + "\" has no start and end";
    return std::nullopt;
  }
  auto st = parse_clock(v.substr(0, pos));
  auto en = parse_clock(v.substr(pos + 1));
  if (!st || !en || *st >= *en) {
    if (error) *error = "time band \"" + std::string(raw) + "\" is not HH:MM～HH:MM with start before end";
    return std::nullopt;
  }
  return TimeBand{*st, *en};
}

std::optional<std::vector<CareManagerSlot>> parse_caremanager_slots(std::string_view raw, std::string* error) {
  std::vector<CareManagerSlot> slots;
  const std::string s = canonical(raw);
  // Slot separators: '/' after a time (the canonical form of ／ and ・) — but '/' also lists
  // days (月・水 → 月/水). Split on ';' and line breaks first, then on '/' or ',' (、，) only
  // where a digit precedes it (the end of a time band): "月 13:00～14:00、金 16:00～17:00".
  std::vector<std::string> parts;
  for (std::string_view p : split_any(s, ";\r\n")) {  // \r: CRLF inside a quoted cell
    std::string cur;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if ((p[i] == '/' || p[i] == ',') && i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9') {
        parts.push_back(cur);
        cur.clear();
      } else {
        cur += p[i];
      }
    }
    parts.push_back(cur);
  }
  for (std::string& part : parts) {
    std::string_view p = strip(part);
    if (p.empty()) continue;
    // The band starts at the first ASCII digit.
    std::size_t k = 0;
    while (k < p.size() && !(p[k] >= '0' && p[k] <= '9')) ++k;
    if (k == p.size()) {
      if (error) *error = "slot \"" + std::string(p) + "\" has no time band";
      return std::nullopt;
    }
    std::string derr;
    auto days = parse_japanese_days(p.substr(0, k), &derr);
    if (!days) {
      if (error) *error = "slot \"" + std::string(p) + "\": " + derr;
      return std::nullopt;
    }
    auto band = parse_band(p.substr(k), error);
    if (!band) return std::nullopt;
    slots.push_back({*days, *band});
  }
  return slots;
}

}  // namespace careatlas::hours
