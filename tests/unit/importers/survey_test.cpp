// The medical association's survey sheet (CP932, CRLF) joined to 医療情報ネット facilities.
// Fixture: tests/fixtures/survey/ishikai_survey_2026.csv (lines 2–8 = survey rows 1–7).
#include <gtest/gtest.h>

#include <algorithm>

#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/text.hpp"
#include "test_support.hpp"

namespace careatlas::testing {
namespace {

const std::string kSurvey = "survey/ishikai_survey_2026.csv";

Registry load() {
  return import_all({spec(InputRole::facilities, fixture("iryo/02-1_clinic_facility_info_20260401.csv")),
                     spec(InputRole::survey, fixture(kSurvey))});
}

const Facility& by_id(const Registry& reg, const std::string& id) {
  auto it = std::find_if(reg.facilities.begin(), reg.facilities.end(),
                         [&](const Facility& f) { return f.facility_id == id; });
  if (it == reg.facilities.end()) throw std::runtime_error("no facility " + id);
  return *it;
}

std::vector<Diagnostic> at_row(const std::vector<Diagnostic>& v, std::int64_t row) {
  std::vector<Diagnostic> out;
  std::copy_if(v.begin(), v.end(), std::back_inserter(out), [&](const Diagnostic& d) { return d.row == row; });
  return out;
}

TEST(Survey, DecodesCp932AndCountsAddUp) {
  const Registry reg = load();
  const FileReport* rep = report_for(reg, "ishikai_survey_2026.csv");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->format, "survey_csv");
  EXPECT_EQ(rep->encoding, "CP932");
  EXPECT_EQ(rep->role, "survey");
  EXPECT_EQ(rep->rows_read, 7);
  EXPECT_EQ(rep->imported, 3);   // by ID, by name + address, by name after an unknown ID
  EXPECT_EQ(rep->rejected, 4);   // unmatched, duplicate, ambiguous, no ID and no address
  EXPECT_EQ(rep->skipped, 0);
  EXPECT_TRUE(rep->balanced());
}

TEST(Survey, JoinByIdParsesAllAnswers) {
  const Registry reg = load();
  const Facility& f = by_id(reg, "2320300000011");
  const SurveyAnswers& a = f.survey;
  EXPECT_TRUE(a.answered);
  EXPECT_EQ(a.source, "ishikai_survey_2026.csv:2");
  EXPECT_EQ(a.caremanager_time_text, "月・水 13:00～14:00／金 16:00～17:00");
  ASSERT_EQ(a.caremanager_slots.size(), 2u);
  EXPECT_EQ(a.caremanager_slots[0].days, DaySet::of({Weekday::Mon, Weekday::Wed}));
  EXPECT_EQ(a.caremanager_slots[0].band, (TimeBand{13 * 60, 14 * 60}));
  EXPECT_EQ(a.caremanager_slots[1].days, DaySet::of({Weekday::Fri}));
  EXPECT_EQ(a.caremanager_slots[1].band, (TimeBand{16 * 60, 17 * 60}));
  EXPECT_EQ(a.contact_person, "山田 花子");
  EXPECT_EQ(a.contact_methods, std::optional<std::uint8_t>(kContactPhone | kContactFax));
  EXPECT_EQ(a.appointment_required, std::optional<bool>(true));
  EXPECT_EQ(a.appointment_days_ahead, std::optional<int>(3));  // "3日前"
  EXPECT_EQ(a.appointment_note, "前日までに電話で");
  EXPECT_EQ(a.discharge_conference, std::optional<bool>(true));  // ○
  EXPECT_FALSE(a.functional_enhanced.has_value());                // 未回答
  EXPECT_EQ(f.home_visit, (Flag{true, "survey:ishikai_survey_2026.csv:2"}));
  EXPECT_EQ(f.support_24h, (Flag{false, "survey:ishikai_survey_2026.csv:2"}));  // ×
  EXPECT_EQ(f.doctors, std::optional<int>(2));
  EXPECT_TRUE(at_row(diags_named(reg, "survey_matched_by_name"), 2).empty());
}

TEST(Survey, JoinByNameAndAddressWithFullWidthDigits) {
  const Registry reg = load();
  const Facility& f = by_id(reg, "2320300000029");  // 愛知県みさき市本町2-5-8 ← 本町２－５－８
  EXPECT_TRUE(f.survey.answered);
  EXPECT_EQ(f.survey.source, "ishikai_survey_2026.csv:3");
  const auto named = at_row(diags_named(reg, "survey_matched_by_name"), 3);
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].severity, Severity::info);
  EXPECT_EQ(named[0].value, "2320300000029");
}

