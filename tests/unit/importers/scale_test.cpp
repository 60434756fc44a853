// Large input at reduced size (issue 6, item 5): a very long CSV field, many rows, a
// district with many vertices. The full sizes (10 MB field, 10^6 rows, 10^6 vertices) are
// measured by bench/scale.py, not here: these tests check that nothing is lost or cut,
// and that the counts add up.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

const std::string kKaigoHeader =
    "\xEF\xBB\xBF都道府県コード又は市町村コード,No,都道府県名,市区町村名,事業所名,事業所名カナ,サービスの種類,住所,"
    "方書（ビル名等）,緯度,経度,電話番号,FAX番号,法人番号,法人の名称,事業所番号,利用可能曜日,利用可能曜日特記事項,定員,URL,"
    "高齢者の方と障害者の方が同時一体的に利用できるサービス,介護保険の通常の指定基準を満たしている,"
    "障害福祉の通常の指定基準を満たしている,備考\r\n";

std::string kaigo_row(int i, const std::string& note, const std::string& days = "\"平日,土曜日\"") {
  const std::string number = std::to_string(1370000000 + i);
  return "131016," + number + ",東京都,千代田区,事業所" + std::to_string(i) + ",,居宅介護支援,東京都千代田区一番町" +
         std::to_string(i) + ",,35.68" + std::to_string(i % 10) + ",139.76,03-0000-0000,,,," + number +
         "," + days + "," + note + ",,,,,,\r\n";
}

}  // namespace

TEST(Scale, AVeryLongNoteIsImportedWholeAndItsLastSentenceIsRead) {
  // 2 MB of sentences on one line, no line break; the 24-hour promise is the last one.
  // (Each sentence used to be searched to the end of the note for a line break: a
  // 10 MB note took minutes.)
  std::string note;
  while (note.size() < 2'000'000) note += "ご相談は平日の日中にお受けします。";
  note += "緊急時は24時間連絡可";
  const std::string dir = scratch_dir("scale_long_note");
  write_file(dir + "/jigyosho_430.csv", kKaigoHeader + kaigo_row(1, note) + kaigo_row(2, ""));

  const Registry r = import_all({spec(InputRole::facilities, dir + "/jigyosho_430.csv")});
  const FileReport& rep = r.files.at(0);
  EXPECT_EQ(rep.rows_read, 2);
  EXPECT_EQ(rep.imported, 2);
  ASSERT_EQ(r.facilities.size(), 2u);
  EXPECT_EQ(r.facilities[0].availability_note, note);
  EXPECT_EQ(r.facilities[0].support_24h_hint, "緊急時は24時間連絡可");
  EXPECT_EQ(r.facilities[1].name, "事業所2");
}

TEST(Scale, AParagraphPastedIntoTheDaysColumnGivesOneWarning) {
  // 1 MB of prose in 利用可能曜日: the days it names still count, and the words that are
  // not day names make one warning for the field, not one per word. (Replacing dashes in
  // place used to make this quadratic: a 10 MB field took half a minute.)
  std::string days = "\"平日";
  while (days.size() < 1'000'000) days += "、月曜日から金曜日の九時〜十七時";
  days += "\"";
  const std::string dir = scratch_dir("scale_long_days");
  write_file(dir + "/jigyosho_430.csv", kKaigoHeader + kaigo_row(1, "", days) + kaigo_row(2, ""));

  const Registry r = import_all({spec(InputRole::facilities, dir + "/jigyosho_430.csv")});
  EXPECT_EQ(r.files.at(0).imported, 2);
  ASSERT_EQ(r.facilities.size(), 2u);
  EXPECT_EQ(r.facilities[0].availability.open_days, DaySet::weekdays());
  EXPECT_EQ(r.facilities[1].availability.open_days, [] {
    DaySet d = DaySet::weekdays();
    d.add(Weekday::Sat);
    return d;
  }());
  const auto warned = diags_named(r, "weekday_token_unknown");
  ASSERT_EQ(warned.size(), 1u);
  EXPECT_EQ(warned[0].row, 2);
  EXPECT_EQ(warned[0].column, "利用可能曜日");
  EXPECT_TRUE(warned[0].value.starts_with("月曜日から金曜日の九時~十七時、")) << warned[0].value;
  EXPECT_LE(warned[0].value.size(), 210u);  // cut for the report, as every long value
}

