// The booklet's entries (app::booklet_entry) and its CSV for Excel, on the sample town:
// unanswered questions, the survey's wording, care offices, hours, badges.
#include <gtest/gtest.h>
#include <unicode/ucol.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>
#include <set>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/booklet_plan.hpp"
#include "careatlas/app/facility_numbers.hpp"
#include "careatlas/app/import_job.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/geometry/district_index.hpp"
#include "careatlas/importers/csv.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/project/project_file.hpp"
#include "booklet_plan_support.hpp"
#include "sample_town.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

TEST(BookletPlan, EntryWithoutSurveyAnswersSaysUnanswered) {
  const Registry& reg = sample_registry();
  const Facility& f = reg.facilities[index_of(reg, "伊藤医院")];
  ASSERT_EQ(f.kind, FacilityKind::clinic);
  ASSERT_FALSE(f.survey.answered);
  const render::BookletEntry e = app::booklet_entry(f, 7);
  EXPECT_EQ(e.number, 7);
  EXPECT_EQ(e.name, f.name);
  EXPECT_EQ(e.kana, f.kana);
  EXPECT_EQ(e.kind_label, "診療所");
  EXPECT_TRUE(e.on_map);
  EXPECT_TRUE(e.badges.empty());
  std::vector<std::string> labels;
  for (const auto& fl : e.fields) labels.push_back(fl.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"住所", "電話", "FAX", "URL", "診療時間", "ケアマネタイム", "担当者",
                                              "連絡方法", "予約", "退院前カンファ", "訪問診療", "24時間対応",
                                              "機能強化型"}));
  for (const char* label : {"ケアマネタイム", "担当者", "連絡方法", "予約", "退院前カンファ", "訪問診療",
                            "24時間対応", "機能強化型", "電話", "FAX"}) {
    const render::EntryField* fl = field(e, label);
    ASSERT_NE(fl, nullptr) << label;
    EXPECT_EQ(fl->value, "未回答") << label;
    EXPECT_TRUE(fl->unanswered) << label;
  }
  EXPECT_EQ(value(e, "住所"), f.address);
  EXPECT_FALSE(field(e, "住所")->unanswered);
  EXPECT_FALSE(field(e, "診療時間")->unanswered) << "医療情報ネット gives the hours";
  EXPECT_EQ(field(e, "診療時間")->value.find("未回答"), std::string::npos);
  // Every label is one of the CSV's columns, in their order.
  const auto& all = app::booklet_field_labels();
  std::size_t at = 0;
  for (const auto& l : labels) {
    const auto it = std::find(all.begin() + static_cast<std::ptrdiff_t>(at), all.end(), l);
    ASSERT_NE(it, all.end()) << l;
    at = static_cast<std::size_t>(it - all.begin()) + 1;
  }
}