TEST(Survey, UnknownIdFallsBackToNameAndAddress) {
  const Registry reg = load();
  const Facility& f = by_id(reg, "2320300000037");  // 港町3-4-5 ← 港町３丁目４番５号
  EXPECT_EQ(f.survey.source, "ishikai_survey_2026.csv:7");
  EXPECT_EQ(f.survey.discharge_conference, std::optional<bool>(false));  // 不参加
  EXPECT_EQ(f.survey.appointment_days_ahead, std::optional<int>(7));
  EXPECT_EQ(f.survey.contact_methods, std::optional<std::uint8_t>(kContactPhone));  // TEL
  const auto named = at_row(diags_named(reg, "survey_matched_by_name"), 7);
  ASSERT_EQ(named.size(), 1u);
  EXPECT_NE(named[0].message.find("2320300099999"), std::string::npos);
}

TEST(Survey, YesNoUnansweredAndCounts) {
  const Registry reg = load();
  const Facility& f = by_id(reg, "2320300000029");
  EXPECT_EQ(f.survey.discharge_conference, std::optional<bool>(true));  // はい
  EXPECT_EQ(f.home_visit.value, std::optional<bool>(true));             // 有
  EXPECT_FALSE(f.support_24h.value.has_value());                        // empty = unanswered
  EXPECT_FALSE(f.survey.functional_enhanced.has_value());               // 検討中 → warning
  EXPECT_EQ(f.doctors, std::optional<int>(1));                          // １名
  EXPECT_EQ(f.survey.appointment_required, std::optional<bool>(false)); // 不要
  EXPECT_EQ(f.survey.notes, "院長が対応");
  const auto bad = at_row(diags_named(reg, "survey_value_invalid"), 3);
  EXPECT_TRUE(std::any_of(bad.begin(), bad.end(), [](const Diagnostic& d) {
    return d.column == "機能強化型" && d.value == "検討中";
  }));
}

TEST(Survey, UnparsableCaremanagerTimeKeptAsText) {
  const Registry reg = load();
  const Facility& f = by_id(reg, "2320300000029");
  EXPECT_EQ(f.survey.caremanager_time_text, "随時（要電話）");
  EXPECT_TRUE(f.survey.caremanager_slots.empty());
  const auto bad = at_row(diags_named(reg, "survey_value_invalid"), 3);
  EXPECT_TRUE(std::any_of(bad.begin(), bad.end(), [](const Diagnostic& d) {
    return d.column == "ケアマネタイム" && d.severity == Severity::warning;
  }));
}

TEST(Survey, ContactMethodsWithUnknownToken) {
  const Registry reg = load();
  const Facility& f = by_id(reg, "2320300000029");  // メール、訪問、伝書鳩
  EXPECT_EQ(f.survey.contact_methods, std::optional<std::uint8_t>(kContactEmail | kContactVisit));
  const auto bad = at_row(diags_named(reg, "survey_value_invalid"), 3);
  EXPECT_TRUE(std::any_of(bad.begin(), bad.end(), [](const Diagnostic& d) {
    return d.column == "連絡方法" && d.value == "伝書鳩";
  }));
}

TEST(Survey, KanjiNumberOfDaysWarns) {
  const Registry reg = load();
  EXPECT_FALSE(by_id(reg, "2320300000029").survey.appointment_days_ahead.has_value());
  EXPECT_EQ(by_id(reg, "2320300000029").survey.appointment_note, "予約期限: 三日前");  // raw text kept
  const auto bad = at_row(diags_named(reg, "survey_value_invalid"), 3);
  EXPECT_TRUE(std::any_of(bad.begin(), bad.end(), [](const Diagnostic& d) {
    return d.column == "予約期限（日前）" && d.value == "三日前";
  }));
  EXPECT_EQ(bad.size(), 4u);  // ケアマネタイム, 連絡方法, 予約期限, 機能強化型
}

