// The ../shared/bench city world: the clean files import with zero rejections, and every
// bad line of facilities_dirty.csv carries the diagnostic its .expected.json names —
// and no other line carries any.
#include <gtest/gtest.h>

#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "careatlas/app/workload.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

// Generated once per test binary run (about a second).
const std::string& city_world() {
  static const std::string dir = [] {
    // One folder per process: ctest -j runs each test in its own process.
    const std::string d = scratch_dir("bench_city_" + std::to_string(::getpid()));
    const std::string cmd = "/usr/bin/python3 " + shared("bench/gen_world.py") + " --scale city --out " + d +
                            " > " + d + "/gen.log 2>&1";
    if (std::system(cmd.c_str()) != 0) return std::string();
    return d;
  }();
  return dir;
}

// expected.json reason → careatlas diagnostic code.
const std::map<std::string, std::string> kReasonToCode = {
    {"missing_coords", "coordinates_missing"}, {"swapped_lat_lon", "coordinates_swapped"},
    {"out_of_range", "coordinates_out_of_range"}, {"duplicate_id", "duplicate_id"},
    {"non_sjis_chars", "not_cp932"}, {"field_count", "field_count"}, {"empty_line", "blank_line"},
    {"invalid_number", "coordinates_invalid"}};

}  // namespace

TEST(BenchWorld, CleanCityFilesImportWithZeroRejections) {
  const std::string w = city_world();
  ASSERT_FALSE(w.empty()) << "gen_world.py failed (needs python3-numpy, -shapely, -pyproj)";
  InputSpec pop = spec(InputRole::population, w + "/mesh_population.csv");
  pop.year = 2020;
  const Registry r = import_all({spec(InputRole::facilities, w + "/facilities.csv"),
                                 spec(InputRole::districts, w + "/districts.geojson"), pop});
  for (const auto& f : r.files) {
    EXPECT_EQ(f.rejected, 0) << f.file;
    EXPECT_EQ(f.skipped, 0) << f.file;
    EXPECT_EQ(f.rows_read, f.imported) << f.file;
  }
  EXPECT_EQ(r.facilities.size(), 136u);
  EXPECT_EQ(r.districts.size(), 6u);
  EXPECT_EQ(r.population.size(), 627u);
  for (const auto& d : r.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  std::size_t hv = 0, hv24 = 0;
  for (const auto& f : r.facilities) {
    if (f.kind == FacilityKind::clinic && f.home_visit.value == true) {
      ++hv;
      if (f.availability.is_24_7()) ++hv24;
    }
  }
  EXPECT_EQ(hv, 17u);  // README §2: clinic_hv 17 (24h 12)
  EXPECT_EQ(hv24, 12u);
  EXPECT_EQ(r.districts[0].id, "52201-01");
  EXPECT_EQ(r.districts[0].parent_id, "52201");
  EXPECT_EQ(r.districts[0].name, "中央圏域");
}

TEST(BenchWorld, DirtyFileEachBadLineHasItsReasonAndNoOtherLineHasAny) {
  const std::string w = city_world();
  ASSERT_FALSE(w.empty());
  const auto expected = nlohmann::json::parse(read_file(w + "/facilities_dirty.expected.json"));
  const Registry r = import_all({spec(InputRole::facilities, w + "/facilities_dirty.csv")});
  std::map<std::int64_t, std::set<std::string>> got;
  for (const auto& d : r.diagnostics) got[d.row].insert(std::string(to_string(d.code)));
  std::set<std::int64_t> bad_lines;
  for (const auto& b : expected["bad_rows"]) {
    const std::int64_t line = b["line"].get<std::int64_t>();
    const std::string reason = b["reason"].get<std::string>();
    bad_lines.insert(line);
    ASSERT_TRUE(kReasonToCode.contains(reason)) << reason;
    EXPECT_TRUE(got[line].contains(kReasonToCode.at(reason)))
        << "line " << line << " should carry " << kReasonToCode.at(reason);
  }
  for (const auto& [line, codes] : got)
    EXPECT_TRUE(bad_lines.contains(line)) << "line " << line << " has an unexpected diagnostic " << *codes.begin();
  const FileReport* rep = report_for(r, "facilities_dirty.csv");
  ASSERT_NE(rep, nullptr);
  const auto n_data = expected["n_data_lines"].get<std::int64_t>();
  EXPECT_EQ(rep->rows_read, n_data);
  EXPECT_TRUE(rep->balanced());
  // Rejected: the 10-field line and the duplicate; skipped: the two blank lines; the
  // rest (missing/swapped/out-of-range coordinates, non-CP932 text) are kept.
  EXPECT_EQ(rep->rejected, 2);
  EXPECT_EQ(rep->skipped, 2);
  EXPECT_EQ(rep->imported, n_data - 4);
  EXPECT_EQ(static_cast<std::int64_t>(r.facilities.size()), rep->imported);
}

// The CLI's `careatlas workload` leaves its inputs and results to the operating system at
// exit (free_memory = false) but keeps them reachable, so a leak checker does not report
// them: under the sanitizer run (README "Tests") this test's process ends with
// LeakSanitizer's check, which failed while the pointer holding them was optimised away.
TEST(BenchWorld, WorkloadLeavesItsDataToTheOsButKeepsItReachable) {
  const std::string w = city_world();
  ASSERT_FALSE(w.empty());
  app::WorkloadOptions opt;
  opt.world_dir = w;
  opt.out_dir = scratch_dir("bench_city_workload_" + std::to_string(::getpid()));
  opt.free_memory = false;
  app::run_workload(opt);
  for (const char* name : {"coverage.csv", "gaps.csv", "access.csv"})
    EXPECT_GT(std::filesystem::file_size(opt.out_dir + "/" + name), 100u) << name;
}
