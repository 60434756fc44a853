// What a booklet entry says — its fields worded in Japanese, its badges — and booklet.csv,
// the table of every entry for Excel.
#include <algorithm>
#include <bitset>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "booklet_facts.hpp"
#include "careatlas/app/booklet_plan.hpp"
#include "careatlas/importers/csv.hpp"

namespace careatlas::app {

namespace {

using detail::has_caremanager_time;
using detail::is_medical;

constexpr const char* kUnanswered = "未回答";

// 月・水, 火～木, 平日, 毎日: runs of three or more days with 「～」.
std::string days_japanese(DaySet days) {
  if (days.bits() == 0x7F || days.bits() == 0x1F) return days.to_japanese();  // 毎日, 平日
  std::string s;
  int d = 0;
  while (d < kDaysPerWeek) {
    if (!days.has(static_cast<Weekday>(d))) {
      ++d;
      continue;
    }
    int e = d;
    while (e + 1 < kDaysPerWeek && days.has(static_cast<Weekday>(e + 1))) ++e;
    if (!s.empty()) s += "・";
    if (e - d >= 2) {
      s += std::string(weekday_kanji(static_cast<Weekday>(d))) + "～" + std::string(weekday_kanji(static_cast<Weekday>(e)));
    } else {
      s += weekday_kanji(static_cast<Weekday>(d));
      if (e > d) s += "・" + std::string(weekday_kanji(static_cast<Weekday>(e)));
    }
    d = e + 1;
  }
  return s;
}

std::string band_japanese(int start_min, int end_min) { return format_hhmm(start_min) + "～" + format_hhmm(end_min); }

// The hours of one day as bands: 「09:00～12:00、15:00～18:00」.
std::string hours_japanese(const std::bitset<24>& h) {
  if (h.all()) return "24時間";
  std::string s;
  for (int hh = 0; hh < 24;) {
    if (!h.test(static_cast<std::size_t>(hh))) {
      ++hh;
      continue;
    }
    int e = hh;
    while (e < 24 && h.test(static_cast<std::size_t>(e))) ++e;
    if (!s.empty()) s += "、";
    s += band_japanese(hh * 60, e * 60);
    hh = e;
  }
  return s;
}

// A summary of a schedule the source gave no wording for ("" when nothing is known).
std::string schedule_summary(const WeeklySchedule& w) {
  switch (w.detail) {
    case WeeklySchedule::Detail::unknown:
      return "";
    case WeeklySchedule::Detail::days_only: {
      std::string s = days_japanese(w.open_days);
      if (w.holidays_open == true) s += s.empty() ? "祝日" : "・祝日";
      return s;
    }
    case WeeklySchedule::Detail::hourly: {
      if (w.is_24_7() && w.holidays_open == true) return "24時間365日";
      std::vector<std::pair<DaySet, std::bitset<24>>> groups;  // days with the same hours
      for (int d = 0; d < kDaysPerWeek; ++d) {
        std::bitset<24> h;
        for (std::size_t hh = 0; hh < 24; ++hh) h[hh] = w.hours.test(static_cast<std::size_t>(d) * 24 + hh);
        if (h.none()) continue;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.second == h; });
        if (it == groups.end()) it = groups.insert(groups.end(), {DaySet{}, h});
        it->first.add(static_cast<Weekday>(d));
      }
      std::string s;
      for (const auto& [days, h] : groups) s += (s.empty() ? "" : "／") + days_japanese(days) + " " + hours_japanese(h);
      if (w.holidays_open == true && w.holiday_hours.any())
        s += (s.empty() ? "" : "／") + std::string("祝日 ") + hours_japanese(w.holiday_hours);
      else if (w.holidays_open == true)
        s += (s.empty() ? "" : "／") + std::string("祝日も開いています");
      return s;
    }
  }
  return "";
}

