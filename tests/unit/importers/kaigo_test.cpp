// 介護サービス情報公表システム CSV: our fixture in the real layout (BOM, CRLF, 24 columns,
// quoted only when needed) with planted defects, and the real Kochi extract.
#include <gtest/gtest.h>

#include "careatlas/geometry/municipality_check.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {
const Facility* by_id(const Registry& r, const std::string& id) {
  for (const auto& f : r.facilities)
    if (f.facility_id == id) return &f;
  return nullptr;
}
}  // namespace

TEST(Kaigo, FixtureRowsAreAccountedFor) {
  const Registry r = import_all({spec(InputRole::facilities, fixture("kaigo/jigyosho_130_testshi.csv"))});
  const FileReport* rep = report_for(r, "jigyosho_130_testshi.csv");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->format, "kaigo_csv");
  EXPECT_EQ(rep->encoding, "UTF-8 (BOM)");
  EXPECT_EQ(rep->rows_read, 9);
  EXPECT_EQ(rep->imported, 6);
  EXPECT_EQ(rep->rejected, 2);
  EXPECT_EQ(rep->skipped, 1);
  EXPECT_TRUE(rep->balanced());
  EXPECT_EQ(r.facilities.size(), 6u);
}

TEST(Kaigo, FieldsKindsAndTwentyFourHourHint) {
  const Registry r = import_all({spec(InputRole::facilities, fixture("kaigo/jigyosho_130_testshi.csv"))});
  const Facility* f = by_id(r, "9970100011-130");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->source_id, "9970100011");
  EXPECT_EQ(f->kind, FacilityKind::home_nursing);
  EXPECT_EQ(f->service_code, "130");
  EXPECT_EQ(f->municipality_code, "99001");
  EXPECT_EQ(f->source_row, 2);
  ASSERT_TRUE(f->location);
  EXPECT_DOUBLE_EQ(f->location->lat, 34.1);
  EXPECT_DOUBLE_EQ(f->location->lon, 135.1);
  EXPECT_EQ(f->availability.detail, WeeklySchedule::Detail::days_only);
  EXPECT_EQ(f->availability.open_days.bits(), 0x3F);  // Mon–Sat
  EXPECT_EQ(f->availability.holidays_open, false);
  EXPECT_EQ(f->availability_note, "緊急時、電話にて24時間、対応可能\n土曜日は午前のみ");
  EXPECT_EQ(f->support_24h_hint, "緊急時、電話にて24時間、対応可能");
  EXPECT_FALSE(f->support_24h.value.has_value());  // a hint, not a registered 24-hour service
  EXPECT_EQ(f->home_visit.value, true);
  EXPECT_FALSE(f->capacity.has_value());  // 定員 0 = not filled in
  const Facility* g = by_id(r, "9970100037-130");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->capacity, 3);
  EXPECT_EQ(g->availability.holidays_open, true);
  EXPECT_EQ(g->availability.open_days.bits(), 0x5F);  // Mon–Fri + Sun
  const Facility* h = by_id(r, "9970100029-130");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->kana, "ヒカリホウモンカンゴ");  // half-width kana widened
}

TEST(Kaigo, LocationPolicy) {
  const Registry r = import_all({spec(InputRole::facilities, fixture("kaigo/jigyosho_130_testshi.csv"))});
  // 0.000000000000000 → unlocated, kept.
  EXPECT_FALSE(by_id(r, "9970100029-130")->location);
  // swapped back
  const Facility* s = by_id(r, "9970100037-130");
  ASSERT_TRUE(s->location);
  EXPECT_DOUBLE_EQ(s->location->lat, 34.15);
  EXPECT_DOUBLE_EQ(s->location->lon, 135.15);
  // outside Japan → unlocated, kept
  EXPECT_FALSE(by_id(r, "9970100052-130")->location);
  auto rows_of = [&](const std::string& code) {
    std::vector<std::int64_t> rows;
    for (const auto& d : diags_named(r, code)) rows.push_back(d.row);
    return rows;
  };
  EXPECT_EQ(rows_of("coordinates_zero"), std::vector<std::int64_t>{3});
  EXPECT_EQ(rows_of("coordinates_swapped"), std::vector<std::int64_t>{4});
  EXPECT_EQ(rows_of("blank_line"), std::vector<std::int64_t>{5});
  EXPECT_EQ(rows_of("not_cp932"), std::vector<std::int64_t>{6});
  EXPECT_EQ(rows_of("duplicate_id"), std::vector<std::int64_t>{7});
  EXPECT_EQ(rows_of("coordinates_out_of_range"), std::vector<std::int64_t>{9});
  EXPECT_EQ(rows_of("missing_id"), std::vector<std::int64_t>{10});
  const auto dup = diags_named(r, "duplicate_id").at(0);
  EXPECT_EQ(dup.column, "事業所番号");
  EXPECT_EQ(dup.value, "9970100011");
  EXPECT_EQ(dup.severity, Severity::error);
  EXPECT_EQ(diags_named(r, "not_cp932").at(0).column, "事業所名");
  // the 𠮷 row is kept as written
  EXPECT_EQ(by_id(r, "9970100045-130")->name, "𠮷田訪問看護ステーション");
}

TEST(Kaigo, PointOutsideOwnMunicipalityIsWarned) {
  const std::string dir = scratch_dir("kaigo_outside");
  std::string csv = read_file(fixture("kaigo/jigyosho_130_testshi.csv"));
  // うみかぜ (となり町, 99002) moved to 135.10 E, inside テスト市.
  const std::string from = "34.110000000000000,135.180000000000000";
  csv.replace(csv.find(from), from.size(), "34.110000000000000,135.100000000000000");
  write_file(dir + "/jigyosho_130.csv", csv);
  Registry r = import_all({spec(InputRole::facilities, dir + "/jigyosho_130.csv"),
                           spec(InputRole::districts, fixture("boundaries/N03-24_99_240101_test.geojson"))});
  DiagnosticCollector sink;
  const auto res = geometry::check_municipalities(r, sink);
  EXPECT_EQ(res.checked, 4u);  // located rows whose municipality polygon exists
  EXPECT_EQ(res.outside, 1u);
  const auto d = diags_named(r, "outside_own_municipality");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].row, 8);
  EXPECT_NE(d[0].message.find("テスト市 (99001)"), std::string::npos) << d[0].message;
  EXPECT_NE(d[0].message.find("となり町 (99002)"), std::string::npos) << d[0].message;
}

TEST(Kaigo, RealKochiExtractEveryRowInItsOwnMunicipality) {
  Registry r = import_all({spec(InputRole::facilities, shared("data/real/kaigo/jigyosho_170_kochi-pref.csv")),
                           spec(InputRole::districts, shared("data/real/boundaries/N03-21_39_210101.json"))});
  const FileReport* rep = report_for(r, "jigyosho_170_kochi-pref.csv");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->rows_read, 26);
  EXPECT_EQ(rep->imported + rep->rejected + rep->skipped, 26);
  EXPECT_EQ(r.districts.size(), 34u);
  DiagnosticCollector sink;
  const auto res = geometry::check_municipalities(r, sink);
  std::size_t located = 0;
  for (const auto& f : r.facilities) {
    EXPECT_EQ(f.kind, FacilityKind::welfare_equipment);
    EXPECT_EQ(f.municipality_code.size(), 5u);
    located += f.located() ? 1 : 0;
  }
  EXPECT_EQ(res.checked, located);
  EXPECT_EQ(res.outside, 0u);
  EXPECT_TRUE(diags_named(r, "outside_own_municipality").empty());
}
