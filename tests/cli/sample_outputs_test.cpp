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
