// The registry's facilities layer: its fields and the feature of a Facility, both ways
// (registry_store.cpp writes and reads the layer through these). GDAL module only.
#include "registry_facilities.hpp"

#include <cstdio>
#include <array>
#include <stdexcept>

#include "gdal_util.hpp"
#include "registry_fields.hpp"

namespace careatlas::registry_facilities {

using namespace registry_fields;

namespace {

// ---- encodings of structured fields -----------------------------------------------------
std::string detail_name(WeeklySchedule::Detail d) {
  switch (d) {
    case WeeklySchedule::Detail::unknown: return "unknown";
    case WeeklySchedule::Detail::days_only: return "days_only";
    case WeeklySchedule::Detail::hourly: return "hourly";
  }
  return "unknown";
}
WeeklySchedule::Detail detail_from(const std::string& s) {
  if (s == "days_only") return WeeklySchedule::Detail::days_only;
  if (s == "hourly") return WeeklySchedule::Detail::hourly;
  return WeeklySchedule::Detail::unknown;
}
// "days:start-end;…" with days as the 7-bit mask (bit 0 = Monday), minutes since 00:00.
std::string encode_slots(const std::vector<CareManagerSlot>& slots) {
  std::string s;
  for (const auto& sl : slots) {
    if (!s.empty()) s += ';';
    s += std::to_string(sl.days.bits()) + ":" + std::to_string(sl.band.start_min) + "-" + std::to_string(sl.band.end_min);
  }
  return s;
}
std::vector<CareManagerSlot> decode_slots(const std::string& s) {
  std::vector<CareManagerSlot> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = s.find(';', pos);
    if (end == std::string::npos) end = s.size();
    const std::string part = s.substr(pos, end - pos);
    unsigned bits = 0;
    int a = 0, b = 0;
    if (std::sscanf(part.c_str(), "%u:%d-%d", &bits, &a, &b) == 3)
      out.push_back({DaySet::from_bits(static_cast<std::uint8_t>(bits)), {a, b}});
    pos = end + 1;
  }
  return out;
}

struct TextField {
  const char* column;
  std::string Facility::*member;
};
constexpr TextField kTextFields[] = {
    {"facility_id", &Facility::facility_id},
    {"source_id", &Facility::source_id},
    {"source_file", &Facility::source_file},
    {"name", &Facility::name},
    {"short_name", &Facility::short_name},
    {"kana", &Facility::kana},
    {"service_code", &Facility::service_code},
    {"municipality_code", &Facility::municipality_code},
    {"address", &Facility::address},
    {"address_building", &Facility::address_building},
    {"phone", &Facility::phone},
    {"fax", &Facility::fax},
    {"url", &Facility::url},
    {"corporation", &Facility::corporation},
    {"availability_note", &Facility::availability_note},
    {"support_24h_hint", &Facility::support_24h_hint},
};
struct SurveyTextField {
  const char* column;
  std::string SurveyAnswers::*member;
};
constexpr SurveyTextField kSurveyTextFields[] = {
    {"survey_source", &SurveyAnswers::source},
    {"caremanager_time", &SurveyAnswers::caremanager_time_text},
    {"contact_person", &SurveyAnswers::contact_person},
    {"appointment_note", &SurveyAnswers::appointment_note},
    {"survey_notes", &SurveyAnswers::notes},
};

// The facility into a feature of the facilities layer (fields and point).

}  // namespace

