// 医療情報ネット 施設票 + 診療科・診療時間票: fixtures in the real layout (UTF-8 with BOM,
// CRLF) under tests/fixtures/iryo/.
#include <gtest/gtest.h>

#include <algorithm>

#include "careatlas/importers/import_error.hpp"
#include "test_support.hpp"

namespace careatlas::testing {
namespace {

const std::string kFacilities = "iryo/02-1_clinic_facility_info_20260401.csv";
const std::string kHours = "iryo/02-2_clinic_speciality_hours_20260401.csv";

Registry load_both() {
  return import_all({spec(InputRole::facilities, fixture(kFacilities)), spec(InputRole::facilities, fixture(kHours))});
}

const Facility& by_id(const Registry& reg, const std::string& id) {
  auto it = std::find_if(reg.facilities.begin(), reg.facilities.end(),
                         [&](const Facility& f) { return f.facility_id == id; });
  if (it == reg.facilities.end()) throw std::runtime_error("no facility " + id);
  return *it;
}

// Open hour-of-week slots of one day (0 = Mon).
std::vector<int> slots(const Facility& f, int day) {
  std::vector<int> out;
  for (int h = 0; h < 24; ++h)
    if (f.availability.open_at(day * 24 + h)) out.push_back(h);
  return out;
}

constexpr int Mon = 0, Tue = 1, Wed = 2, Thu = 3, Fri = 4, Sat = 5, Sun = 6;

TEST(IryoFacility, ReadsFacilityTable) {
  const Registry reg = import_all({spec(InputRole::facilities, fixture(kFacilities))});
  const FileReport* rep = report_for(reg, "02-1_clinic_facility_info_20260401.csv");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->format, "iryo_facility");
  EXPECT_EQ(rep->encoding, "UTF-8 (BOM)");
  ASSERT_EQ(reg.facilities.size(), 5u);
  const Facility& f = by_id(reg, "2320300000011");
  EXPECT_EQ(f.source_id, "2320300000011");
  EXPECT_EQ(f.name, "医療法人みさき会 みさきクリニック");
  EXPECT_EQ(f.kana, "ミサキクリニック");
  EXPECT_EQ(f.kind, FacilityKind::clinic);
  EXPECT_EQ(f.municipality_code, "23203");
  EXPECT_EQ(f.address, "愛知県みさき市本町1-2-3, 2階");  // quoted field with a comma
  EXPECT_EQ(f.url, "https://misaki-cl.example.jp/");
  EXPECT_EQ(f.availability_note, "第3水曜日午後");
  EXPECT_EQ(f.source_file, "02-1_clinic_facility_info_20260401.csv");
  EXPECT_EQ(f.source_row, 2);
  ASSERT_TRUE(f.location.has_value());
  EXPECT_DOUBLE_EQ(f.location->lat, 35.0012);
  EXPECT_DOUBLE_EQ(f.location->lon, 137.0015);
  EXPECT_FALSE(f.capacity.has_value());  // 一般病床数 0 = none

  const Facility& night = by_id(reg, "2320300000037");
  EXPECT_EQ(night.kind, FacilityKind::hospital);  // 機関区分 1
  EXPECT_EQ(night.municipality_code, "23003");    // 市区町村コード "3" zero-padded
  ASSERT_TRUE(night.capacity.has_value());
  EXPECT_EQ(*night.capacity, 19);
  EXPECT_EQ(by_id(reg, "2320300000053").capacity, 60);  // 一般 50 + 療養 10
}

TEST(IryoFacility, WeekdayFlagsOneMeansOpen) {
  const Registry reg = import_all({spec(InputRole::facilities, fixture(kFacilities))});
  const Facility& f = by_id(reg, "2320300000011");  // flags 月1 火1 水0 木1 金1 土1 日0, 祝0
  EXPECT_EQ(f.availability.detail, WeeklySchedule::Detail::days_only);
  EXPECT_EQ(f.availability.open_days.to_japanese(), "月・火・木・金・土");
  EXPECT_EQ(f.availability.holidays_open, std::optional<bool>(false));
  const Facility& night = by_id(reg, "2320300000037");  // 土 only, 祝1
  EXPECT_EQ(night.availability.open_days.to_japanese(), "土");
  EXPECT_EQ(night.availability.holidays_open, std::optional<bool>(true));
  // No flags at all: nothing known.
  const Facility& hosp = by_id(reg, "2320300000053");
  EXPECT_EQ(hosp.availability.detail, WeeklySchedule::Detail::unknown);
  EXPECT_FALSE(hosp.availability.holidays_open.has_value());
}

TEST(IryoFacility, ZeroCoordinatesAreUnlocated) {
  const Registry reg = import_all({spec(InputRole::facilities, fixture(kFacilities))});
  EXPECT_FALSE(by_id(reg, "2320300000029").located());
  const auto zero = diags_named(reg, "coordinates_zero");
  ASSERT_EQ(zero.size(), 1u);
  EXPECT_EQ(zero[0].row, 3);
  EXPECT_EQ(zero[0].column, "所在地座標（緯度）");
}

TEST(IryoFacility, MissingNameAndDuplicateIdRejected) {
  const Registry reg = import_all({spec(InputRole::facilities, fixture(kFacilities))});
  const auto noname = diags_named(reg, "missing_name");
  ASSERT_EQ(noname.size(), 1u);
  EXPECT_EQ(noname[0].row, 5);
  const auto dup = diags_named(reg, "duplicate_id");
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].row, 6);
  EXPECT_EQ(dup[0].value, "2320300000011");
  EXPECT_EQ(by_id(reg, "2320300000011").name, "医療法人みさき会 みさきクリニック");  // first kept
}

