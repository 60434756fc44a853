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

void WeeklySchedule::open_band(Weekday day, TimeBand band) {
  const int d = static_cast<int>(day);
  bool any = false;
  for (int hh = 0; hh < 24; ++hh) {
    const int mid = hh * 60 + 30;
    if (mid >= band.start_min && mid < band.end_min) {
      hours.set(static_cast<std::size_t>(d * 24 + hh));
      any = true;
    }
  }
  if (any || band.end_min > band.start_min) open_days.add(day);
  detail = Detail::hourly;
}

WeeklySchedule WeeklySchedule::always_open() {
  WeeklySchedule s;
  s.detail = Detail::hourly;
  s.hours.set();
  s.open_days = DaySet::all();
  s.holidays_open = true;
  return s;
}

}  // namespace careatlas
