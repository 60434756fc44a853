#include "careatlas/model/schedule.hpp"

#include <cstdio>

namespace careatlas {

namespace {
constexpr std::array<std::string_view, 7> kKanji = {"月", "火", "水", "木", "金", "土", "日"};
constexpr std::array<std::string_view, 7> kEnglish = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
}  // namespace

std::string_view weekday_kanji(Weekday d) { return kKanji[static_cast<std::size_t>(d)]; }
std::string_view weekday_english(Weekday d) { return kEnglish[static_cast<std::size_t>(d)]; }

DaySet DaySet::of(std::initializer_list<Weekday> days) {
  DaySet s;
  for (Weekday d : days) s.add(d);
  return s;
}

DaySet DaySet::weekdays() { return from_bits(0x1F); }
DaySet DaySet::all() { return from_bits(0x7F); }

std::string DaySet::to_japanese() const {
  if (bits_ == 0x7F) return "毎日";
  if (bits_ == 0x1F) return "平日";
  std::string s;
  for (int d = 0; d < kDaysPerWeek; ++d) {
    if (!has(static_cast<Weekday>(d))) continue;
    if (!s.empty()) s += "・";
    s += kKanji[static_cast<std::size_t>(d)];
  }
  return s;
}

std::string format_hhmm(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

namespace {
// Hours of one day whose middle instant hh:30 lies in [band.start, band.end).
std::bitset<24> hours_of_band(TimeBand band) {
  std::bitset<24> out;
  for (int hh = 0; hh < 24; ++hh) {
    const int mid = hh * 60 + 30;
    if (mid >= band.start_min && mid < band.end_min) out.set(static_cast<std::size_t>(hh));
  }
  return out;
}
}  // namespace

void WeeklySchedule::open_band(Weekday day, TimeBand band) {
  const auto day_hours = hours_of_band(band);
  const auto d = static_cast<std::size_t>(day);
  for (std::size_t hh = 0; hh < 24; ++hh)
    if (day_hours.test(hh)) hours.set(d * 24 + hh);
  if (day_hours.any() || band.end_min > band.start_min) open_days.add(day);
  detail = Detail::hourly;
}

void WeeklySchedule::open_holiday_band(TimeBand band) {
  const auto day_hours = hours_of_band(band);
  holiday_hours |= day_hours;
  if (day_hours.any() || band.end_min > band.start_min) holidays_open = true;
  detail = Detail::hourly;
}

WeeklySchedule WeeklySchedule::always_open() {
  WeeklySchedule s;
  s.detail = Detail::hourly;
  s.hours.set();
  s.open_days = DaySet::all();
  s.holidays_open = true;
  s.holiday_hours.set();
  return s;
}

}  // namespace careatlas