TEST(IryoFacility, HeaderVariantsDentalFileAndLeadingZeros) {
  const std::string dir = scratch_dir("iryo_variants");
  const std::string path = dir + "/03-1_dental_facility_info_20260401.csv";
  write_file(path,
             "\xEF\xBB\xBFID,正式名称,機関区分,都道府県コード,市区町村コード,所在地,所在地座標(緯度),所在地座標(経度),"
             "毎週決まった曜日に休診(月曜),毎週決まった曜日に休診(火曜),毎週決まった曜日に休診(水曜),"
             "毎週決まった曜日に休診(木曜),毎週決まった曜日に休診(金曜),毎週決まった曜日に休診(土曜),"
             "毎週決まった曜日に休診(日曜)\r\n"
             "0110000000012,さっぽろ歯科,2,1,101,北海道札幌市中央区1,43.06,141.35,1,1,1,1,1,0,0\r\n");
  const Registry reg = import_all({spec(InputRole::facilities, path)});
  ASSERT_EQ(reg.facilities.size(), 1u);
  const Facility& f = reg.facilities[0];
  EXPECT_EQ(f.facility_id, "0110000000012");
  EXPECT_EQ(f.kind, FacilityKind::dental_clinic);  // the file name says dental
  EXPECT_EQ(f.municipality_code, "01101");
  EXPECT_TRUE(f.located());
  EXPECT_EQ(f.availability.open_days, DaySet::weekdays());
  // 祝日に休診 is absent: reported once on the header line.
  const auto missing = diags_named(reg, "column_missing");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].row, 1);
  EXPECT_EQ(missing[0].column, "祝日に休診");
}

TEST(IryoFacility, MissingCoordinateAndFlagColumnsReportedOnce) {
  const std::string path = scratch_dir("iryo_nocoords") + "/facility.csv";
  write_file(path,
             "\xEF\xBB\xBFID,正式名称,機関区分,所在地,市区町村コード,祝日に休診\r\n"
             "2320300000100,東診療所,2,愛知県みさき市東町1,203,0\r\n"
             "2320300000118,西病院,1,愛知県みさき市西町1,203,1\r\n");
  const Registry reg = import_all({spec(InputRole::facilities, path)});
  ASSERT_EQ(reg.facilities.size(), 2u);
  EXPECT_FALSE(reg.facilities[0].located());
  EXPECT_TRUE(diags_named(reg, "coordinates_missing").empty());
  const auto missing = diags_named(reg, "column_missing");
  ASSERT_EQ(missing.size(), 2u);  // coordinates, weekday flags
  for (const auto& d : missing) EXPECT_EQ(d.row, 1);
  EXPECT_EQ(missing[0].column, "所在地座標（緯度）");
  EXPECT_EQ(missing[1].value, "月・火・水・木・金・土・日");
}

TEST(IryoHours, UnionOverDepartments) {
  const Registry reg = load_both();
  const Facility& f = by_id(reg, "2320300000011");
  EXPECT_EQ(f.availability.detail, WeeklySchedule::Detail::hourly);
  // 内科 09-12 + 15-18, 小児科 月 16-19 → Monday 15-19.
  EXPECT_EQ(slots(f, Mon), (std::vector<int>{9, 10, 11, 15, 16, 17, 18}));
  EXPECT_EQ(slots(f, Tue), (std::vector<int>{9, 10, 11, 15, 16, 17}));
  EXPECT_TRUE(slots(f, Wed).empty());
  EXPECT_EQ(slots(f, Sat), (std::vector<int>{9, 10, 11}));
  EXPECT_TRUE(slots(f, Sun).empty());
  EXPECT_EQ(f.availability.open_days.to_japanese(), "月・火・木・金・土");
  EXPECT_EQ(f.availability.text, "月 09:00-12:00, 15:00-19:00; 火・木・金 09:00-12:00, 15:00-18:00; 土 09:00-12:00");
  EXPECT_EQ(f.availability.holidays_open, std::optional<bool>(false));  // from 祝日に休診 = 0
}

