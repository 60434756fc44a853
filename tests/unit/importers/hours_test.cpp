// hours.hpp parsers: clock times, the WORKLOAD.md §5 weekly grammar, 利用可能曜日,
// Japanese day sets and ケアマネタイム slots.
#include <gtest/gtest.h>

#include "careatlas/importers/hours.hpp"

namespace careatlas::hours {
namespace {

std::vector<int> slots(const WeeklySchedule& s, int day) {
  std::vector<int> out;
  for (int h = 0; h < 24; ++h)
    if (s.open_at(day * 24 + h)) out.push_back(h);
  return out;
}

TEST(HoursClock, ParsesCommonForms) {
  EXPECT_EQ(parse_clock("9:00"), 540);
  EXPECT_EQ(parse_clock("09:00"), 540);
  EXPECT_EQ(parse_clock(" 08:30 "), 510);
  EXPECT_EQ(parse_clock("１３：００"), 780);  // full-width digits and colon
  EXPECT_EQ(parse_clock("13時"), 780);
  EXPECT_EQ(parse_clock("13時30分"), 810);
  EXPECT_EQ(parse_clock("13時半"), 810);
  EXPECT_EQ(parse_clock("00:00"), 0);
  EXPECT_EQ(parse_clock("24:00"), 1440);
}

TEST(HoursClock, RejectsBadTimes) {
  for (const char* bad : {"", "  ", "25:00", "24:30", "12:60", "9:5", "12", "abc", "-1:00", "12:00pm", "13時半分"})
    EXPECT_FALSE(parse_clock(bad).has_value()) << bad;
}

TEST(HoursWeekly, WorkloadExampleTwoRules) {
  auto s = parse_weekly("Mon-Fri 09:00-12:00,15:00-18:00; Sat 09:00-12:00");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->detail, WeeklySchedule::Detail::hourly);
  for (int d = 0; d < 5; ++d) EXPECT_EQ(slots(*s, d), (std::vector<int>{9, 10, 11, 15, 16, 17})) << d;
  EXPECT_EQ(slots(*s, 5), (std::vector<int>{9, 10, 11}));
  EXPECT_TRUE(slots(*s, 6).empty());
  EXPECT_EQ(s->open_days.to_japanese(), "月・火・水・木・金・土");
  EXPECT_EQ(s->text, "Mon-Fri 09:00-12:00,15:00-18:00; Sat 09:00-12:00");
  EXPECT_EQ(s->hours.count(), 33u);
}

TEST(HoursWeekly, SlotIsOpenWhenItsMiddleIsInside) {
  auto a = parse_weekly("Mon-Fri 08:30-12:00");  // 08:30 ∈ [08:30, 12:00) → slot 8
  ASSERT_TRUE(a);
  EXPECT_EQ(slots(*a, 0), (std::vector<int>{8, 9, 10, 11}));
  auto b = parse_weekly("Mon 09:00-12:30");  // 12:30 is not < 12:30 → no slot 12
  ASSERT_TRUE(b);
  EXPECT_EQ(slots(*b, 0), (std::vector<int>{9, 10, 11}));
  auto c = parse_weekly("Mon 14:30-18:00");
  ASSERT_TRUE(c);
  EXPECT_EQ(slots(*c, 0), (std::vector<int>{14, 15, 16, 17}));
}

TEST(HoursWeekly, DayListsRangesAndUnion) {
  auto s = parse_weekly("Mon-Wed,Fri 09:00-10:00");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->open_days, DaySet::of({Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Fri}));
  EXPECT_TRUE(slots(*s, 3).empty());  // Thursday
  auto u = parse_weekly("Mon 09:00-10:00; Mon 11:00-12:00");
  ASSERT_TRUE(u);
  EXPECT_EQ(slots(*u, 0), (std::vector<int>{9, 11}));
  auto late = parse_weekly("Sun 22:00-24:00");
  ASSERT_TRUE(late);
  EXPECT_EQ(slots(*late, 6), (std::vector<int>{22, 23}));
}

