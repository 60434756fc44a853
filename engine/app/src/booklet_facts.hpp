#pragma once
// What both the booklet's filters (booklet_plan.cpp) and its entries (booklet_entry.cpp)
// ask of a facility.
#include "careatlas/model/facility.hpp"

namespace careatlas::app::detail {

// The kinds the medical association's survey asks (and whose hours are 診療時間).
inline bool is_medical(FacilityKind k) {
  return k == FacilityKind::clinic || k == FacilityKind::hospital || k == FacilityKind::dental_clinic;
}

inline bool has_caremanager_time(const SurveyAnswers& s) {
  return !s.caremanager_slots.empty() || !s.caremanager_time_text.empty();
}

inline bool has_caremanager_contact(const SurveyAnswers& s) {
  return has_caremanager_time(s) || (s.contact_methods && *s.contact_methods != 0);
}

}  // namespace careatlas::app::detail