TEST(IryoHours, HalfHourEndDoesNotOpenTheLastSlot) {
  const Registry reg = load_both();
  const Facility& f = by_id(reg, "2320300000029");  // 月火木金 09:00-12:30
  EXPECT_EQ(slots(f, Mon), (std::vector<int>{9, 10, 11}));
  EXPECT_EQ(slots(f, Fri), (std::vector<int>{9, 10, 11}));
}

TEST(IryoHours, OvernightBandSplitsAtMidnight) {
  const Registry reg = load_both();
  const Facility& f = by_id(reg, "2320300000037");  // 土 20:00-08:00
  EXPECT_EQ(slots(f, Sat), (std::vector<int>{20, 21, 22, 23}));
  EXPECT_EQ(slots(f, Sun), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  for (int d : {Mon, Tue, Wed, Thu, Fri}) EXPECT_TRUE(slots(f, d).empty()) << d;
  EXPECT_EQ(f.availability.text, "土 20:00-24:00; 日 00:00-08:00; 祝 09:00-12:00");
  const auto over = diags_named(reg, "hours_overnight");
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(over[0].row, 6);
  EXPECT_EQ(over[0].column, "土_診療開始時間");
  EXPECT_EQ(over[0].value, "20:00-08:00");
}

// Open hours of a public holiday.
std::vector<int> holiday_slots(const Facility& f) {
  std::vector<int> out;
  for (int h = 0; h < 24; ++h)
    if (f.availability.open_on_holiday_at(h)) out.push_back(h);
  return out;
}

TEST(IryoHours, HolidayBandGivesHolidayHours) {
  const Registry reg = load_both();
  const Facility& night = by_id(reg, "2320300000037");  // 祝_診療開始時間 09:00, 終了 12:00
  EXPECT_EQ(night.availability.holidays_open, std::optional<bool>(true));
  EXPECT_EQ(holiday_slots(night), (std::vector<int>{9, 10, 11}));
  // The holiday band opens no weekday: Monday has only the 00:00-00:00 placeholder.
  EXPECT_TRUE(slots(night, Mon).empty());
  // No 祝 band, 祝日に休診 = 0: closed on holidays, no holiday hours.
  const Facility& f = by_id(reg, "2320300000011");
  EXPECT_EQ(f.availability.holidays_open, std::optional<bool>(false));
  EXPECT_TRUE(f.availability.holiday_hours.none());
}

// 祝 bands of several departments unite; an overnight 祝 band stops at 24:00; 祝 hours
// win over 祝日に休診 = 0 (with a warning); 祝日に休診 = 1 without 祝 hours invents none.
TEST(IryoHours, HolidayBandsUniteAndMeetTheFlag) {
  const std::string dir = scratch_dir("iryo_holiday");
  std::string fac = "\xEF\xBB\xBFID,正式名称,機関区分,都道府県コード,市区町村コード,所在地,所在地座標（緯度）,所在地座標（経度）";
  for (const char* d : {"月", "火", "水", "木", "金", "土", "日"}) fac += std::string(",毎週決まった曜日に休診（") + d + "）";
  fac += ",祝日に休診\r\n"
         "2320300000201,祝日診療所,2,23,203,愛知県みさき市本町5-1,35.01,137.01,1,1,1,1,1,0,0,1\r\n"
         "2320300000219,休日夜間急患センター,2,23,203,愛知県みさき市本町5-2,35.01,137.02,0,0,0,0,0,1,1,0\r\n"
         "2320300000227,祝日も開院医院,2,23,203,愛知県みさき市本町5-3,35.01,137.03,1,1,1,1,1,0,0,1\r\n";
  std::string hrs = "\xEF\xBB\xBFID,診療科目コード,診療科目名,診療時間帯";
  const char* days[] = {"月", "火", "水", "木", "金", "土", "日", "祝"};
  for (const char* d : days)
    for (const char* k : {"診療開始時間", "診療終了時間", "外来受付開始時間", "外来受付終了時間"})
      hrs += std::string(",") + d + "_" + k;
  hrs += "\r\n";
  // One row: id, department, then {start, end} per day of `days` (empty = closed).
  auto row = [&](const std::string& id, const std::string& dept, std::vector<std::pair<std::string, std::string>> b) {
    b.resize(8);
    std::string r = id + ",01," + dept + ",1";
    for (const auto& [st, en] : b) r += "," + st + "," + en + "," + st + "," + en;
    return r + "\r\n";
  };
  hrs += row("2320300000201", "内科", {{"09:00", "12:00"}, {"09:00", "12:00"}, {"09:00", "12:00"}, {"09:00", "12:00"},
                                       {"09:00", "12:00"}, {}, {}, {"08:30", "10:00"}});
  hrs += row("2320300000201", "小児科", {{}, {}, {}, {}, {}, {}, {}, {"09:30", "12:30"}});  // 08:30-12:30 together
  hrs += row("2320300000219", "内科", {{}, {}, {}, {}, {}, {"18:00", "23:00"}, {"09:00", "17:00"}, {"21:00", "07:00"}});
  hrs += row("2320300000227", "内科", {{"09:00", "12:00"}, {"09:00", "12:00"}, {"09:00", "12:00"}, {"09:00", "12:00"},
                                       {"09:00", "12:00"}, {}, {}, {}});
  write_file(dir + "/02-1_clinic_facility_info_20260401.csv", fac);
  write_file(dir + "/02-2_clinic_speciality_hours_20260401.csv", hrs);
  const Registry reg = import_all({spec(InputRole::facilities, dir + "/02-1_clinic_facility_info_20260401.csv"),
                                   spec(InputRole::facilities, dir + "/02-2_clinic_speciality_hours_20260401.csv")});
  ASSERT_EQ(reg.facilities.size(), 3u);

  const Facility& both = by_id(reg, "2320300000201");
  EXPECT_EQ(holiday_slots(both), (std::vector<int>{8, 9, 10, 11}));  // 08:30 is inside, 12:30 is not
  EXPECT_EQ(both.availability.holidays_open, std::optional<bool>(true));
  EXPECT_EQ(both.availability.text, "平日 09:00-12:00; 祝 08:30-12:30");
  EXPECT_EQ(slots(both, Mon), (std::vector<int>{9, 10, 11}));

  const Facility& night = by_id(reg, "2320300000219");
  EXPECT_EQ(holiday_slots(night), (std::vector<int>{21, 22, 23}));  // the next day is not known
  EXPECT_TRUE(slots(night, Mon).empty()) << "a 祝 overnight band does not spill into Monday";
  EXPECT_EQ(night.availability.holidays_open, std::optional<bool>(true));  // hours win over the flag
  const auto over = diags_named(reg, "hours_overnight");
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(over[0].column, "祝_診療開始時間");
  EXPECT_EQ(over[0].row, 4);

  const Facility& flagged = by_id(reg, "2320300000227");
  EXPECT_EQ(flagged.availability.holidays_open, std::optional<bool>(true));
  EXPECT_TRUE(flagged.availability.holiday_hours.none());  // open, hours not stated

  const auto c = diags_named(reg, "hours_flag_conflict");
  ASSERT_EQ(c.size(), 2u);
  auto on = [&](const std::string& column) {
    return std::find_if(c.begin(), c.end(), [&](const Diagnostic& d) { return d.column == column; });
  };
  ASSERT_NE(on("祝_診療開始時間"), c.end());  // 急患センター: 祝日に休診 = 0, but 祝 hours
  EXPECT_EQ(on("祝_診療開始時間")->value, "21:00-24:00");
  EXPECT_EQ(on("祝_診療開始時間")->row, 4);
  ASSERT_NE(on("祝日に休診"), c.end());  // 開院医院: flagged open, no 祝 hours
  EXPECT_EQ(on("祝日に休診")->row, 4);
}

TEST(IryoHours, PlaceholderAndOneSidedCellsIgnored) {
  const Registry reg = load_both();
  const auto ph = diags_named(reg, "hours_placeholder");
  ASSERT_EQ(ph.size(), 1u);
  EXPECT_EQ(ph[0].row, 6);
  EXPECT_EQ(ph[0].value, "00:00-00:00");
  const auto bad = diags_named(reg, "hours_unparsable");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].row, 6);
  EXPECT_EQ(bad[0].column, "火_診療終了時間");
  const Facility& f = by_id(reg, "2320300000037");
  EXPECT_TRUE(slots(f, Mon).empty());
  EXPECT_TRUE(slots(f, Tue).empty());
}