OGRLayer* create_facilities_layer(GDALDataset& ds, OGRSpatialReference& srs) {
  OGRLayer* l = ds.CreateLayer("facilities", &srs, wkbPoint, nullptr);
  if (!l) throw std::runtime_error("cannot create layer facilities");
  create_fields(l, {{"facility_id", F::str}, {"source_id", F::str}, {"source_file", F::str}, {"source_row", F::i64},
                    {"name", F::str}, {"short_name", F::str}, {"kana", F::str}, {"kind", F::str}, {"kind_ja", F::str}, {"service_code", F::str},
                    {"municipality_code", F::str}, {"address", F::str}, {"phone", F::str}, {"fax", F::str},
                    {"url", F::str}, {"corporation", F::str}, {"located", F::boolean}, {"availability_detail", F::str},
                    {"open_days", F::i32}, {"hours_of_week", F::str}, {"holiday_hours", F::str},
                    {"holidays_open", F::boolean},
                    {"availability_text", F::str}, {"availability_note", F::str}, {"home_visit", F::boolean},
                    {"home_visit_source", F::str}, {"support_24h", F::boolean}, {"support_24h_source", F::str},
                    {"support_24h_hint", F::str}, {"doctors", F::i32}, {"capacity", F::i32},
                    {"survey_answered", F::boolean}, {"survey_source", F::str}, {"caremanager_slots", F::str},
                    {"caremanager_time", F::str}, {"contact_person", F::str}, {"contact_methods", F::i32},
                    {"appointment_required", F::boolean}, {"appointment_days_ahead", F::i32},
                    {"appointment_note", F::str}, {"discharge_conference", F::boolean},
                    {"functional_enhanced", F::boolean}, {"survey_notes", F::str}, {"address_building", F::str},
                    {"location_source", F::str}, {"address_level", F::str}, {"address_matched", F::str},
                    {"address_lat", F::real}, {"address_lon", F::real}, {"address_distance_m", F::real}, {"location_suspect", F::boolean}, {"location_replaced", F::boolean}});
  return l;
}

// The text fields that are a member as they are, both ways.

void to_feature(OGRFeature& ft, const Facility& f) {
  for (const auto& [column, member] : kTextFields) set_str(ft, column, f.*member);
  for (const auto& [column, member] : kSurveyTextFields) set_str(ft, column, f.survey.*member);
  ft.SetField("source_row", static_cast<GIntBig>(f.source_row));
  set_str(ft, "kind", std::string(to_string(f.kind)));
  set_str(ft, "kind_ja", std::string(japanese_label(f.kind)));
  ft.SetField("located", f.located() ? 1 : 0);
  set_str(ft, "availability_detail", detail_name(f.availability.detail));
  ft.SetField("open_days", static_cast<int>(f.availability.open_days.bits()));
  // Hour masks as std::bitset text, highest slot first: hours_of_week 168 characters
  // (Sunday 23:00 … Monday 00:00), holiday_hours 24 (祝日 23:00 … 00:00).
  set_str(ft, "hours_of_week", f.availability.hours.to_string());
  set_str(ft, "holiday_hours", f.availability.holiday_hours.to_string());
  set_opt_bool(ft, "holidays_open", f.availability.holidays_open);
  set_str(ft, "availability_text", f.availability.text);
  set_opt_bool(ft, "home_visit", f.home_visit.value);
  set_str(ft, "home_visit_source", f.home_visit.source);
  set_opt_bool(ft, "support_24h", f.support_24h.value);
  set_str(ft, "support_24h_source", f.support_24h.source);
  set_opt_int(ft, "doctors", f.doctors);
  set_opt_int(ft, "capacity", f.capacity);
  const SurveyAnswers& s = f.survey;
  ft.SetField("survey_answered", s.answered ? 1 : 0);
  set_str(ft, "caremanager_slots", encode_slots(s.caremanager_slots));
  set_opt_int(ft, "contact_methods",
              s.contact_methods ? std::optional<int>(*s.contact_methods) : std::nullopt);
  set_opt_bool(ft, "appointment_required", s.appointment_required);
  set_opt_int(ft, "appointment_days_ahead", s.appointment_days_ahead);
  set_opt_bool(ft, "discharge_conference", s.discharge_conference);
  set_opt_bool(ft, "functional_enhanced", s.functional_enhanced);
  set_str(ft, "location_source", std::string(to_string(f.location_source)));
  const AddressMatch& m = f.address_match;
  set_str(ft, "address_level", m.level ? std::string(to_string(*m.level)) : "");
  set_str(ft, "address_matched", m.text);
  set_opt_real(ft, "address_lat", m.level ? std::optional<double>(m.point.lat) : std::nullopt);
  set_opt_real(ft, "address_lon", m.level ? std::optional<double>(m.point.lon) : std::nullopt);
  set_opt_real(ft, "address_distance_m", m.distance_m);
  ft.SetField("location_suspect", m.suspect ? 1 : 0);
  ft.SetField("location_replaced", m.replaced ? 1 : 0);
  OGRPoint pt;  // empty point for unlocated facilities
  if (f.location) pt = OGRPoint(f.location->lon, f.location->lat);
  ft.SetGeometry(&pt);
}