TEST(HoursWeekly, AroundTheClock) {
  auto s = parse_weekly("24/7");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->is_24_7());
  EXPECT_EQ(s->open_days, DaySet::all());
  EXPECT_EQ(s->holidays_open, std::optional<bool>(true));  // around the clock means holidays too
  EXPECT_TRUE(s->holiday_hours.all());
}

std::vector<int> holiday_slots(const WeeklySchedule& s) {
  std::vector<int> out;
  for (int h = 0; h < 24; ++h)
    if (s.open_on_holiday_at(h)) out.push_back(h);
  return out;
}

TEST(HoursWeekly, HolidayItemOpensHolidayHours) {
  auto s = parse_weekly("Mon-Fri 09:00-18:00; Sat,Hol 09:00-12:30");
  ASSERT_TRUE(s) << "Hol is a day item like Sat";
  EXPECT_EQ(holiday_slots(*s), (std::vector<int>{9, 10, 11}));  // 12:30 is not < 12:30
  EXPECT_EQ(s->holidays_open, std::optional<bool>(true));
  EXPECT_EQ(slots(*s, 5), (std::vector<int>{9, 10, 11}));
  EXPECT_TRUE(slots(*s, 6).empty());
  EXPECT_EQ(s->open_days.to_japanese(), "月・火・水・木・金・土");  // a holiday is not a weekday
  EXPECT_EQ(s->hours.count(), 5u * 9u + 3u);
  auto u = parse_weekly("Mon 09:00-10:00; Hol 08:30-10:00; Hol 14:30-16:00,20:00-24:00");
  ASSERT_TRUE(u);
  EXPECT_EQ(holiday_slots(*u), (std::vector<int>{8, 9, 14, 15, 20, 21, 22, 23}));  // rules unite
  auto only = parse_weekly("Hol 10:00-12:00");  // e.g. a 休日当番 clinic
  ASSERT_TRUE(only);
  EXPECT_EQ(only->detail, WeeklySchedule::Detail::hourly);
  EXPECT_TRUE(only->hours.none());
  EXPECT_EQ(holiday_slots(*only), (std::vector<int>{10, 11}));
}

TEST(HoursWeekly, WithoutHolHolidaysAreNotStated) {
  auto s = parse_weekly("Mon-Sun 09:00-18:00");
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->holidays_open.has_value());
  EXPECT_TRUE(s->holiday_hours.none());
}

TEST(HoursWeekly, Errors) {
  for (const char* bad : {"", "Mon", "Xyz 09:00-10:00", "Fri-Mon 09:00-10:00", "Mon 12:00-09:00", "Mon 09:00",
                          "Mon 09:00-25:00", "Mon 10:00-10:00", "月 09:00-10:00", "Hol", "Fri-Hol 09:00-10:00",
                          "Hol-Sun 09:00-10:00", "hol 09:00-10:00", "Holiday 09:00-10:00", "祝 09:00-10:00",
                          "Hol 12:00-09:00"}) {
    std::string err;
    EXPECT_FALSE(parse_weekly(bad, &err).has_value()) << bad;
    EXPECT_FALSE(err.empty()) << bad;
  }
}

TEST(HoursAvailableDays, KaigoTokens) {
  auto a = parse_available_days("平日,土曜日,祝日");
  EXPECT_EQ(a.days, DaySet::of({Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat}));
  EXPECT_TRUE(a.holidays);
  EXPECT_TRUE(a.unknown.empty());
  auto b = parse_available_days("日曜日");
  EXPECT_EQ(b.days, DaySet::of({Weekday::Sun}));
  EXPECT_FALSE(b.holidays);
  auto c = parse_available_days("平日、日曜日");  // full-width comma
  EXPECT_EQ(c.days.bits(), 0x5F);
}

TEST(HoursAvailableDays, UnknownTokenReportedRestKept) {
  auto a = parse_available_days("平日,年中無休");
  EXPECT_EQ(a.days, DaySet::weekdays());
  ASSERT_EQ(a.unknown.size(), 1u);
  EXPECT_EQ(a.unknown[0], "年中無休");
  EXPECT_TRUE(parse_available_days("").days.empty());
}

