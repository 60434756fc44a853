#include <gtest/gtest.h>

#include "careatlas/model/diagnostic.hpp"
#include "careatlas/model/facility.hpp"
#include "careatlas/model/schedule.hpp"

using namespace careatlas;

TEST(Schedule, BandOpensSlotsByTheirMiddleInstant) {
  WeeklySchedule s;
  s.open_band(Weekday::Tue, {9 * 60, 12 * 60 + 30});  // 09:00-12:30 → slots 9, 10, 11
  EXPECT_TRUE(s.open_at(24 + 9));
  EXPECT_TRUE(s.open_at(24 + 11));
  EXPECT_FALSE(s.open_at(24 + 12));
  EXPECT_FALSE(s.open_at(24 + 8));
  s.open_band(Weekday::Sun, {14 * 60 + 30, 18 * 60});  // slots 14–17
  EXPECT_TRUE(s.open_at(6 * 24 + 14));
  EXPECT_EQ(s.hours.count(), 3u + 4u);
  EXPECT_TRUE(s.open_days.has(Weekday::Tue));
  EXPECT_TRUE(s.open_days.has(Weekday::Sun));
  EXPECT_FALSE(s.open_days.has(Weekday::Mon));
}

TEST(Schedule, HolidayBandOpensHolidayHoursByTheirMiddleInstant) {
  WeeklySchedule s;
  s.open_holiday_band({9 * 60, 12 * 60 + 30});   // 09:00-12:30 → holiday hours 9, 10, 11
  s.open_holiday_band({14 * 60 + 30, 18 * 60});  // 14:30-18:00 → 14, 15, 16, 17 (14:30 is inside)
  for (int hh : {9, 10, 11, 14, 15, 16, 17}) EXPECT_TRUE(s.open_on_holiday_at(hh)) << hh;
  for (int hh : {8, 12, 13, 18}) EXPECT_FALSE(s.open_on_holiday_at(hh)) << hh;
  EXPECT_EQ(s.holiday_hours.count(), 7u);
  EXPECT_EQ(s.holidays_open, std::optional<bool>(true));
  EXPECT_EQ(s.detail, WeeklySchedule::Detail::hourly);
  // A holiday is not a day of the week: no weekly slot or open day.
  EXPECT_TRUE(s.hours.none());
  EXPECT_TRUE(s.open_days.empty());
  // A band shorter than an hour that holds no middle instant still says "open on holidays".
  WeeklySchedule t;
  t.open_holiday_band({9 * 60 + 40, 10 * 60 + 20});
  EXPECT_TRUE(t.holiday_hours.none());
  EXPECT_EQ(t.holidays_open, std::optional<bool>(true));
}

TEST(Schedule, AlwaysOpenIncludesHolidays) {
  const WeeklySchedule s = WeeklySchedule::always_open();
  EXPECT_TRUE(s.is_24_7());
  EXPECT_TRUE(s.holiday_hours.all());
  EXPECT_EQ(s.holidays_open, std::optional<bool>(true));
}

TEST(Schedule, HolidayHoursTakePartInEquality) {
  WeeklySchedule a, b;
  a.open_band(Weekday::Mon, {540, 720});
  b.open_band(Weekday::Mon, {540, 720});
  a.holidays_open = b.holidays_open = true;
  EXPECT_EQ(a, b);
  b.holiday_hours.set(10);
  EXPECT_NE(a, b);
}

TEST(Schedule, DaySetJapanese) {
  EXPECT_EQ(DaySet::weekdays().to_japanese(), "平日");
  DaySet d;
  d.add(Weekday::Mon);
  d.add(Weekday::Wed);
  d.add(Weekday::Fri);
  EXPECT_EQ(d.to_japanese(), "月・水・金");
}

TEST(Facility, ServiceCodesMapToKinds) {
  EXPECT_EQ(kind_from_care_service_code(430), FacilityKind::care_management);
  EXPECT_EQ(kind_from_care_service_code(130), FacilityKind::home_nursing);
  EXPECT_EQ(kind_from_care_service_code(760), FacilityKind::regular_visit_24h);
  EXPECT_EQ(kind_from_care_service_code(999), FacilityKind::other_care_service);
  EXPECT_TRUE(is_24h_care_service_code(710));
  EXPECT_FALSE(is_24h_care_service_code(730));
  for (auto k : all_facility_kinds()) EXPECT_EQ(facility_kind_from_string(to_string(k)), k);
}

TEST(Diagnostics, TableHasUniqueNamesAndCodes) {
  std::set<std::string_view> names;
  std::set<int> codes;
  for (const auto& i : diag_table()) {
    EXPECT_TRUE(names.insert(i.name).second) << i.name;
    EXPECT_TRUE(codes.insert(static_cast<int>(i.code)).second) << i.name;
    EXPECT_FALSE(i.summary.empty()) << i.name;
    EXPECT_FALSE(i.summary_ja.empty()) << i.name;
  }
}
