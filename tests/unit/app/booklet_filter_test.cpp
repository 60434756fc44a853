// The contact booklet's filters ([booklet.filter]) on the sample town: which facilities
// are listed, the kinds the filters apply to, and that every filtered plan still holds
// together (counts, numbers, order).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "careatlas/app/booklet_plan.hpp"
#include "careatlas/project/project_file.hpp"
#include "booklet_plan_support.hpp"
#include "sample_town.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

TEST(BookletPlan, FiltersListOnlyWhatTheyAskFor) {
  // By default the filters apply to the medical kinds (the ones the survey asks): every
  // other facility passes them.
  const Registry& reg = sample_registry();
  const std::vector<FacilityKind> all = all_facility_kinds();
  auto plan_with = [&](auto set) {
    project::ProjectConfig p = sample_project();
    set(p.booklet);
    return app::plan_booklet(reg, p);
  };
  auto listed = [&](const app::BookletPlan& plan) {
    std::set<std::size_t> s(plan.listed.begin(), plan.listed.end());
    return s;
  };
  {
    const auto plan = plan_with([](project::BookletSettings& b) { b.only_caremanager_contact = true; });
    expect_consistent(reg, plan, all);
    const auto in = listed(plan);
    std::size_t contacts = 0, medical = 0;
    for (std::size_t i = 0; i < reg.facilities.size(); ++i) {
      const Facility& f = reg.facilities[i];
      const bool contact = has_caremanager_contact(f);
      EXPECT_EQ(in.count(i) == 1, contact || !is_medical_kind(f.kind)) << f.name;
      contacts += contact && is_medical_kind(f.kind) ? 1 : 0;
      medical += is_medical_kind(f.kind) ? 1 : 0;
    }
    EXPECT_GT(contacts, 50u);
    EXPECT_EQ(plan.left_out_filter, medical - contacts);
    EXPECT_EQ(plan.listed.size(), reg.facilities.size() - plan.left_out_filter);
    // 杉浦内科クリニック gives no ケアマネタイム but a contact method (FAX・訪問): listed.
    EXPECT_TRUE(in.count(index_of(reg, "杉浦内科クリニック")));
    EXPECT_TRUE(reg.facilities[index_of(reg, "杉浦内科クリニック")].survey.caremanager_slots.empty());
    EXPECT_FALSE(in.count(index_of(reg, "伊藤医院"))) << "not surveyed";
  }
  for (const bool want : {true, false}) {
    const auto hv = plan_with([&](project::BookletSettings& b) { b.home_visit = want; });
    const auto h24 = plan_with([&](project::BookletSettings& b) { b.support_24h = want; });
    expect_consistent(reg, hv, all);
    expect_consistent(reg, h24, all);
    const auto in_hv = listed(hv), in_24 = listed(h24);
    std::size_t hv_medical = 0, h24_medical = 0;
    for (std::size_t i = 0; i < reg.facilities.size(); ++i) {
      const Facility& f = reg.facilities[i];
      const bool filtered = is_medical_kind(f.kind);
      // An unknown flag fails both true and false.
      EXPECT_EQ(in_hv.count(i) == 1, !filtered || f.home_visit.value == want) << f.name;
      EXPECT_EQ(in_24.count(i) == 1, !filtered || f.support_24h.value == want) << f.name;
      hv_medical += filtered && in_hv.count(i) ? 1 : 0;
      h24_medical += filtered && in_24.count(i) ? 1 : 0;
    }
    EXPECT_GT(hv_medical, 0u);
    EXPECT_GT(h24_medical, 0u);
    EXPECT_GT(hv.left_out_filter, 0u);
    EXPECT_GT(h24.left_out_filter, 0u);
  }
  {
    const auto plan = plan_with([](project::BookletSettings& b) { b.only_survey_answered = true; });
    expect_consistent(reg, plan, all);
    const auto in = listed(plan);
    std::size_t answered = 0;
    for (std::size_t i = 0; i < reg.facilities.size(); ++i) {
      const Facility& f = reg.facilities[i];
      EXPECT_EQ(in.count(i) == 1, f.survey.answered || !is_medical_kind(f.kind)) << f.name;
      answered += f.survey.answered ? 1 : 0;
    }
    EXPECT_EQ(answered, 65u) << "sample_data/misaki/README.md: 65 survey rows belong to facilities";
  }
  {
    // Filters combine (all must hold), and count once per facility.
    const auto plan = plan_with([](project::BookletSettings& b) {
      b.kinds = {FacilityKind::clinic};
      b.home_visit = true;
      b.support_24h = true;
    });
    expect_consistent(reg, plan, {FacilityKind::clinic});
    for (std::size_t i : plan.listed) {
      EXPECT_EQ(reg.facilities[i].home_visit.value, true);
      EXPECT_EQ(reg.facilities[i].support_24h.value, true);
    }
    std::size_t clinics = 0;
    for (const auto& f : reg.facilities) clinics += f.kind == FacilityKind::clinic ? 1 : 0;
    EXPECT_EQ(plan.left_out_kind, reg.facilities.size() - clinics);
    EXPECT_EQ(plan.left_out_filter, clinics - plan.listed.size());
    EXPECT_GE(plan.listed.size(), 3u);
  }
  {
    // Every 圏域 section is kept, even one the filter empties: only the hospitals surveyed.
    const auto plan = plan_with([](project::BookletSettings& b) {
      b.kinds = {FacilityKind::hospital};
      b.only_survey_answered = true;
    });
    expect_consistent(reg, plan, {FacilityKind::hospital});
    EXPECT_FALSE(plan.listed.empty());
    for (std::size_t i : plan.listed) EXPECT_TRUE(reg.facilities[i].survey.answered) << reg.facilities[i].name;
    ASSERT_GE(plan.sections.size(), 6u);
    std::size_t empty = 0;
    for (std::size_t s = 0; s < 6; ++s) {
      EXPECT_NE(plan.sections[s].district, nullptr);
      empty += plan.sections[s].groups.empty() ? 1 : 0;
    }
    EXPECT_GT(empty, 0u);
  }
}