TEST(Scale, ManyRowsAreEachImportedOnce) {
  constexpr int kRows = 100'000;
  std::string csv = "facility_id,name,kind,lat,lon,home_visit,support_24h,hours,doctors\n";
  for (int i = 0; i < kRows; ++i) {
    csv += "M" + std::to_string(1'000'000 + i) + ",施設" + std::to_string(i) + ",clinic," +
           std::to_string(34.0 + (i % 1000) * 0.004) + "," + std::to_string(136.0 + (i / 1000) * 0.04) +
           ",1,0,Mon-Fri 09:00-17:00,1\n";
  }
  csv += "M1000007,重複,clinic,35,137,0,0,,0\n";  // the one rejected row
  const std::string dir = scratch_dir("scale_many_rows");
  write_file(dir + "/facilities.csv", csv);

  const Registry r = import_all({spec(InputRole::facilities, dir + "/facilities.csv")});
  const FileReport& rep = r.files.at(0);
  EXPECT_EQ(rep.rows_read, kRows + 1);
  EXPECT_EQ(rep.imported, kRows);
  EXPECT_EQ(rep.rejected, 1);
  EXPECT_TRUE(rep.balanced());
  ASSERT_EQ(r.facilities.size(), static_cast<std::size_t>(kRows));
  EXPECT_EQ(r.facilities.front().facility_id, "M1000000");
  EXPECT_EQ(r.facilities.back().facility_id, "M1099999");
  EXPECT_EQ(r.facilities.back().source_row, kRows + 1);
  EXPECT_EQ(diags_named(r, "duplicate_id").size(), 1u);
}

TEST(Scale, ADistrictOfManyVerticesKeepsThemAndItsArea) {
  // A star of 200,000 vertices around a centre; its area is known in closed form.
  constexpr int kVertices = 200'000;
  const double cx = 139.7, cy = 35.6, r0 = 0.05;
  std::string ring;
  for (int k = 0; k <= kVertices; ++k) {
    const double a = 2 * std::numbers::pi * (k % kVertices) / kVertices;
    const double r = r0 * (1 + 0.05 * std::sin(a * 997));
    char xy[64];
    std::snprintf(xy, sizeof xy, "%s[%.9f,%.9f]", k ? "," : "", cx + r * std::cos(a), cy + r * std::sin(a));
    ring += xy;
  }
  const std::string dir = scratch_dir("scale_many_vertices");
  write_file(dir + "/districts.geojson",
             R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"N03_001":"東京都",)"
             R"("N03_004":"多頂点市","N03_007":"13999"},"geometry":{"type":"Polygon","coordinates":[[)" +
                 ring + "]]}}]}");

  const Registry reg = import_all({spec(InputRole::districts, dir + "/districts.geojson")});
  ASSERT_EQ(reg.districts.size(), 1u);
  EXPECT_EQ(reg.files.at(0).imported, 1);
  const auto& polys = reg.districts[0].geometry;
  ASSERT_EQ(polys.size(), 1u);
  std::size_t vertices = 0;
  double area = 0;  // shoelace, in degrees²
  const auto& outer = polys[0].outer();
  for (std::size_t i = 0; i + 1 < outer.size(); ++i) {
    area += outer[i].lon * outer[i + 1].lat - outer[i + 1].lon * outer[i].lat;
    ++vertices;
  }
  EXPECT_EQ(vertices, static_cast<std::size_t>(kVertices));
  // ∫ r(a)²/2 da with r = r0 (1 + e sin(n a)): π r0² (1 + e²/2).
  const double expected = std::numbers::pi * r0 * r0 * (1 + 0.05 * 0.05 / 2);
  EXPECT_NEAR(std::abs(area) / 2, expected, expected * 1e-4);
}

TEST(Scale, AParagraphPastedIntoTheContactColumnGivesOneWarning) {
  std::string contact = "\"電話";
  int sentences = 0;
  for (; contact.size() < 1'000'000; ++sentences) contact += "・担当者不在の場合は折り返しご連絡します";
  contact += "\"";
  const std::string dir = scratch_dir("scale_long_contact");
  write_file(dir + "/survey.csv",
             "医療機関ID,医療機関名,所在地,ケアマネタイム,担当者,連絡方法,予約,予約期限（日前）,予約備考,"
             "退院前カンファレンス,訪問診療,24時間対応,機能強化型,医師数,備考\r\n"
             "2320300000011,みさきクリニック,愛知県みさき市本町1-2-3,月 13:00～14:00,山田," +
                 contact + ",要,3,,○,○,×,,2,\r\n");
  const Registry r = import_all({spec(InputRole::facilities, fixture("iryo/02-1_clinic_facility_info_20260401.csv")),
                                 spec(InputRole::survey, dir + "/survey.csv")});
  const FileReport* rep = report_for(r, "survey.csv");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->imported, 1);
  const auto warned = diags_named(r, "survey_value_invalid");
  ASSERT_EQ(warned.size(), 1u);
  EXPECT_EQ(warned[0].column, "連絡方法");
  EXPECT_TRUE(warned[0].message.starts_with(std::to_string(sentences) + " unknown contact methods"))
      << warned[0].message.substr(0, 200);
  const auto joined = std::count_if(r.facilities.begin(), r.facilities.end(), [](const Facility& f) {
    return f.survey.answered && f.survey.contact_methods == kContactPhone;
  });
  EXPECT_EQ(joined, 1);
}
