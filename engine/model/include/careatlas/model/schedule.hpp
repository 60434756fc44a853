#pragma once
// Weekly availability: 168 hour-of-week slots plus the 24 hours of a public holiday.
//
// Slot h is the hour [h, h+1) after Monday 00:00: day = h / 24 (0 = Mon … 6 = Sun),
// hour = h % 24. A provider is open in slot h when the instant `day hh:30` lies in one of
// its opening intervals (WORKLOAD.md §5), so "09:00-12:30" opens slots 9, 10, 11. A public
// holiday (祝日) has its own 24 hour slots by the same rule: a clinic open Monday to
// Friday is usually closed on a holiday that falls on a Monday.
//
// Sources differ in what they know: 医療情報ネット gives hours, 介護サービス情報公表 gives
// only days (平日/土曜日/日曜日/祝日), many sources give nothing. `detail` says which, so
// that analyses never mistake "open some time on Monday" for "open all Monday".
#include <array>
#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace careatlas {

enum class Weekday : std::uint8_t { Mon = 0, Tue, Wed, Thu, Fri, Sat, Sun };
inline constexpr int kDaysPerWeek = 7;
inline constexpr int kHoursPerWeek = 168;

// Japanese one-character day names 月火水木金土日, index = Weekday.
std::string_view weekday_kanji(Weekday d);
std::string_view weekday_english(Weekday d);  // "Mon" …

// A set of weekdays as 7 bits (bit 0 = Monday).
class DaySet {
 public:
  constexpr DaySet() = default;
  static DaySet of(std::initializer_list<Weekday> days);
  static DaySet weekdays();  // Mon–Fri
  static DaySet all();
  void add(Weekday d) { bits_ |= static_cast<std::uint8_t>(1u << static_cast<int>(d)); }
  bool has(Weekday d) const { return (bits_ >> static_cast<int>(d)) & 1u; }
  bool empty() const { return bits_ == 0; }
  std::uint8_t bits() const { return bits_; }
  static DaySet from_bits(std::uint8_t b) { DaySet s; s.bits_ = b & 0x7F; return s; }
  DaySet& operator|=(DaySet o) { bits_ |= o.bits_; return *this; }
  friend bool operator==(DaySet, DaySet) = default;
  // "月・水・金", "平日", "毎日" — for reports and the booklet.
  std::string to_japanese() const;

 private:
  std::uint8_t bits_ = 0;
};

// A time band on one or more days, minutes since 00:00, half-open [start, end),
// 0 <= start < end <= 1440.
struct TimeBand {
  int start_min = 0;
  int end_min = 0;
  friend bool operator==(const TimeBand&, const TimeBand&) = default;
};
std::string format_hhmm(int minutes);  // 540 -> "09:00"

struct WeeklySchedule {
  enum class Detail : std::uint8_t {
    unknown,    // the source says nothing about when the provider is open
    days_only,  // open days known (open_days, holidays), hours not
    hourly,     // hour-of-week slots known
  };
  Detail detail = Detail::unknown;
  DaySet open_days;                   // days with any opening
  std::bitset<kHoursPerWeek> hours;   // meaningful when detail == hourly
  std::optional<bool> holidays_open;  // 祝日: open / closed / not stated
  // Hours open on a public holiday (bit hh = [hh, hh+1)); meaningful when detail == hourly
  // and holidays_open == true. Empty with holidays_open == true: open, hours not stated.
  std::bitset<24> holiday_hours;
  std::string text;                   // the source's own wording, for the booklet

  // Open the slots whose middle instant lies in [band.start, band.end) on `day`.
  void open_band(Weekday day, TimeBand band);
  // The same on a public holiday; marks holidays open.
  void open_holiday_band(TimeBand band);
  bool open_at(int hour_of_week) const { return hours.test(static_cast<std::size_t>(hour_of_week)); }
  bool open_on_holiday_at(int hour) const { return holiday_hours.test(static_cast<std::size_t>(hour)); }
  static WeeklySchedule always_open();  // 24/7, holidays included
  bool is_24_7() const { return detail == Detail::hourly && hours.all(); }
  friend bool operator==(const WeeklySchedule&, const WeeklySchedule&) = default;
};

}  // namespace careatlas
