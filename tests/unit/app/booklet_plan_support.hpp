#pragma once
// What the booklet plan and booklet entry tests share: the sample town's plan, a facility
// by name, and an entry's fields by label.
#include <optional>
#include <string>

#include "careatlas/app/booklet_plan.hpp"
#include "sample_town.hpp"

namespace careatlas::testing {

inline const app::BookletPlan& sample_plan() {
  static const app::BookletPlan plan = app::plan_booklet(sample_registry(), sample_project());
  return plan;
}

inline std::size_t index_of(const Registry& reg, const std::string& name) {
  for (std::size_t i = 0; i < reg.facilities.size(); ++i)
    if (reg.facilities[i].name == name || reg.facilities[i].name.ends_with("　" + name)) return i;
  ADD_FAILURE() << "no facility " << name;
  return 0;
}

inline const render::EntryField* field(const render::BookletEntry& e, const std::string& label) {
  for (const auto& f : e.fields)
    if (f.label == label) return &f;
  return nullptr;
}

inline std::string value(const render::BookletEntry& e, const std::string& label) {
  const render::EntryField* f = field(e, label);
  return f ? f->value : "<no field " + label + ">";
}


inline Facility facility(const std::string& id, const std::string& name, const std::string& kana, FacilityKind kind,
                  std::optional<LonLat> at) {
  Facility f;
  f.facility_id = id;
  f.name = name;
  f.kana = kana;
  f.kind = kind;
  f.location = at;
  return f;
}

}  // namespace careatlas::testing
