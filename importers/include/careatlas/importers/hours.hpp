#pragma once
// Parsers for the ways sources write opening days and hours.
//
//  * careatlas / WORKLOAD.md §5 grammar: "24/7" or "Mon-Fri 09:00-12:00,15:00-18:00; Sat 09:00-12:00",
//    extended by careatlas with the day item `Hol` (public holidays, 祝日): "Sat,Hol 09:00-12:00"
//  * 介護サービス情報公表 利用可能曜日: "平日,土曜日,祝日" (tokens 平日 土曜日 日曜日 祝日)
//  * Japanese day sets of survey sheets: "月・水・金", "火～木", "平日", "毎日", "土日"
//  * ケアマネタイム slots: "月・水 13:00～14:00／金 16:00～17:00"
//  * clock times: "9:00", "09:00", "１３：００", "13時", "13時30分", "24:00"
// Parsers return std::nullopt (with an explanation in `error`) instead of throwing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/facility.hpp"
#include "careatlas/model/schedule.hpp"

namespace careatlas::hours {

// Minutes since 00:00, 0..1440 ("24:00" = 1440).
std::optional<int> parse_clock(std::string_view text);

// WORKLOAD.md §5 grammar (whitespace around separators tolerated), plus public holidays:
//
//   dayitem = DAY | DAY "-" DAY | "Hol"     ; Hol = a public holiday (祝日), never in a range
//
// "Mon-Fri 09:00-18:00; Sat,Hol 09:00-12:00" opens holiday hours 9–11 (same middle-of-
// the-hour rule) and sets holidays_open. Without Hol, holidays are not stated
// (holidays_open empty). "24/7" is open every hour of the week and of a holiday.
std::optional<WeeklySchedule> parse_weekly(std::string_view text, std::string* error = nullptr);

// 利用可能曜日. Unknown tokens are returned in `unknown` (the rest still counts).
struct AvailableDays {
  DaySet days;
  bool holidays = false;
  std::vector<std::string> unknown;
};
AvailableDays parse_available_days(std::string_view text);

// A Japanese day set: 月 火 水 木 金 土 日 (also 月曜/月曜日), ranges with ～ 〜 ~ - ー,
// lists with ・ 、 , / or nothing between ("月水金"), 平日 (Mon–Fri), 毎日/全日 (all),
// 土日 (Sat+Sun). nullopt when nothing or something unknown is written.
std::optional<DaySet> parse_japanese_days(std::string_view text, std::string* error = nullptr);

// A time band "13:00～14:00" (any dash or wave dash). Requires start < end.
std::optional<TimeBand> parse_band(std::string_view text, std::string* error = nullptr);

// ケアマネタイム: slots separated by ／ / ; ； or line breaks, each "<days> <band>"
// (a space between them is optional). Empty text → empty vector (unanswered).
std::optional<std::vector<CareManagerSlot>> parse_caremanager_slots(std::string_view text,
                                                                    std::string* error = nullptr);

}  // namespace careatlas::hours
