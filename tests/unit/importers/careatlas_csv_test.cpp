#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

TEST(CareatlasCsv, ParsesFlagsHoursAndDoctors) {
  const std::string dir = scratch_dir("careatlas_csv");
  write_file(dir + "/f.csv",
             "facility_id,name,kind,lat,lon,home_visit,support_24h,hours,doctors\n"
             "A1,坂本内科在宅診療所,clinic,35.5,139.4,1,1,24/7,3\n"
             "A2,沢尾耳鼻咽喉科,clinic,35.51,139.41,0,0,\"Mon-Wed,Fri 09:00-12:30,14:30-18:00; Thu,Sat 09:00-12:30\",1\n"
             "A3,謎の施設,spaceport,35.5,139.4,0,0,24/7,0\n"
             "A4,時間不明医院,clinic,35.5,139.4,2,0,Mon 25:00-26:00,x\n");
  const Registry r = import_all({spec(InputRole::facilities, dir + "/f.csv")});
  const FileReport* rep = report_for(r, "f.csv");
  EXPECT_EQ(rep->rows_read, 4);
  EXPECT_EQ(rep->imported, 3);
  EXPECT_EQ(rep->rejected, 1);
  ASSERT_EQ(r.facilities.size(), 3u);
  const Facility& a1 = r.facilities[0];
  EXPECT_TRUE(a1.availability.is_24_7());
  EXPECT_EQ(a1.home_visit.value, true);
  EXPECT_EQ(a1.doctors, 3);
  const Facility& a2 = r.facilities[1];
  EXPECT_TRUE(a2.availability.open_at(0 * 24 + 9));
  EXPECT_FALSE(a2.availability.open_at(0 * 24 + 12));
  EXPECT_TRUE(a2.availability.open_at(3 * 24 + 11));   // Thu morning
  EXPECT_FALSE(a2.availability.open_at(3 * 24 + 15));  // Thu afternoon closed
  EXPECT_EQ(diags_named(r, "kind_unknown").at(0).row, 4);
  EXPECT_EQ(diags_named(r, "hours_unparsable").at(0).row, 5);
  EXPECT_EQ(diags_named(r, "value_invalid").size(), 2u);  // home_visit=2, doctors=x
  EXPECT_EQ(r.facilities[2].availability.detail, WeeklySchedule::Detail::unknown);
}

// careatlas's `Hol` day item (public holidays) in the hours column; 24/7 includes holidays.
TEST(CareatlasCsv, HolidayHours) {
  const std::string dir = scratch_dir("careatlas_csv_holiday");
  write_file(dir + "/f.csv",
             "facility_id,name,kind,lat,lon,home_visit,support_24h,hours,doctors\n"
             "H1,休日当番医院,clinic,35.5,139.4,1,0,\"Mon-Fri 09:00-18:00; Sat,Hol 09:00-12:00\",1\n"
             "H2,平日医院,clinic,35.5,139.4,1,0,Mon-Fri 09:00-18:00,1\n"
             "H3,終日診療所,clinic,35.5,139.4,1,1,24/7,2\n");
  const Registry r = import_all({spec(InputRole::facilities, dir + "/f.csv")});
  ASSERT_EQ(r.facilities.size(), 3u);
  const WeeklySchedule& h1 = r.facilities[0].availability;
  EXPECT_EQ(h1.holidays_open, std::optional<bool>(true));
  EXPECT_EQ(h1.holiday_hours, std::bitset<24>().set(9).set(10).set(11));
  EXPECT_TRUE(h1.open_at(5 * 24 + 9));  // Saturday too
  const WeeklySchedule& h2 = r.facilities[1].availability;
  EXPECT_FALSE(h2.holidays_open.has_value());  // not stated
  EXPECT_TRUE(h2.holiday_hours.none());
  EXPECT_TRUE(r.facilities[2].availability.holiday_hours.all());
  EXPECT_TRUE(diags_named(r, "hours_unparsable").empty());
}
