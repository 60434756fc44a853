#pragma once
// Facility: one medical or care resource, as careatlas knows it after import.
//
// A Facility keeps where every fact came from: `source_file`/`source_row` name the input
// line, flags carry their origin (service code, survey sheet, open-data text), and
// fields a source did not state stay empty (std::nullopt / "") so that the booklet can
// print 未回答 instead of inventing an answer.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/address.hpp"
#include "careatlas/model/geo.hpp"
#include "careatlas/model/schedule.hpp"

namespace careatlas {

enum class FacilityKind : std::uint8_t {
  clinic,                    // 診療所
  hospital,                  // 病院
  dental_clinic,             // 歯科診療所
  home_nursing,              // 訪問看護ステーション (130)
  care_management,           // 居宅介護支援事業所 (430)
  community_support_center,  // 地域包括支援センター
  home_help,                 // 訪問介護 (110)
  home_bathing,              // 訪問入浴介護 (120)
  home_rehabilitation,       // 訪問リハビリテーション (140)
  day_service,               // 通所介護 (150), 地域密着型通所介護 (780)
  day_rehabilitation,        // 通所リハビリテーション (160)
  welfare_equipment,         // 福祉用具貸与 (170)
  short_stay,                // 短期入所 (210, 220)
  dementia_group_home,       // 認知症対応型共同生活介護 (320)
  nursing_home,              // 介護老人福祉施設 (510)
  geriatric_health_facility, // 介護老人保健施設 (520)
  care_medical_facility,     // 介護医療院 (550)
  night_home_help,           // 夜間対応型訪問介護 (710) — 24-hour
  small_multifunctional,     // 小規模多機能型居宅介護 (730)
  regular_visit_24h,         // 定期巡回・随時対応型訪問介護看護 (760) — 24-hour
  nursing_small_multifunctional,  // 看護小規模多機能型居宅介護 (770) — 24-hour
  welfare_facility,          // other welfare facility (P14 etc.)
  other_care_service,        // a 介護保険 service code careatlas has no class for
};

// Stable ASCII names used in the registry, project files and CSV outputs.
std::string_view to_string(FacilityKind k);
std::optional<FacilityKind> facility_kind_from_string(std::string_view s);
std::string_view japanese_label(FacilityKind k);  // 診療所, 訪問看護ステーション, …
std::vector<FacilityKind> all_facility_kinds();

// 介護サービス情報公表システム service code (e.g. 430) → kind. Unknown codes map to
// other_care_service (the code itself is kept on the Facility).
FacilityKind kind_from_care_service_code(int code);
// Service codes whose providers work around the clock (760, 710, 770).
bool is_24h_care_service_code(int code);

// A yes/no fact with its origin ("service_code:760", "survey:ishikai.csv:12", "facilities.csv").
struct Flag {
  std::optional<bool> value;
  std::string source;
  friend bool operator==(const Flag&, const Flag&) = default;
};

// How a care manager may contact the clinic (bit set).
enum ContactMethod : std::uint8_t {
  kContactPhone = 1u << 0,
  kContactFax = 1u << 1,
  kContactVisit = 1u << 2,
  kContactEmail = 1u << 3,
};
std::string contact_methods_japanese(std::uint8_t methods);  // "電話・FAX"

// One ケアマネタイム window: days + time band.
struct CareManagerSlot {
  DaySet days;
  TimeBand band;
  friend bool operator==(const CareManagerSlot&, const CareManagerSlot&) = default;
};

// What the medical association's survey says about a facility (booklet fields).
// Everything is optional: an unanswered question stays empty and prints as 未回答.
struct SurveyAnswers {
  bool answered = false;                   // a survey row was joined to this facility
  std::string source;                      // "survey.csv:12"
  std::vector<CareManagerSlot> caremanager_slots;
  std::string caremanager_time_text;       // as written, for the booklet
  std::string contact_person;
  std::optional<std::uint8_t> contact_methods;  // ContactMethod bits
  std::optional<bool> appointment_required;
  std::optional<int> appointment_days_ahead;
  std::string appointment_note;
  std::optional<bool> discharge_conference;    // 退院前カンファレンス
  std::optional<bool> functional_enhanced;     // 機能強化型
  std::string notes;
  friend bool operator==(const SurveyAnswers&, const SurveyAnswers&) = default;
};

struct Facility {
  std::string facility_id;    // unique in the registry
  std::string source_id;      // the ID as written in the source (事業所番号, 医療情報ネット ID, …)
  std::string source_file;    // file name it was imported from
  std::int64_t source_row = 0;  // 1-based physical line (or feature index for OGR layers)
  std::string name;
  std::string short_name;     // 略称 (医療情報ネット), as surveys and booklets often write it
  std::string kana;           // reading in full-width katakana (五十音順 index)
  FacilityKind kind = FacilityKind::clinic;
  std::string service_code;   // 介護保険 service code ("430"), empty for medical facilities
  std::string municipality_code;  // 5-digit 市区町村コード (no check digit)
  std::string address;           // 住所 / 所在地, as written
  std::string address_building;  // 方書（ビル名等）, kept apart from the address it follows
  std::string phone;
  std::string fax;
  std::string url;
  std::string corporation;    // 法人の名称
  std::optional<LonLat> location;  // nullopt = unlocated (still listed in the booklet)
  LocationSource location_source = LocationSource::none;  // where `location` comes from
  AddressMatch address_match;      // what the address matched in the 位置参照情報 (if read)
  WeeklySchedule availability;
  std::string availability_note;   // 利用可能曜日特記事項 / その他の休診日, line breaks as '\n'
  Flag home_visit;                 // 訪問診療・往診 / visits homes
  Flag support_24h;                // answers and visits 24 hours
  std::string support_24h_hint;    // open-data text that promises 24-hour response
  std::optional<int> doctors;
  std::optional<int> capacity;     // 定員 / beds
  SurveyAnswers survey;

  bool located() const { return location.has_value(); }
  // The address with its 方書 (for the booklet): 住所 + " " + 方書 unless 住所 already ends with it.
  std::string postal_address() const;
  friend bool operator==(const Facility&, const Facility&) = default;
};

// Adds how `f` was located (its location_source and address_match) to `c`.
void count_location(LocationCounts& c, const Facility& f);

}  // namespace careatlas
