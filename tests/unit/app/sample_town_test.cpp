// The README's main job on sample_data/misaki: every file accounted for, and every
// planted defect (sample_data/misaki/README.md) reported with the right code.
#include <gtest/gtest.h>

#include <map>

#include "careatlas/app/import_job.hpp"
#include "careatlas/project/project_file.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {
const app::ImportOutcome& sample() {
  static const app::ImportOutcome out = [] {
    const auto cfg = project::load_project(std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki/project.toml");
    app::ImportOptions opt;
    opt.inputs = cfg.inputs;
    opt.title = cfg.title;
    DiagnosticCollector sink;
    return app::run_import(opt, sink);
  }();
  return out;
}

std::size_t count(const std::string& code, const std::string& file_suffix = "") {
  std::size_t n = 0;
  for (const auto& d : sample().registry.diagnostics)
    if (to_string(d.code) == code && d.file.ends_with(file_suffix)) ++n;
  return n;
}
}  // namespace

TEST(SampleTown, EveryFileAddsUp) {
  const Registry& r = sample().registry;
  EXPECT_GE(r.files.size(), 13u);
  for (const auto& f : r.files) {
    EXPECT_TRUE(f.balanced()) << f.file;
    EXPECT_GT(f.rows_read, 0) << f.file;
  }
}

TEST(SampleTown, PlantedDefectsAreReported) {
  EXPECT_EQ(count("duplicate_id", "jigyosho_430.csv"), 1u);
  EXPECT_EQ(count("coordinates_zero", "jigyosho_430.csv"), 1u);
  EXPECT_EQ(count("coordinates_zero", "02-1_clinic_facility_info_20260401.csv"), 1u);
  EXPECT_EQ(count("coordinates_swapped", "jigyosho_430.csv"), 1u);
  EXPECT_EQ(count("not_cp932", "jigyosho_430.csv"), 1u);
  EXPECT_EQ(count("outside_own_municipality", "jigyosho_130.csv"), 1u);
  EXPECT_EQ(count("outside_own_municipality"), 1u);
  EXPECT_EQ(count("hours_placeholder"), 1u);
  EXPECT_EQ(count("hours_overnight"), 1u);
  EXPECT_EQ(count("hours_flag_conflict"), 1u);
  EXPECT_EQ(count("hours_orphan"), 2u);  // one unknown ID, two department rows
  EXPECT_EQ(count("district_unassigned"), 1u);
  EXPECT_EQ(count("survey_unmatched"), 2u);
  EXPECT_EQ(count("survey_value_invalid"), 2u);
  EXPECT_EQ(count("survey_matched_by_name"), 5u);
  EXPECT_EQ(count("population_suppressed"), 5u);
}

TEST(SampleTown, RegistryContents) {
  const Registry& r = sample().registry;
  std::map<FacilityKind, int> kinds;
  std::size_t clinics = 0, answered = 0, hv = 0, hv24 = 0;
  for (const auto& f : r.facilities) {
    ++kinds[f.kind];
    if (f.kind != FacilityKind::clinic) continue;
    ++clinics;
    answered += f.survey.answered ? 1 : 0;
    if (f.home_visit.value == true) {
      ++hv;
      hv24 += f.support_24h.value == true ? 1 : 0;
    }
  }
  EXPECT_GE(kinds[FacilityKind::clinic], 70);
  EXPECT_GE(kinds[FacilityKind::hospital], 4);
  EXPECT_GE(kinds[FacilityKind::home_nursing], 10);
  EXPECT_GE(kinds[FacilityKind::care_management], 30);
  EXPECT_GE(kinds[FacilityKind::community_support_center], 5);
  EXPECT_GE(kinds[FacilityKind::regular_visit_24h], 1);
  EXPECT_GT(answered * 10, clinics * 8) << "the survey covers most clinics";
  EXPECT_GE(hv, 10u);
  EXPECT_LT(hv24, hv) << "cover is uneven: not every home-visit clinic answers at night";
  std::size_t areas = 0;
  for (const auto& d : r.districts) areas += d.level == DistrictLevel::daily_life_area ? 1 : 0;
  EXPECT_EQ(areas, 6u);
  bool has2040 = false;
  for (const auto& c : r.population) has2040 = has2040 || c.year == 2040;
  EXPECT_TRUE(has2040);
  EXPECT_EQ(sample().municipality_check.outside, 1u);
}