TEST(HoursJapaneseDays, ListsRangesAndWords) {
  EXPECT_EQ(parse_japanese_days("月・水・金"), DaySet::of({Weekday::Mon, Weekday::Wed, Weekday::Fri}));
  EXPECT_EQ(parse_japanese_days("火～木"), DaySet::of({Weekday::Tue, Weekday::Wed, Weekday::Thu}));
  EXPECT_EQ(parse_japanese_days("火〜木"), DaySet::of({Weekday::Tue, Weekday::Wed, Weekday::Thu}));
  EXPECT_EQ(parse_japanese_days("平日"), DaySet::weekdays());
  EXPECT_EQ(parse_japanese_days("土日"), DaySet::of({Weekday::Sat, Weekday::Sun}));
  EXPECT_EQ(parse_japanese_days("毎日"), DaySet::all());
  EXPECT_EQ(parse_japanese_days("月水金"), DaySet::of({Weekday::Mon, Weekday::Wed, Weekday::Fri}));
  EXPECT_EQ(parse_japanese_days("月曜日・木曜日"), DaySet::of({Weekday::Mon, Weekday::Thu}));
  EXPECT_EQ(parse_japanese_days("月、火"), DaySet::of({Weekday::Mon, Weekday::Tue}));
}

TEST(HoursJapaneseDays, Errors) {
  for (const char* bad : {"", "木～火", "～水", "月～", "祝", "月末", "Mon"}) {
    std::string err;
    EXPECT_FALSE(parse_japanese_days(bad, &err).has_value()) << bad;
    EXPECT_FALSE(err.empty()) << bad;
  }
}

TEST(HoursBand, Parses) {
  EXPECT_EQ(parse_band("13:00～14:00"), (TimeBand{780, 840}));
  EXPECT_EQ(parse_band("13時～14時半"), (TimeBand{780, 870}));
  EXPECT_EQ(parse_band("9:00-9:30"), (TimeBand{540, 570}));
  EXPECT_FALSE(parse_band("14:00～13:00").has_value());
  EXPECT_FALSE(parse_band("13:00").has_value());
}

TEST(HoursCaremanager, SeveralSlots) {
  auto s = parse_caremanager_slots("月・水 13:00～14:00／金 16:00～17:00");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[0], (CareManagerSlot{DaySet::of({Weekday::Mon, Weekday::Wed}), {780, 840}}));
  EXPECT_EQ((*s)[1], (CareManagerSlot{DaySet::of({Weekday::Fri}), {960, 1020}}));
  auto t = parse_caremanager_slots("火13:00～13:30;木 12:00～12:30\n土 9:00～9:30");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[2], (CareManagerSlot{DaySet::of({Weekday::Sat}), {540, 570}}));
  auto crlf = parse_caremanager_slots("月 13:00～14:00\r\n金 16:00～17:00");  // CRLF inside a cell
  ASSERT_TRUE(crlf);
  EXPECT_EQ(crlf->size(), 2u);
  auto c = parse_caremanager_slots("月 13:00～14:00、金 16:00～17:00");  // 、 between slots
  ASSERT_TRUE(c);
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[1].days, DaySet::of({Weekday::Fri}));
}

TEST(HoursCaremanager, FullWidthDigitsAndRanges) {
  auto s = parse_caremanager_slots("火～木　１２：３０～１３：００");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0], (CareManagerSlot{DaySet::of({Weekday::Tue, Weekday::Wed, Weekday::Thu}), {750, 780}}));
  auto p = parse_caremanager_slots("平日 17:00～18:00");
  ASSERT_TRUE(p);
  EXPECT_EQ((*p)[0].days, DaySet::weekdays());
}

TEST(HoursCaremanager, EmptyAndErrors) {
  auto e = parse_caremanager_slots("");
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->empty());
  for (const char* bad : {"随時", "月 14:00～13:00", "月 13:00", "祝 13:00～14:00", "13:00～14:00"}) {
    std::string err;
    EXPECT_FALSE(parse_caremanager_slots(bad, &err).has_value()) << bad;
    EXPECT_FALSE(err.empty()) << bad;
  }
}

}  // namespace
}  // namespace careatlas::hours