TEST(Survey, UnmatchedRowRejected) {
  const Registry reg = load();
  const auto un = diags_named(reg, "survey_unmatched");
  ASSERT_EQ(un.size(), 1u);
  EXPECT_EQ(un[0].row, 4);
  EXPECT_EQ(un[0].severity, Severity::error);
  EXPECT_NE(un[0].message.find("存在しない医院"), std::string::npos);
}

TEST(Survey, DuplicateRowRejectedFirstKept) {
  const Registry reg = load();
  const auto dup = diags_named(reg, "survey_duplicate");
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].row, 5);
  const Facility& f = by_id(reg, "2320300000011");
  EXPECT_EQ(f.survey.contact_person, "山田 花子");
  EXPECT_EQ(f.doctors, std::optional<int>(2));
}

TEST(Survey, AmbiguousRowRejected) {
  const Registry reg = load();
  const auto amb = diags_named(reg, "survey_ambiguous");
  ASSERT_EQ(amb.size(), 1u);
  EXPECT_EQ(amb[0].row, 6);
  EXPECT_NE(amb[0].message.find("2320300000053"), std::string::npos);
  EXPECT_NE(amb[0].message.find("2320300000061"), std::string::npos);
  EXPECT_FALSE(by_id(reg, "2320300000053").survey.answered);
}

TEST(Survey, RowWithoutIdOrAddressRejected) {
  const Registry reg = load();
  const auto miss = diags_named(reg, "missing_id");
  ASSERT_EQ(miss.size(), 1u);  // name but no address and no ID
  EXPECT_EQ(miss[0].row, 8);
  EXPECT_EQ(miss[0].file, fixture(kSurvey));
}

TEST(Survey, AliasColumnsInUtf8) {
  const std::string dir = scratch_dir("survey_alias");
  const std::string fac = dir + "/facility.csv";
  write_file(fac,
             "\xEF\xBB\xBFID,正式名称,所在地,所在地座標（緯度）,所在地座標（経度）\r\n"
             "2320300000100,東診療所,愛知県みさき市東町1-1,35.1,137.1\r\n");
  const std::string sv = dir + "/survey.csv";
  write_file(sv,
             "\xEF\xBB\xBF施設ID,施設名,住所,ケアマネタイム,連絡担当者,連絡方法,予約の要否,予約期限,"
             "退院時カンファレンス,往診・訪問診療,24時間対応体制,機能強化型在支診,医師数(常勤)\r\n"
             "2320300000100,東診療所,東町1-1,火～木 12:30～13:00,佐藤,E-mail/FAX,必要,前日,参加,可,○,無,3人\r\n");
  const Registry reg = import_all({spec(InputRole::facilities, fac), spec(InputRole::survey, sv)});
  ASSERT_EQ(reg.facilities.size(), 1u);
  const Facility& f = reg.facilities[0];
  const SurveyAnswers& a = f.survey;
  ASSERT_TRUE(a.answered);
  ASSERT_EQ(a.caremanager_slots.size(), 1u);
  EXPECT_EQ(a.caremanager_slots[0].days, DaySet::of({Weekday::Tue, Weekday::Wed, Weekday::Thu}));
  EXPECT_EQ(a.caremanager_slots[0].band, (TimeBand{12 * 60 + 30, 13 * 60}));
  EXPECT_EQ(a.contact_person, "佐藤");
  EXPECT_EQ(a.contact_methods, std::optional<std::uint8_t>(kContactEmail | kContactFax));
  EXPECT_EQ(a.appointment_required, std::optional<bool>(true));
  EXPECT_EQ(a.appointment_days_ahead, std::optional<int>(1));
  EXPECT_EQ(a.discharge_conference, std::optional<bool>(true));
  EXPECT_EQ(a.functional_enhanced, std::optional<bool>(false));
  EXPECT_EQ(f.home_visit.value, std::optional<bool>(true));
  EXPECT_EQ(f.support_24h.value, std::optional<bool>(true));
  EXPECT_EQ(f.doctors, std::optional<int>(3));
  EXPECT_TRUE(diags_named(reg, "survey_value_invalid").empty());
}

