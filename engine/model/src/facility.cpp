#include "careatlas/model/facility.hpp"

#include <array>

namespace careatlas {

namespace {
struct KindRow {
  FacilityKind kind;
  std::string_view name;
  std::string_view label;
};
using enum FacilityKind;
constexpr std::array kKinds = {
    KindRow{clinic, "clinic", "診療所"},
    KindRow{hospital, "hospital", "病院"},
    KindRow{dental_clinic, "dental_clinic", "歯科診療所"},
    KindRow{home_nursing, "home_nursing", "訪問看護ステーション"},
    KindRow{care_management, "care_management", "居宅介護支援事業所"},
    KindRow{community_support_center, "community_support_center", "地域包括支援センター"},
    KindRow{home_help, "home_help", "訪問介護"},
    KindRow{home_bathing, "home_bathing", "訪問入浴介護"},
    KindRow{home_rehabilitation, "home_rehabilitation", "訪問リハビリテーション"},
    KindRow{day_service, "day_service", "通所介護"},
    KindRow{day_rehabilitation, "day_rehabilitation", "通所リハビリテーション"},
    KindRow{welfare_equipment, "welfare_equipment", "福祉用具貸与"},
    KindRow{short_stay, "short_stay", "短期入所"},
    KindRow{dementia_group_home, "dementia_group_home", "認知症対応型共同生活介護"},
    KindRow{nursing_home, "nursing_home", "介護老人福祉施設"},
    KindRow{geriatric_health_facility, "geriatric_health_facility", "介護老人保健施設"},
    KindRow{care_medical_facility, "care_medical_facility", "介護医療院"},
    KindRow{night_home_help, "night_home_help", "夜間対応型訪問介護"},
    KindRow{small_multifunctional, "small_multifunctional", "小規模多機能型居宅介護"},
    KindRow{regular_visit_24h, "regular_visit_24h", "定期巡回・随時対応型訪問介護看護"},
    KindRow{nursing_small_multifunctional, "nursing_small_multifunctional", "看護小規模多機能型居宅介護"},
    KindRow{welfare_facility, "welfare_facility", "福祉施設"},
    KindRow{other_care_service, "other_care_service", "その他の介護サービス"},
};

const KindRow& row_of(FacilityKind k) {
  for (const auto& r : kKinds)
    if (r.kind == k) return r;
  return kKinds.back();
}
}  // namespace

std::string_view to_string(FacilityKind k) { return row_of(k).name; }
std::string_view japanese_label(FacilityKind k) { return row_of(k).label; }

std::optional<FacilityKind> facility_kind_from_string(std::string_view s) {
  for (const auto& r : kKinds)
    if (r.name == s) return r.kind;
  return std::nullopt;
}

std::vector<FacilityKind> all_facility_kinds() {
  std::vector<FacilityKind> v;
  for (const auto& r : kKinds) v.push_back(r.kind);
  return v;
}

FacilityKind kind_from_care_service_code(int code) {
  switch (code) {
    case 110: return home_help;
    case 120: return home_bathing;
    case 130: return home_nursing;
    case 140: return home_rehabilitation;
    case 150: case 780: return day_service;
    case 160: return day_rehabilitation;
    case 170: return welfare_equipment;
    case 210: case 220: case 230: return short_stay;
    case 320: return dementia_group_home;
    case 430: return care_management;
    case 510: case 540: return nursing_home;
    case 520: return geriatric_health_facility;
    case 550: return care_medical_facility;
    case 710: return night_home_help;
    case 730: return small_multifunctional;
    case 760: return regular_visit_24h;
    case 770: return nursing_small_multifunctional;
    default: return other_care_service;
  }
}

bool is_24h_care_service_code(int code) { return code == 760 || code == 710 || code == 770; }

std::string contact_methods_japanese(std::uint8_t m) {
  std::string s;
  auto add = [&s](const char* t) {
    if (!s.empty()) s += "・";
    s += t;
  };
  if (m & kContactPhone) add("電話");
  if (m & kContactFax) add("FAX");
  if (m & kContactVisit) add("訪問");
  if (m & kContactEmail) add("メール");
  return s;
}

std::string Facility::postal_address() const {
  if (address_building.empty() || address.ends_with(address_building)) return address;
  return address.empty() ? address_building : address + " " + address_building;
}

void count_location(LocationCounts& c, const Facility& f) {
  const AddressMatch& m = f.address_match;
  if (by_address(f.location_source) && m.level) ++c.by_address[static_cast<std::size_t>(*m.level)];
  else if (f.located()) ++c.published;
  else ++c.unlocated;
  if (m.distance_m) ++c.checked;
  if (m.suspect) ++c.suspect;
  if (m.replaced) ++c.replaced;
}

}  // namespace careatlas