TEST(BookletPlan, EntryWordsTheSurveyAnswers) {
  const Registry& reg = sample_registry();
  // 加藤医院: 月・水・金 08:30～09:00／木 13:00～14:00, 受付, 電話・FAX, 不要, ○ ○ ○ ×, notes.
  const render::BookletEntry kato = app::booklet_entry(reg.facilities[index_of(reg, "加藤医院")], 1);
  EXPECT_EQ(value(kato, "ケアマネタイム"), "月・水・金 08:30～09:00／木 13:00～14:00");
  EXPECT_EQ(value(kato, "担当者"), "受付");
  EXPECT_EQ(value(kato, "連絡方法"), "電話・FAX");
  EXPECT_EQ(value(kato, "予約"), "不要");
  EXPECT_EQ(value(kato, "退院前カンファ"), "参加する");
  EXPECT_EQ(value(kato, "訪問診療"), "あり");
  EXPECT_EQ(value(kato, "24時間対応"), "あり");
  EXPECT_EQ(value(kato, "機能強化型"), "いいえ");
  EXPECT_EQ(value(kato, "備考"), "夜間・休日は携帯電話で対応, 看取り可");
  EXPECT_EQ(kato.badges, (std::vector<std::string>{"訪問診療", "24時間", "退院調整", "ケアマネ"}));
  for (const auto& fl : kato.fields)
    EXPECT_FALSE(fl.unanswered && fl.label != "電話" && fl.label != "FAX" && fl.label != "URL") << fl.label;

  // 太田整形外科: 木 13:00～14:00, 院長, 要 3 日前 + note, × × ×.
  const render::BookletEntry ota = app::booklet_entry(reg.facilities[index_of(reg, "太田整形外科")], 2);
  EXPECT_EQ(value(ota, "ケアマネタイム"), "木 13:00～14:00");
  EXPECT_EQ(value(ota, "担当者"), "院長");
  EXPECT_EQ(value(ota, "連絡方法"), "電話・FAX・訪問");
  EXPECT_EQ(value(ota, "予約"), "要（3日前まで）\nFAXで日時を調整します");
  EXPECT_EQ(value(ota, "退院前カンファ"), "参加しない");
  EXPECT_EQ(value(ota, "訪問診療"), "なし");
  EXPECT_EQ(value(ota, "24時間対応"), "なし");
  EXPECT_EQ(ota.badges, (std::vector<std::string>{"ケアマネ"}));

  // 小笠原内科: 火～木, 要 with 1 day → 前日まで.
  const render::BookletEntry oga = app::booklet_entry(reg.facilities[index_of(reg, "小笠原内科")], 3);
  EXPECT_EQ(value(oga, "ケアマネタイム"), "火～木 17:30～18:00");
  EXPECT_EQ(value(oga, "予約"), "要（前日まで）\n前日までに電話で予約してください");
  EXPECT_EQ(value(oga, "退院前カンファ"), "未回答");
  EXPECT_TRUE(field(oga, "退院前カンファ")->unanswered);

  // 杉浦内科クリニック: no ケアマネタイム, FAX・訪問, 要 2 日前, ○ ○ ○ ○ (機能強化型).
  const render::BookletEntry sugi = app::booklet_entry(reg.facilities[index_of(reg, "杉浦内科クリニック")], 4);
  EXPECT_EQ(value(sugi, "ケアマネタイム"), "未回答");
  EXPECT_TRUE(field(sugi, "ケアマネタイム")->unanswered);
  EXPECT_EQ(value(sugi, "担当者"), "未回答");
  EXPECT_EQ(value(sugi, "連絡方法"), "FAX・訪問");
  EXPECT_EQ(value(sugi, "予約"), "要（2日前まで）");
  EXPECT_EQ(value(sugi, "機能強化型"), "はい");
  EXPECT_EQ(value(sugi, "備考"), "機能強化型在支診（連携型）");
  EXPECT_EQ(sugi.badges, (std::vector<std::string>{"訪問診療", "24時間", "退院調整", "強化型"}));

  // 内藤レディースクリニック: full-width times in the sheet, 月・木.
  const render::BookletEntry naito = app::booklet_entry(reg.facilities[index_of(reg, "内藤レディースクリニック")], 5);
  EXPECT_EQ(value(naito, "ケアマネタイム"), "月・木 12:30～13:30");
  EXPECT_EQ(value(naito, "担当者"), "事務長　荻野");

  // みさき市民病院: a hospital, 平日.
  const render::BookletEntry hosp = app::booklet_entry(reg.facilities[index_of(reg, "みさき市民病院")], 6);
  EXPECT_EQ(hosp.kind_label, "病院");
  EXPECT_EQ(value(hosp, "ケアマネタイム"), "平日 14:00～16:00");
  EXPECT_EQ(value(hosp, "担当者"), "地域医療連携室");
  EXPECT_EQ(value(hosp, "予約"), "要（前日まで）");
}