TEST(IryoHours, FlagAndHoursContradictionsBothWays) {
  const Registry reg = load_both();
  const auto c = diags_named(reg, "hours_flag_conflict");
  ASSERT_EQ(c.size(), 2u);
  // 本町診療所: 土 flagged closed (0) but the hours file opens it → reported on the hours row.
  auto sat = std::find_if(c.begin(), c.end(), [](const Diagnostic& d) { return d.column == "土_診療開始時間"; });
  ASSERT_NE(sat, c.end());
  EXPECT_EQ(sat->file, fixture(kHours));
  EXPECT_EQ(sat->row, 5);
  EXPECT_EQ(sat->severity, Severity::warning);
  // 水 flagged open (1) but no hours → reported on the facility row.
  auto wed = std::find_if(c.begin(), c.end(),
                          [](const Diagnostic& d) { return d.column == "毎週決まった曜日に休診（水）"; });
  ASSERT_NE(wed, c.end());
  EXPECT_EQ(wed->file, fixture(kFacilities));
  EXPECT_EQ(wed->row, 3);
  const Facility& f = by_id(reg, "2320300000029");
  EXPECT_EQ(slots(f, Sat), (std::vector<int>{9, 10, 11}));  // hours kept
  EXPECT_TRUE(slots(f, Wed).empty());                       // no hours invented
  // The Sunday part of 夜間診療所's Saturday night band is no contradiction of 日 = 0.
}

