// The sample town's tables, byte for byte (issue 15): `careatlas run` on
// sample_data/misaki writes exactly the reviewed CSVs of tests/golden/sample_town/ — the
// ones careatlas wrote before `run` became a job and the CLI one file per subcommand, so
// that a refactor cannot change an output unseen. CAREATLAS_UPDATE_GOLDEN=1 rewrites them
// (look at the diff before committing: a changed figure is a changed result).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

#include "test_support.hpp"

using namespace careatlas::testing;
namespace fs = std::filesystem;

TEST(SampleOutputs, TheSampleTownsTablesAreByteForByteTheReviewedOnes) {
  const std::string out = scratch_dir("sample_outputs");
  // From the source folder, as the README runs it: the reports name the inputs as given.
  const std::string cmd = "cd '" + std::string(CAREATLAS_SOURCE_DIR) + "' && '" + CAREATLAS_CLI +
                          "' run -q sample_data/misaki/project.toml --out '" + out + "' --date 2026-12-07 >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd;
  const fs::path golden = fs::path(CAREATLAS_SOURCE_DIR) / "tests/golden/sample_town";
  const bool update = std::getenv("CAREATLAS_UPDATE_GOLDEN") && std::string(std::getenv("CAREATLAS_UPDATE_GOLDEN")) == "1";
  for (const char* rel : {"import_report.csv", "import_diagnostics.csv", "analysis/district_summary.csv",
                          "analysis/coverage.csv", "analysis/gaps.csv", "analysis/access.csv",
                          "analysis/analysis_parameters.csv", "booklet/booklet.csv"}) {
    const std::string got = read_file(out + "/" + rel);
    const fs::path ref = golden / fs::path(rel).filename();
    if (update) write_file(ref.string(), got);
    const std::string want = read_file(ref.string());
    ASSERT_FALSE(got.empty()) << rel;
    if (got == want) continue;
    std::size_t at = 0;
    while (at < got.size() && at < want.size() && got[at] == want[at]) ++at;
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(want.begin(), want.begin() + static_cast<std::ptrdiff_t>(std::min(at, want.size())), '\n'));
    ADD_FAILURE() << rel << " differs from " << ref << " from line " << line << " (byte " << at << ")";
  }
}

// README command 1's job on the sample town: its two facilities without coordinates are
// placed by their address (位置参照情報, 街区 level), and the run says so.
TEST(SampleOutputs, TheRunLocatesThePlantedUnlocatedFacilitiesAndSaysSo) {
  const std::string out = scratch_dir("sample_locate");
  const std::string log = out + "/stdout.txt";
  const std::string cmd = "cd '" + std::string(CAREATLAS_SOURCE_DIR) + "' && '" + CAREATLAS_CLI +
                          "' run -q sample_data/misaki/project.toml --out '" + out + "/run' --date 2026-12-07 >'" + log +
                          "' 2>/dev/null";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd;
  const std::string said = read_file(log);
  EXPECT_NE(said.find("144 at their published point, 2 from their address (街区 2), 0 unlocated"), std::string::npos)
      << said;
  EXPECT_NE(said.find("registry: 146 facilities (146 located, 0 unlocated)"), std::string::npos) << said;
  const std::string diagnostics = read_file(out + "/run/import_diagnostics.csv");
  for (const char* line : {"sample_data/misaki/kaigo/jigyosho_430.csv,7,address,located_by_address,",
                           "sample_data/misaki/iryo/02-1_clinic_facility_info_20260401.csv,10,address,located_by_address,",
                           "sample_data/misaki/kaigo/jigyosho_130.csv,11,location,location_suspect,warning,"})
    EXPECT_NE(diagnostics.find(line), std::string::npos) << line;
  // The booklet lists them with 「住所から推定」.
  const std::string booklet = read_file(out + "/run/booklet/booklet.csv");
  std::size_t marked = 0;
  for (std::size_t at = 0; (at = booklet.find("掲載（住所から推定）", at)) != std::string::npos; ++at) ++marked;
  EXPECT_EQ(marked, 2u);
}