// 医療情報ネット has no phone numbers: the survey's 電話番号 / FAX番号 are what the booklet
// prints; a dash means unanswered, and full-width digits are read as ASCII.
TEST(Survey, PhoneAndFaxNumbersFillTheFacility) {
  const std::string dir = scratch_dir("survey_phone");
  const std::string fac = dir + "/facility.csv";
  write_file(fac,
             "\xEF\xBB\xBFID,正式名称,所在地,所在地座標（緯度）,所在地座標（経度）\r\n"
             "2320300000100,東診療所,愛知県みさき市東町1-1,35.1,137.1\r\n"
             "2320300000101,西診療所,愛知県みさき市西町1-1,35.1,137.1\r\n");
  const std::string sv = dir + "/survey.csv";
  write_file(sv,
             "\xEF\xBB\xBF医療機関ID,医療機関名,所在地,ケアマネタイム,電話番号,FAX番号\r\n"
             "2320300000100,東診療所,東町1-1,月 13:00～14:00,０５３３－２０－１２３４,0533-20-1235\r\n"
             "2320300000101,西診療所,西町1-1,火 13:00～14:00,0533-30-0001,-\r\n");
  const Registry reg = import_all({spec(InputRole::facilities, fac), spec(InputRole::survey, sv)});
  ASSERT_EQ(reg.facilities.size(), 2u);
  EXPECT_EQ(by_id(reg, "2320300000100").phone, "0533-20-1234");
  EXPECT_EQ(by_id(reg, "2320300000100").fax, "0533-20-1235");
  EXPECT_EQ(by_id(reg, "2320300000101").phone, "0533-30-0001");
  EXPECT_EQ(by_id(reg, "2320300000101").fax, "");
}

TEST(Survey, JoinsCorporationClinicByShortNameAndChomeAddress) {
  const std::string dir = scratch_dir("survey_short_name");
  const std::string fac = dir + "/facility.csv";
  write_file(fac,
             "\xEF\xBB\xBFID,正式名称,略称,所在地,所在地座標（緯度）,所在地座標（経度）\r\n"
             "2320300000200,医療法人牧野会　牧野医院,牧野医院,愛知県みさき市錦町3丁目8-2,35.1,137.1\r\n"
             "2320300000218,牧野眼科,,愛知県みさき市錦町3丁目8-2,35.1,137.1\r\n");
  const std::string sv = dir + "/survey.csv";
  write_file(sv, *text::encode_cp932("医療機関ID,医療機関名,所在地,ケアマネタイム\r\n"
                                     ",牧野医院,愛知県 みさき市　錦町３丁目８－２,月 13:00～14:00\r\n"));
  const Registry reg = import_all({spec(InputRole::facilities, fac), spec(InputRole::survey, sv)});
  ASSERT_EQ(reg.facilities.size(), 2u);
  EXPECT_TRUE(reg.facilities[0].survey.answered);
  EXPECT_FALSE(reg.facilities[1].survey.answered);
  EXPECT_EQ(diags_named(reg, "survey_matched_by_name").size(), 1u);
}

TEST(Survey, HeaderWithoutIdOrNameAndAddressFails) {
  const std::string path = scratch_dir("survey_badhead") + "/survey.csv";
  write_file(path, *text::encode_cp932("医療機関名,ケアマネタイム\r\n東診療所,月 13:00～14:00\r\n"));
  try {
    import_all({spec(InputRole::survey, path)});
    FAIL() << "expected import_error";
  } catch (const import_error& e) {
    EXPECT_EQ(e.diagnostic().code, DiagCode::header_unrecognised);
  }
}

}  // namespace
}  // namespace careatlas::testing
