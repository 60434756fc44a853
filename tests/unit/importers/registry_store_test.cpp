// The registry GeoPackage: written through GDAL, read back into the same model.
#include <gtest/gtest.h>

#include <filesystem>

#include "careatlas/importers/registry_store.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {
Registry sample_registry() {
  Registry r = import_all({spec(InputRole::facilities, fixture("kaigo/jigyosho_130_testshi.csv")),
                           spec(InputRole::districts, fixture("boundaries/N03-24_99_240101_test.geojson"))});
  r.title = "テスト市 在宅医療・介護資源";
  r.import_time = "2026-11-23T00:00:00Z";
  // Survey answers and population, so that every field makes the trip.
  Facility& f = r.facilities.front();
  f.survey.answered = true;
  f.survey.source = "survey.csv:2";
  f.survey.caremanager_slots = {{DaySet::weekdays(), {13 * 60, 14 * 60}}, {DaySet::from_bits(0x20), {600, 630}}};
  f.survey.caremanager_time_text = "平日 13:00～14:00／土 10:00～10:30";
  f.survey.contact_person = "事務長 山田";
  f.survey.contact_methods = kContactPhone | kContactFax;
  f.survey.appointment_required = true;
  f.survey.appointment_days_ahead = 3;
  f.survey.appointment_note = "前日までに電話";
  f.survey.discharge_conference = false;
  f.survey.functional_enhanced = true;
  f.survey.notes = "備考, カンマ入り";
  f.doctors = 2;
  f.availability.open_band(Weekday::Mon, {540, 720});
  f.availability.open_holiday_band({9 * 60, 12 * 60});  // 祝 09:00-12:00
  f.availability.open_holiday_band({23 * 60, 24 * 60});  // and the last hour (bit 23: first character)
  PopulationCell c;
  c.mesh_code = 533946114;
  c.year = 2040;
  c.total = 123.5;
  c.age65plus = 40.25;
  c.merged_from = "533946113;533946112";
  c.source_file = "x.geojson";
  r.population.push_back(c);
  PopulationCell s;
  s.mesh_code = 533946113;
  s.year = 2020;
  s.merged_into = 533946114;
  r.population.push_back(s);
  return r;
}
}  // namespace

TEST(RegistryStore, RoundTripGivesTheSameModel) {
  const Registry r = sample_registry();
  const std::string dir = scratch_dir("registry_roundtrip");
  const std::string path = dir + "/registry.gpkg";
  write_registry(path, r);
  const Registry back = read_registry(path);
  ASSERT_EQ(back.facilities.size(), r.facilities.size());
  for (std::size_t i = 0; i < r.facilities.size(); ++i)
    EXPECT_EQ(back.facilities[i], r.facilities[i]) << r.facilities[i].facility_id;
  EXPECT_EQ(back.districts, r.districts);
  EXPECT_EQ(back.population, r.population);
  EXPECT_EQ(back.diagnostics, r.diagnostics);
  EXPECT_EQ(back.files, r.files);
  EXPECT_EQ(back.sources, r.sources);
  EXPECT_EQ(back, r);
  // The holiday hours make the trip (a facility without them too).
  const auto holiday = std::bitset<24>().set(9).set(10).set(11).set(23);
  EXPECT_EQ(back.facilities.front().availability.holiday_hours, holiday);
  EXPECT_EQ(back.facilities.front().availability.holidays_open, std::optional<bool>(true));
  ASSERT_GT(back.facilities.size(), 1u);
  EXPECT_TRUE(back.facilities[1].availability.holiday_hours.none());
  // No temporary file is left beside it.
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    ++n;
    EXPECT_EQ(e.path().filename(), "registry.gpkg");
  }
  EXPECT_EQ(n, 1u);
}

TEST(RegistryStore, FailedWriteLeavesThePreviousRegistry) {
  const Registry r = sample_registry();
  const std::string dir = scratch_dir("registry_failed");
  const std::string path = dir + "/registry.gpkg";
  write_registry(path, r);
  const std::string before = read_file(path);
  EXPECT_THROW(write_registry(dir + "/no/such/folder/registry.gpkg", r), std::exception);
  EXPECT_EQ(read_file(path), before);
}

TEST(RegistryStore, ReportCsvIsUtf8WithBomAndAddsUp) {
  const Registry r = sample_registry();
  const std::string csv = import_report_csv(r);
  ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF"
                              "file,role,format,encoding,rows_read,imported,rejected,skipped,warnings,"
                              "located_published,located_block,located_chome,located_oaza,located_municipality,"
                              "unlocated,address_checked,location_suspect,location_replaced\r\n"));
  EXPECT_NE(csv.find("jigyosho_130_testshi.csv,facilities,kaigo_csv,UTF-8 (BOM),9,6,2,1,"), std::string::npos) << csv;
  const std::string d = diagnostics_csv(r);
  EXPECT_TRUE(d.starts_with("\xEF\xBB\xBF" "file,row,column,code,severity,value,message,説明\r\n"));
  EXPECT_NE(d.find(",7,事業所番号,duplicate_id,error,9970100011,"), std::string::npos);
  EXPECT_NE(d.find(",IDの重複（最初の行を採用、この行は除外）\r\n"), std::string::npos);
  // Deterministic: same registry, same bytes.
  EXPECT_EQ(import_report_csv(r), csv);
  EXPECT_EQ(diagnostics_csv(r), d);
}