// A source's schedule wording as the booklet prints it: careatlas's own grammar
// ("Mon-Fri 09:00-12:00,15:00-18:00; Sat,Hol 09:00-12:00") and 医療情報ネット summaries
// ("月・火 09:00-12:00, 15:00-18:00; 土 09:00-12:00") in Japanese punctuation
// (「月～金 09:00～12:00、15:00～18:00／土・祝 09:00～12:00」); other text is kept, with
// ASCII list commas as 「、」 (利用可能曜日 「平日,土曜日」 → 「平日、土曜日」).
std::string schedule_wording(const std::string& text) {
  if (text == "24/7") return "24時間365日";
  static const std::array<std::pair<std::regex, const char*>, 11> rules = [] {
    const std::string day = "(月|火|水|木|金|土|日|祝)";
    return std::array<std::pair<std::regex, const char*>, 11>{{
        {std::regex(R"(\bMon\b)"), "月"},
        {std::regex(R"(\bTue\b)"), "火"},
        {std::regex(R"(\bWed\b)"), "水"},
        {std::regex(R"(\bThu\b)"), "木"},
        {std::regex(R"(\bFri\b)"), "金"},
        {std::regex(R"(\bSat\b)"), "土"},
        {std::regex(R"(\bSun\b)"), "日"},
        {std::regex(R"(\bHol\b)"), "祝"},
        {std::regex(R"((\d{1,2}:\d{2}) *- *(\d{1,2}:\d{2}))"), "$1～$2"},
        {std::regex(day + " *- *" + day), "$1～$2"},
        {std::regex(day + " *, *(?=月|火|水|木|金|土|日|祝)"), "$1・"},
    }};
  }();
  std::string s = text;
  for (const auto& [re, to] : rules) s = std::regex_replace(s, re, to);
  static const std::regex rule_sep(" *; *"), list_sep(" *, *");
  s = std::regex_replace(s, rule_sep, "／");
  s = std::regex_replace(s, list_sep, "、");
  return s;
}

render::EntryField answered(std::string label, std::string value) { return {std::move(label), std::move(value), false}; }
render::EntryField unanswered(std::string label) { return {std::move(label), kUnanswered, true}; }
render::EntryField text_field(std::string label, const std::string& value) {
  return value.empty() ? unanswered(std::move(label)) : answered(std::move(label), value);
}
render::EntryField yes_no_field(std::string label, const std::optional<bool>& v, const char* yes, const char* no) {
  return v ? answered(std::move(label), *v ? yes : no) : unanswered(std::move(label));
}

render::EntryField schedule_field(const Facility& f) {
  const bool medical = is_medical(f.kind);
  const WeeklySchedule& w = f.availability;
  std::string line = w.text.empty() ? schedule_summary(w) : schedule_wording(w.text);
  // 祝日: say so when the source says closed and the wording does not mention it.
  if (!line.empty() && w.holidays_open == false && line.find("祝") == std::string::npos)
    line += medical ? "（祝日休診）" : "（祝日休み）";
  std::string note = f.availability_note;
  // 医療情報ネット's note is its その他の休診日 (年末年始、お盆 …).
  if (!note.empty() && medical) note = "その他の休診日：" + note;
  std::string value = line;
  if (!note.empty()) value += (value.empty() ? "" : "\n") + note;
  return text_field(medical ? "診療時間" : "営業日・時間", value);
}

render::EntryField caremanager_time_field(const SurveyAnswers& s) {
  if (!s.caremanager_slots.empty()) {
    std::string v;
    for (const CareManagerSlot& slot : s.caremanager_slots)
      v += (v.empty() ? "" : "／") + (slot.days.empty() ? "" : days_japanese(slot.days) + " ") +
           band_japanese(slot.band.start_min, slot.band.end_min);
    return answered("ケアマネタイム", v);
  }
  return text_field("ケアマネタイム", s.caremanager_time_text);
}

render::EntryField appointment_field(const SurveyAnswers& s) {
  std::string v;
  // A deadline implies an appointment is needed, unless the survey says it is not.
  const std::optional<bool> required =
      s.appointment_required ? s.appointment_required
                             : (s.appointment_days_ahead ? std::optional<bool>(true) : std::nullopt);
  if (required == true) {
    v = "要";
    if (const auto d = s.appointment_days_ahead) {
      if (*d == 0) v += "（当日可）";
      else if (*d == 1) v += "（前日まで）";
      else v += "（" + std::to_string(*d) + "日前まで）";
    }
  } else if (required == false) {
    v = "不要";
  }
  if (!s.appointment_note.empty()) v += (v.empty() ? "" : "\n") + s.appointment_note;
  return text_field("予約", v);
}

render::EntryField support_24h_field(const Facility& f) {
  if (!f.support_24h.value && !f.support_24h_hint.empty()) return answered("24時間対応", "あり（特記事項より）");
  return yes_no_field("24時間対応", f.support_24h.value, "あり", "なし");
}

}  // namespace

