// careatlas run as a job (issue 15): app::run_project makes what the user's files allow —
// without population cells the registry, the resource map, the atlas and the booklet,
// with a one-line note of what needs population — and only a project without any
// facility is an error.
#include <gtest/gtest.h>

#include <filesystem>

#include "careatlas/app/run_job.hpp"
#include "careatlas/model/config_error.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {

// A project of the national fixtures (tests/fixtures/national) with `extra` TOML appended.
project::ProjectConfig national_project(const std::string& dir, const std::string& project_table,
                                        const std::string& extra) {
  const std::string n = fixture("national");
  write_file(dir + "/p.toml", "[project]\ntitle = \"枚方市 試行\"\nmunicipality = \"枚方市\"\n" + project_table +
                                  "\n[[facilities]]\npath = \"" + n + "/jigyosho_760.csv\"\n" + extra);
  return project::load_project(dir + "/p.toml");
}

struct Recorder final : app::RunObserver {
  std::vector<std::string> steps, notes;
  void imported(const app::ImportOutcome&) override { steps.push_back("imported"); }
  void analysed(const app::AnalyzeOutcome&) override { steps.push_back("analysed"); }
  void mapped(const app::MapOutcome&) override { steps.push_back("mapped"); }
  void booklet_printed(const app::BookletOutcome&) override { steps.push_back("booklet"); }
  void note(const std::string& line) override { notes.push_back(line); }
};

}  // namespace

TEST(RunProject, WithoutPopulationWritesTheRegistryTheMapsThatNeedNoneAndTheBooklet) {
  const std::string dir = scratch_dir("run_no_population");
  const auto cfg = national_project(dir, "municipality_code = \"27210\"",
                                    "[[districts]]\npath = \"" + fixture("national/N03-24_27-28_240101.geojson") + "\"\n");
  Recorder rec;
  app::RunOptions opt;
  opt.out = dir + "/out";
  opt.production_date = "2026-12-07";
  opt.observer = &rec;
  DiagnosticCollector sink;
  const app::RunOutcome res = app::run_project(cfg, opt, sink);
  EXPECT_FALSE(res.analysis);
  EXPECT_EQ(rec.steps, (std::vector<std::string>{"imported", "mapped", "booklet"}));
  ASSERT_EQ(rec.notes.size(), 1u);
  EXPECT_NE(rec.notes[0].find("no population cells"), std::string::npos) << rec.notes[0];
  EXPECT_NE(rec.notes[0].find("[[population]]"), std::string::npos) << rec.notes[0];
  for (const char* f : {"registry.gpkg", "import_report.csv", "maps/resource_map.pdf", "maps/district_atlas.pdf",
                        "booklet/booklet.pdf", "booklet/booklet.csv"})
    EXPECT_TRUE(fs::exists(dir + "/out/" + f)) << f;
  EXPECT_FALSE(fs::exists(dir + "/out/analysis"));
  EXPECT_FALSE(fs::exists(dir + "/out/maps/coverage_map_home_visit_clinics.pdf"));
  EXPECT_EQ(res.maps.written.size(), 2u);
}

TEST(RunProject, WithoutDistrictsWritesTheRegistryAndTheBooklet) {
  const std::string dir = scratch_dir("run_no_districts");
  const auto cfg = national_project(dir, "municipality_code = \"27210\"", "");
  app::RunOptions opt;
  opt.out = dir + "/out";
  opt.production_date = "2026-12-07";
  DiagnosticCollector sink;
  const app::RunOutcome res = app::run_project(cfg, opt, sink);
  EXPECT_FALSE(res.analysis);
  EXPECT_EQ(res.import.registry.facilities.size(), 3u);  // 枚方's rows, kept by code
  EXPECT_TRUE(fs::exists(dir + "/out/registry.gpkg"));
  EXPECT_TRUE(fs::exists(dir + "/out/booklet/booklet.pdf"));
  EXPECT_EQ(res.booklet.plan.listed.size(), 3u);
  // Three notes: the area is known by its code only, the analysis needs population, the
  // booklet is grouped by kind.
  ASSERT_EQ(res.notes.size(), 3u);
  EXPECT_NE(res.notes[0].find("no boundary of the project area 27210"), std::string::npos) << res.notes[0];
  EXPECT_NE(res.notes[1].find("no population cells"), std::string::npos) << res.notes[1];
  EXPECT_NE(res.notes[2].find("grouped by kind"), std::string::npos) << res.notes[2];
}

TEST(RunProject, AProjectWithoutAnyFacilityIsAnError) {
  const std::string dir = scratch_dir("run_no_facility");
  // 寝屋川市 with no margin: every row of the file lies elsewhere.
  const auto cfg = national_project(dir, "area = [\"27215\"]\nreach_margin_m = 0",
                                    "[[districts]]\npath = \"" + fixture("national/N03-24_27-28_240101.geojson") + "\"\n");
  app::RunOptions opt;
  opt.out = dir + "/out";
  DiagnosticCollector sink;
  try {
    app::run_project(cfg, opt, sink);
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("no facility was imported (10 facility rows read, 1 rejected, 9 skipped"),
              std::string::npos)
        << e.what();
  }
}