// A feature of the facilities layer back into the facility.
Facility from_feature(OGRFeature& ft) {
  Facility f;
  for (const auto& [column, member] : kTextFields) f.*member = get_str(ft, column);
  for (const auto& [column, member] : kSurveyTextFields) f.survey.*member = get_str(ft, column);
  f.source_row = get_i64(ft, "source_row");
  f.kind = facility_kind_from_string(get_str(ft, "kind")).value_or(FacilityKind::other_care_service);
  if (const OGRGeometry* g = ft.GetGeometryRef(); g && !g->IsEmpty() && get_opt_bool(ft, "located").value_or(false)) {
    const OGRPoint* p = g->toPoint();
    f.location = LonLat{p->getX(), p->getY()};
  }
  // Older registries have no location columns: a point there is the published one.
  const std::string source = get_str(ft, "location_source");
  f.location_source = location_source_from_string(source).value_or(LocationSource::none);
  if (source.empty() && ft.GetFieldIndex("location_source") < 0 && f.location) f.location_source = LocationSource::published;
  AddressMatch& match = f.address_match;
  match.level = address_level_from_string(get_str(ft, "address_level"));
  match.text = get_str(ft, "address_matched");
  match.distance_m = get_opt_real(ft, "address_distance_m");
  match.suspect = get_opt_bool(ft, "location_suspect").value_or(false);
  match.replaced = get_opt_bool(ft, "location_replaced").value_or(false);
  match.point = {get_opt_real(ft, "address_lon").value_or(0), get_opt_real(ft, "address_lat").value_or(0)};
  f.availability.detail = detail_from(get_str(ft, "availability_detail"));
  f.availability.open_days = DaySet::from_bits(static_cast<std::uint8_t>(get_opt_int(ft, "open_days").value_or(0)));
  if (const std::string h = get_str(ft, "hours_of_week"); h.size() == kHoursPerWeek)
    f.availability.hours = std::bitset<kHoursPerWeek>(h);
  if (const std::string h = get_str(ft, "holiday_hours"); h.size() == 24)  // older registries: no column
    f.availability.holiday_hours = std::bitset<24>(h);
  f.availability.holidays_open = get_opt_bool(ft, "holidays_open");
  f.availability.text = get_str(ft, "availability_text");
  f.home_visit = {get_opt_bool(ft, "home_visit"), get_str(ft, "home_visit_source")};
  f.support_24h = {get_opt_bool(ft, "support_24h"), get_str(ft, "support_24h_source")};
  f.doctors = get_opt_int(ft, "doctors");
  f.capacity = get_opt_int(ft, "capacity");
  SurveyAnswers& s = f.survey;
  s.answered = get_opt_bool(ft, "survey_answered").value_or(false);
  s.caremanager_slots = decode_slots(get_str(ft, "caremanager_slots"));
  if (auto m = get_opt_int(ft, "contact_methods")) s.contact_methods = static_cast<std::uint8_t>(*m);
  s.appointment_required = get_opt_bool(ft, "appointment_required");
  s.appointment_days_ahead = get_opt_int(ft, "appointment_days_ahead");
  s.discharge_conference = get_opt_bool(ft, "discharge_conference");
  s.functional_enhanced = get_opt_bool(ft, "functional_enhanced");
  return f;
}

}  // namespace careatlas::registry_facilities