const std::vector<std::string>& booklet_field_labels() {
  static const std::vector<std::string> labels = {
      "住所",   "電話",           "FAX",                "URL",      "診療時間",   "営業日・時間",
      "ケアマネタイム", "担当者", "連絡方法",           "予約",     "退院前カンファ",
      "訪問診療", "24時間対応",  "機能強化型",         "備考"};
  return labels;
}

std::vector<render::Badge> booklet_badges() {
  return {
      {"訪問診療", "往診・訪問診療を行っています"},
      {"24時間", "夜間・休日も含め、24時間連絡がとれ、対応します"},
      {"退院調整", "退院前カンファレンスに参加します"},
      {"強化型", "機能強化型の在宅療養支援診療所・病院です"},
      {"ケアマネ", "ケアマネタイム（ケアマネジャーからの相談を受ける時間）を設けています"},
  };
}

render::BookletEntry booklet_entry(const Facility& f, int number) {
  render::BookletEntry e;
  e.number = number;
  e.name = f.name;
  e.kana = f.kana;
  e.kind_label = std::string(japanese_label(f.kind));
  e.on_map = f.located();
  e.from_address = by_address(f.location_source);
  const bool medical = is_medical(f.kind);
  const bool survey = medical || f.survey.answered;  // asked the medical association's questions
  const SurveyAnswers& s = f.survey;

  // Badges, in booklet_badges() order. 訪問診療 is a doctor's visit: not a care office's.
  if (f.home_visit.value == true && survey) e.badges.push_back("訪問診療");
  if (f.support_24h.value == true) e.badges.push_back("24時間");
  if (s.discharge_conference == true) e.badges.push_back("退院調整");
  if (s.functional_enhanced == true) e.badges.push_back("強化型");
  if (has_caremanager_time(s)) e.badges.push_back("ケアマネ");

  e.fields.push_back(text_field("住所", f.postal_address()));
  e.fields.push_back(text_field("電話", f.phone));
  e.fields.push_back(text_field("FAX", f.fax));
  e.fields.push_back(text_field("URL", f.url));
  e.fields.push_back(schedule_field(f));
  if (survey) {
    e.fields.push_back(caremanager_time_field(s));
    e.fields.push_back(text_field("担当者", s.contact_person));
    e.fields.push_back(s.contact_methods && *s.contact_methods != 0
                           ? answered("連絡方法", contact_methods_japanese(*s.contact_methods))
                           : unanswered("連絡方法"));
    e.fields.push_back(appointment_field(s));
    e.fields.push_back(yes_no_field("退院前カンファ", s.discharge_conference, "参加する", "参加しない"));
    e.fields.push_back(yes_no_field("訪問診療", f.home_visit.value, "あり", "なし"));
  }
  if (survey || f.kind == FacilityKind::home_nursing || f.support_24h.value || !f.support_24h_hint.empty())
    e.fields.push_back(support_24h_field(f));
  if (survey) e.fields.push_back(yes_no_field("機能強化型", s.functional_enhanced, "はい", "いいえ"));
  if (!s.notes.empty()) e.fields.push_back(answered("備考", s.notes));
  return e;
}

std::string booklet_csv(const Registry& reg, const BookletPlan& plan, const std::vector<int>& pages) {
  const std::vector<std::string>& labels = booklet_field_labels();
  csv::Writer out;
  std::vector<std::string> head = {"番号", "区域", "種別", "名称", "ふりがな"};
  head.insert(head.end(), labels.begin(), labels.end());
  for (const char* h : {"地図", "頁", "施設ID"}) head.emplace_back(h);
  out.row(head);
  for (std::size_t n = 0; n < plan.listed.size(); ++n) {
    const std::size_t i = plan.listed[n];
    const Facility& f = reg.facilities[i];
    const render::BookletEntry e = booklet_entry(f, plan.numbers[i]);
    std::vector<std::string> cells = {std::to_string(e.number), n < plan.areas.size() ? plan.areas[n] : "",
                                      e.kind_label, e.name, e.kana};
    for (const std::string& label : labels) {
      const auto it = std::find_if(e.fields.begin(), e.fields.end(),
                                   [&](const render::EntryField& fl) { return fl.label == label; });
      cells.push_back(it == e.fields.end() ? "" : it->value);
    }
    cells.emplace_back(!e.on_map ? "位置なし" : e.from_address ? "掲載（住所から推定）" : "掲載");
    cells.push_back(n < pages.size() && pages[n] > 0 ? std::to_string(pages[n]) : "");
    cells.push_back(f.facility_id);
    out.row(cells);
  }
  return std::move(out).text();
}

}  // namespace careatlas::app
