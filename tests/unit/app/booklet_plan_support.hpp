#pragma once
// What the booklet plan, filter and entry tests share: the sample town's plan, a facility
// by name, an entry's fields by label, the ICU comparison and the checks every plan passes.
#include <gtest/gtest.h>
#include <unicode/ucol.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

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

// ICU itself, to check the plan against: ucol_open("ja"), tertiary strength.
inline int icu_compare(const std::string& a, const std::string& b) {
  static UCollator* const coll = [] {
    UErrorCode st = U_ZERO_ERROR;
    UCollator* c = ucol_open("ja", &st);
    EXPECT_FALSE(U_FAILURE(st)) << u_errorName(st);
    ucol_setStrength(c, UCOL_TERTIARY);
    return c;
  }();
  UErrorCode st = U_ZERO_ERROR;
  const UCollationResult r = ucol_strcollUTF8(coll, a.data(), static_cast<int32_t>(a.size()), b.data(),
                                              static_cast<int32_t>(b.size()), &st);
  EXPECT_FALSE(U_FAILURE(st));
  return r;
}
// The kinds [booklet.filter] applies to by default: the ones the survey asks.
inline bool is_medical_kind(FacilityKind k) {
  return k == FacilityKind::clinic || k == FacilityKind::hospital || k == FacilityKind::dental_clinic;
}
inline bool has_caremanager_contact(const Facility& f) {
  const SurveyAnswers& s = f.survey;
  return !s.caremanager_slots.empty() || !s.caremanager_time_text.empty() || (s.contact_methods && *s.contact_methods != 0);
}
// Registry indices in print order, section by section, group by group.
inline std::vector<std::size_t> print_order(const app::BookletPlan& plan) {
  std::vector<std::size_t> v;
  for (const auto& s : plan.sections)
    for (const auto& g : s.groups) v.insert(v.end(), g.facilities.begin(), g.facilities.end());
  return v;
}
// The checks every plan must pass: counts add up, each listed facility once, numbers
// 1..N in print order, groups in the kinds' order, entries and index in ICU order.
inline void expect_consistent(const Registry& reg, const app::BookletPlan& plan, const std::vector<FacilityKind>& kinds) {
  ASSERT_EQ(plan.numbers.size(), reg.facilities.size());
  EXPECT_EQ(plan.listed.size() + plan.left_out_kind + plan.left_out_filter, reg.facilities.size());
  EXPECT_EQ(print_order(plan), plan.listed);
  EXPECT_EQ(plan.areas.size(), plan.listed.size());
  std::set<std::size_t> seen(plan.listed.begin(), plan.listed.end());
  EXPECT_EQ(seen.size(), plan.listed.size()) << "a facility is listed twice";
  for (std::size_t n = 0; n < plan.listed.size(); ++n) EXPECT_EQ(plan.numbers[plan.listed[n]], static_cast<int>(n + 1));
  std::size_t numbered = 0;
  for (int n : plan.numbers) numbered += n != 0 ? 1 : 0;
  EXPECT_EQ(numbered, plan.listed.size()) << "facilities not listed have number 0";
  for (const auto& s : plan.sections) {
    for (std::size_t k = 0; k < s.groups.size(); ++k) {
      const auto& g = s.groups[k];
      EXPECT_FALSE(g.facilities.empty()) << s.title;
      const auto pos = std::find(kinds.begin(), kinds.end(), g.kind) - kinds.begin();
      EXPECT_LT(pos, static_cast<std::ptrdiff_t>(kinds.size())) << "group of a kind not asked for";
      if (k > 0) {
        const auto prev = std::find(kinds.begin(), kinds.end(), s.groups[k - 1].kind) - kinds.begin();
        EXPECT_LT(prev, pos) << s.title << ": groups follow the kinds' order";
      }
      for (std::size_t i : g.facilities) EXPECT_EQ(reg.facilities[i].kind, g.kind);
      for (std::size_t e = 1; e < g.facilities.size(); ++e) {
        const Facility& a = reg.facilities[g.facilities[e - 1]];
        const Facility& b = reg.facilities[g.facilities[e]];
        const int c = icu_compare(app::booklet_reading(a), app::booklet_reading(b));
        EXPECT_TRUE(c < 0 || (c == 0 && a.facility_id < b.facility_id))
            << app::booklet_reading(a) << " / " << app::booklet_reading(b);
      }
    }
  }
  // The index: every listed facility, by ICU collation of the reading, then by number.
  ASSERT_EQ(plan.index.size(), plan.listed.size());
  std::vector<std::size_t> expected = plan.listed;
  std::sort(expected.begin(), expected.end(), [&](std::size_t a, std::size_t b) {
    const int c = icu_compare(app::booklet_reading(reg.facilities[a]), app::booklet_reading(reg.facilities[b]));
    return c != 0 ? c < 0 : plan.numbers[a] < plan.numbers[b];
  });
  EXPECT_EQ(plan.index, expected);
}

}  // namespace careatlas::testing