TEST(BookletPlan, CareOfficeEntriesAreNotAskedTheSurvey) {
  const Registry& reg = sample_registry();
  std::size_t nursing = 0, care = 0;
  for (const Facility& f : reg.facilities) {
    if (f.kind != FacilityKind::home_nursing && f.kind != FacilityKind::care_management) continue;
    const render::BookletEntry e = app::booklet_entry(f, 1);
    EXPECT_EQ(e.kind_label, japanese_label(f.kind));
    for (const char* label : {"ケアマネタイム", "担当者", "連絡方法", "予約", "退院前カンファ", "訪問診療",
                              "機能強化型", "診療時間"})
      EXPECT_EQ(field(e, label), nullptr) << f.name << " " << label;
    EXPECT_NE(field(e, "営業日・時間"), nullptr);
    EXPECT_EQ(std::count(e.badges.begin(), e.badges.end(), "訪問診療"), 0) << "a doctor's visit only";
    if (f.kind == FacilityKind::home_nursing) {
      ++nursing;
      const render::EntryField* h = field(e, "24時間対応");
      ASSERT_NE(h, nullptr) << f.name;
      if (!f.support_24h_hint.empty() && !f.support_24h.value) {
        EXPECT_EQ(h->value, "あり（特記事項より）");
      }
      if (f.support_24h_hint.empty() && !f.support_24h.value) {
        EXPECT_TRUE(h->unanswered);
      }
    } else {
      ++care;
      EXPECT_EQ(field(e, "24時間対応") != nullptr, !f.support_24h_hint.empty() || f.support_24h.value.has_value());
    }
  }
  EXPECT_GE(nursing, 10u);
  EXPECT_GE(care, 30u);
  // 利用可能曜日 and its 特記事項 (line breaks kept), in Japanese punctuation.
  for (const Facility& f : reg.facilities) {
    if (f.availability.text != "平日,土曜日" || f.availability_note != "土曜日は9時～12時") continue;
    EXPECT_EQ(value(app::booklet_entry(f, 1), "営業日・時間"), "平日・土曜日（祝日休み）\n土曜日は9時～12時");
    return;
  }
  ADD_FAILURE() << "no 居宅介護支援 office open 平日,土曜日 with its note";
}

TEST(BookletPlan, EntryHoursWording) {
  Facility f = facility("x", "テスト医院", "テストイイン", FacilityKind::clinic, std::nullopt);
  auto hours = [&] { return value(app::booklet_entry(f, 1), "診療時間"); };
  EXPECT_EQ(hours(), "未回答");
  EXPECT_TRUE(field(app::booklet_entry(f, 1), "診療時間")->unanswered);
  // careatlas's own grammar, in Japanese.
  f.availability.text = "Mon-Fri 09:00-12:00,15:00-18:00; Sat,Hol 09:00-12:00";
  EXPECT_EQ(hours(), "月～金 09:00～12:00、15:00～18:00／土・祝 09:00～12:00");
  // 医療情報ネット's summary, with the holiday flag and その他の休診日.
  f.availability.text = "月・火・木・金 09:00-12:00, 15:00-18:00; 土 09:00-12:00";
  f.availability.holidays_open = false;
  f.availability_note = "年末年始、お盆";
  EXPECT_EQ(hours(), "月・火・木・金 09:00～12:00、15:00～18:00／土 09:00～12:00（祝日休診）\nその他の休診日：年末年始、お盆");
  // No wording: a summary of the hours known.
  f.availability = WeeklySchedule{};
  f.availability_note.clear();
  for (Weekday d : {Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri})
    f.availability.open_band(d, {9 * 60, 12 * 60});
  f.availability.open_band(Weekday::Sat, {9 * 60, 12 * 60});
  f.availability.open_band(Weekday::Mon, {15 * 60, 18 * 60});
  EXPECT_EQ(hours(), "月 09:00～12:00、15:00～18:00／火～土 09:00～12:00");
  f.availability = WeeklySchedule{};
  f.availability.detail = WeeklySchedule::Detail::days_only;
  f.availability.open_days = DaySet::of({Weekday::Mon, Weekday::Wed, Weekday::Fri, Weekday::Sat});
  f.availability.holidays_open = true;
  EXPECT_EQ(hours(), "月・水・金・土・祝日");
  f.availability = WeeklySchedule::always_open();
  f.availability.text.clear();
  EXPECT_EQ(hours(), "24時間365日");
}

TEST(BookletPlan, BadgesExplainThemselves) {
  const std::vector<render::Badge> badges = app::booklet_badges();
  std::vector<std::string> texts;
  for (const auto& b : badges) {
    texts.push_back(b.text);
    EXPECT_FALSE(b.explanation.empty()) << b.text;
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"訪問診療", "24時間", "退院調整", "強化型", "ケアマネ"}));
  EXPECT_EQ(badges[0].explanation, "往診・訪問診療を行っています");
  // Every badge an entry carries is one of these, in this order.
  for (const Facility& f : sample_registry().facilities) {
    const auto e = app::booklet_entry(f, 1);
    std::size_t at = 0;
    for (const auto& b : e.badges) {
      const auto it = std::find(texts.begin() + static_cast<std::ptrdiff_t>(at), texts.end(), b);
      ASSERT_NE(it, texts.end()) << f.name << " " << b;
      at = static_cast<std::size_t>(it - texts.begin()) + 1;
    }
  }
}