TEST(IryoHours, OrphanRowRejected) {
  const Registry reg = load_both();
  const auto orphan = diags_named(reg, "hours_orphan");
  ASSERT_EQ(orphan.size(), 1u);
  EXPECT_EQ(orphan[0].row, 8);
  EXPECT_EQ(orphan[0].severity, Severity::error);
  EXPECT_EQ(orphan[0].file, fixture(kHours));
  EXPECT_NE(orphan[0].message.find("2320300099999"), std::string::npos);
  EXPECT_NE(orphan[0].message.find("施設票"), std::string::npos);
}

TEST(IryoHours, CountsAddUpForBothFiles) {
  const Registry reg = load_both();
  const FileReport* fac = report_for(reg, "02-1_clinic_facility_info_20260401.csv");
  const FileReport* hrs = report_for(reg, "02-2_clinic_speciality_hours_20260401.csv");
  ASSERT_NE(fac, nullptr);
  ASSERT_NE(hrs, nullptr);
  EXPECT_EQ(hrs->format, "iryo_hours");
  EXPECT_EQ(fac->rows_read, 7);
  EXPECT_EQ(fac->imported, 5);
  EXPECT_EQ(fac->rejected, 2);
  EXPECT_EQ(fac->skipped, 0);
  EXPECT_EQ(fac->warnings, 2);  // coordinates_zero, 水 flag without hours
  EXPECT_TRUE(fac->balanced());
  EXPECT_EQ(hrs->rows_read, 8);
  EXPECT_EQ(hrs->imported, 5);
  EXPECT_EQ(hrs->rejected, 2);  // orphan, missing ID
  EXPECT_EQ(hrs->skipped, 1);   // blank line
  EXPECT_EQ(hrs->warnings, 4);  // placeholder, one-sided cell, overnight, 土 flag conflict
  EXPECT_TRUE(hrs->balanced());
}

TEST(IryoHours, HoursFileAloneIsAllOrphans) {
  const Registry reg = import_all({spec(InputRole::facilities, fixture(kHours))});
  const FileReport* hrs = report_for(reg, "02-2_clinic_speciality_hours_20260401.csv");
  ASSERT_NE(hrs, nullptr);
  EXPECT_EQ(hrs->imported, 0);
  EXPECT_EQ(hrs->rejected, 7);
  EXPECT_TRUE(hrs->balanced());
  EXPECT_EQ(diags_named(reg, "hours_orphan").size(), 6u);
  EXPECT_TRUE(reg.facilities.empty());
}

TEST(IryoHours, HeaderWithoutHoursColumnsFails) {
  const std::string path = scratch_dir("iryo_badhours") + "/hours.csv";
  write_file(path, "\xEF\xBB\xBFID,診療科目コード,診療科目名\r\n2320300000011,01,内科\r\n");
  InputSpec s = spec(InputRole::facilities, path);
  s.format = "iryo_hours";
  try {
    import_all({s});
    FAIL() << "expected import_error";
  } catch (const import_error& e) {
    EXPECT_EQ(e.diagnostic().code, DiagCode::header_unrecognised);
  }
}

}  // namespace
}  // namespace careatlas::testing