// 「Only the clinics that take care managers' calls, plus every nursing station and care
// office」: caremanager_contact with the default filter kinds.
TEST(BookletPlan, FilterWithDefaultKindsKeepsEveryCareOffice) {
  const Registry& reg = sample_registry();
  project::ProjectConfig p = sample_project();
  p.booklet.kinds = {FacilityKind::clinic, FacilityKind::home_nursing, FacilityKind::care_management};
  p.booklet.only_caremanager_contact = true;
  const app::BookletPlan plan = app::plan_booklet(reg, p);
  expect_consistent(reg, plan, p.booklet.kinds);
  const std::set<std::size_t> in(plan.listed.begin(), plan.listed.end());
  std::size_t clinics = 0, clinics_in = 0, offices = 0, others = 0;
  for (std::size_t i = 0; i < reg.facilities.size(); ++i) {
    const Facility& f = reg.facilities[i];
    switch (f.kind) {
      case FacilityKind::clinic:
        ++clinics;
        clinics_in += in.count(i);
        EXPECT_EQ(in.count(i) == 1, has_caremanager_contact(f)) << f.name;
        break;
      case FacilityKind::home_nursing:
      case FacilityKind::care_management:
        ++offices;
        EXPECT_EQ(in.count(i), 1u) << "no survey, yet listed: " << f.name;
        break;
      default:
        ++others;
        EXPECT_EQ(in.count(i), 0u) << f.name;
    }
  }
  EXPECT_GE(offices, 40u);
  EXPECT_GT(clinics_in, 0u);
  EXPECT_LT(clinics_in, clinics) << "the filter drops some clinics";
  EXPECT_EQ(plan.listed.size(), clinics_in + offices);
  EXPECT_EQ(plan.left_out_kind, others);
  EXPECT_EQ(plan.left_out_filter, clinics - clinics_in);
  EXPECT_EQ(plan.listed.size() + plan.left_out_kind + plan.left_out_filter, reg.facilities.size());
}

// [booklet.filter] kinds: the filters apply to the kinds named, every other kind passes.
TEST(BookletPlan, FilterKindsChooseWhatTheFiltersApplyTo) {
  const Registry& reg = sample_registry();
  project::ProjectConfig p = sample_project();
  p.booklet.filter_kinds = {FacilityKind::clinic, FacilityKind::home_nursing};
  p.booklet.support_24h = true;
  const app::BookletPlan plan = app::plan_booklet(reg, p);
  expect_consistent(reg, plan, all_facility_kinds());
  const std::set<std::size_t> in(plan.listed.begin(), plan.listed.end());
  std::size_t dropped_nursing = 0, kept_hospitals_without_24h = 0, failed = 0;
  for (std::size_t i = 0; i < reg.facilities.size(); ++i) {
    const Facility& f = reg.facilities[i];
    const bool filtered = f.kind == FacilityKind::clinic || f.kind == FacilityKind::home_nursing;
    EXPECT_EQ(in.count(i) == 1, !filtered || f.support_24h.value == true) << f.name;
    failed += filtered && f.support_24h.value != true ? 1 : 0;
    dropped_nursing += f.kind == FacilityKind::home_nursing && !in.count(i) ? 1 : 0;
    kept_hospitals_without_24h += f.kind == FacilityKind::hospital && f.support_24h.value != true && in.count(i) ? 1 : 0;
  }
  EXPECT_GT(dropped_nursing, 0u) << "nursing stations are filtered once named";
  EXPECT_GT(kept_hospitals_without_24h, 0u) << "hospitals are not, once left out of the filter's kinds";
  EXPECT_EQ(plan.left_out_filter, failed);
  EXPECT_EQ(plan.left_out_kind, 0u);
  EXPECT_EQ(plan.listed.size() + plan.left_out_kind + plan.left_out_filter, reg.facilities.size());
  // A filter kind the booklet does not list: those facilities count as left out by kind.
  p.booklet.kinds = {FacilityKind::hospital, FacilityKind::care_management};
  const app::BookletPlan q = app::plan_booklet(reg, p);
  expect_consistent(reg, q, p.booklet.kinds);
  EXPECT_EQ(q.left_out_filter, 0u) << "neither listed kind is filtered";
  std::size_t wanted = 0;
  for (const Facility& f : reg.facilities)
    wanted += f.kind == FacilityKind::hospital || f.kind == FacilityKind::care_management ? 1 : 0;
  EXPECT_EQ(q.listed.size(), wanted);
  EXPECT_EQ(q.left_out_kind, reg.facilities.size() - wanted);
}