// --- the CSV --------------------------------------------------------------------------------

TEST(BookletPlan, CsvForExcel) {
  const Registry& reg = sample_registry();
  const app::BookletPlan& plan = sample_plan();
  std::vector<int> pages(plan.listed.size());
  for (std::size_t n = 0; n < pages.size(); ++n) pages[n] = 5 + static_cast<int>(n / 4);
  const std::string csv = app::booklet_csv(reg, plan, pages);
  ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF"));
  EXPECT_TRUE(csv.ends_with("\r\n"));
  EXPECT_EQ(csv, app::booklet_csv(reg, plan, pages)) << "deterministic bytes";
  // Every line break ending a record is CR LF (a lone LF only inside a quoted field).
  csv::Reader reader(std::string_view(csv).substr(3));
  csv::Record rec;
  ASSERT_TRUE(reader.next(rec));
  const std::vector<std::string> head = rec.fields;
  std::vector<std::string> expected_head = {"番号", "区域", "種別", "名称", "ふりがな"};
  for (const auto& l : app::booklet_field_labels()) expected_head.push_back(l);
  for (const char* h : {"地図", "頁", "施設ID"}) expected_head.emplace_back(h);
  EXPECT_EQ(head, expected_head);
  std::size_t rows = 0;
  std::set<std::size_t> lf_only_lines;
  while (reader.next(rec)) {
    ASSERT_FALSE(rec.blank);
    ASSERT_EQ(rec.fields.size(), head.size()) << "row " << rows;
    const std::size_t i = plan.listed[rows];
    const Facility& f = reg.facilities[i];
    EXPECT_EQ(rec.fields[0], std::to_string(rows + 1));
    EXPECT_EQ(rec.fields[1], plan.areas[rows]);
    EXPECT_EQ(rec.fields[2], japanese_label(f.kind));
    EXPECT_EQ(rec.fields[3], f.name);
    EXPECT_EQ(rec.fields[4], f.kana);
    EXPECT_EQ(rec.fields[head.size() - 3],
              !f.located() ? "位置なし" : by_address(f.location_source) ? "掲載（住所から推定）" : "掲載");
    EXPECT_EQ(rec.fields[head.size() - 2], std::to_string(pages[rows]));
    EXPECT_EQ(rec.fields.back(), f.facility_id);
    // Entry fields under their labels; fields the entry omits are empty cells.
    const render::BookletEntry e = app::booklet_entry(f, plan.numbers[i]);
    for (std::size_t c = 5; c < head.size() - 3; ++c) {
      const render::EntryField* fl = field(e, head[c]);
      EXPECT_EQ(rec.fields[c], fl ? fl->value : "") << f.name << " " << head[c];
    }
    ++rows;
  }
  EXPECT_EQ(rows, plan.listed.size());
  // Line ends: strip the quoted fields' contents, then every LF follows a CR.
  std::string outside_quotes;
  bool quoted = false;
  for (char ch : csv) {
    if (ch == '"') quoted = !quoted;
    else if (!quoted) outside_quotes += ch;
  }
  std::size_t lf = 0;
  for (std::size_t k = 0; k < outside_quotes.size(); ++k)
    if (outside_quotes[k] == '\n') {
      ++lf;
      EXPECT_TRUE(k > 0 && outside_quotes[k - 1] == '\r') << "bare LF at " << k;
    }
  EXPECT_EQ(lf, rows + 1);
  // A field holding a comma or a line break is quoted (RFC 4180).
  EXPECT_NE(csv.find("\"夜間・休日は携帯電話で対応, 看取り可\""), std::string::npos);
  EXPECT_NE(csv.find("\"要（3日前まで）\nFAXで日時を調整します\""), std::string::npos);
  // Without pages, the 頁 column is empty.
  const std::string no_pages = app::booklet_csv(reg, plan, {});
  EXPECT_NE(no_pages.find(",掲載,," + reg.facilities[plan.listed[0]].facility_id + "\r\n"), std::string::npos);
}
