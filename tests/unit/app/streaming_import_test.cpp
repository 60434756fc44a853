// careatlas import streams the facilities into the registry as it reads them (issue 6,
// item 5): the registry it writes must be the one an import in memory writes, joins and
// checks included, while it holds no more than a batch of facilities; and a failed
// import must leave nothing behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "careatlas/app/import_job.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/project/project_file.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {

app::ImportOptions sample_options(const std::string& out) {
  const auto cfg = project::load_project(std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki/project.toml");
  app::ImportOptions opt;
  opt.inputs = cfg.inputs;
  opt.title = cfg.title;
  opt.out = out;
  return opt;
}

std::size_t count_code(const Registry& r, const std::string& code) { return diags_named(r, code).size(); }

// Imports `opt` in memory and streamed (a batch of `batch`), checks that both write the
// same registry — every facility, diagnostic, file account, district, cell and report
// byte — and returns the streamed one as read back.
Registry expect_same_import(app::ImportOptions opt, std::size_t batch, const std::string& name) {
  DiagnosticCollector sink_a, sink_b;
  opt.out = scratch_dir(name + "_in_memory");
  opt.stream = false;
  const app::ImportOutcome a = app::run_import(opt, sink_a);
  opt.out = scratch_dir(name + "_streamed");
  opt.stream = true;
  opt.stream_batch = batch;
  const app::ImportOutcome b = app::run_import(opt, sink_b);

  EXPECT_TRUE(b.registry.facilities.empty());
  EXPECT_EQ(b.peak_facilities_in_memory, std::min(batch, a.registry.facilities.size()));
  EXPECT_EQ(b.facilities, a.registry.facilities.size());
  EXPECT_EQ(b.located, a.located);
  EXPECT_EQ(app::format_report_table(a.registry), app::format_report_table(b.registry, b.facilities, b.located));
  const Registry ra = read_registry(a.registry_path);
  Registry rb = read_registry(b.registry_path);
  EXPECT_EQ(ra.facilities, a.registry.facilities);  // the in-memory import round-trips whole
  EXPECT_EQ(rb.facilities.size(), ra.facilities.size());
  for (std::size_t i = 0; i < std::min(ra.facilities.size(), rb.facilities.size()); ++i)
    EXPECT_EQ(rb.facilities[i], ra.facilities[i]) << "facility " << i << " " << ra.facilities[i].facility_id;
  EXPECT_EQ(rb.diagnostics, ra.diagnostics);
  EXPECT_EQ(rb.files, ra.files);
  EXPECT_EQ(rb.sources, ra.sources);
  EXPECT_EQ(rb.districts, ra.districts);
  EXPECT_EQ(rb.population, ra.population);
  EXPECT_EQ(read_file(b.report_path), read_file(a.report_path));
  EXPECT_EQ(read_file(b.diagnostics_path), read_file(a.diagnostics_path));
  return rb;
}

// Files in a folder (hidden temporaries included).
std::vector<std::string> listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST(StreamingImport, WritesTheSameRegistryAsAnImportInMemory) {
  // A batch of 5: nearly every join reaches facilities already written.
  const Registry rb = expect_same_import(sample_options(""), 5, "stream_sample");
  ASSERT_EQ(rb.facilities.size(), 146u);

  // The joins did reach written facilities: survey answers (by ID and by name), hours
  // from the 時間票, and the planted survey and location defects are all reported.
  std::size_t answered = 0, hourly = 0;
  for (const Facility& f : rb.facilities) {
    answered += f.survey.answered ? 1 : 0;
    hourly += f.availability.detail == WeeklySchedule::Detail::hourly ? 1 : 0;
  }
  EXPECT_GT(answered, 50u);
  EXPECT_GT(hourly, 50u);
  for (const char* code : {"survey_matched_by_name", "survey_unmatched", "outside_own_municipality", "duplicate_id"})
    EXPECT_GT(count_code(rb, code), 0u) << code;
}

TEST(StreamingImport, AFailedImportLeavesTheFolderAsItWas) {
  const std::string dir = scratch_dir("stream_failed");
  // A previous registry, then an import that fails on its last file.
  app::ImportOptions good = sample_options(dir);
  good.stream = true;
  DiagnosticCollector sink;
  app::run_import(good, sink);
  const std::string before = read_file(dir + "/registry.gpkg");
  const auto names = listing(dir);

  write_file(dir + "/truncated.csv", "facility_id,name,kind,lat,lon\nX1,a,clinic,35,137\n\"X2,b");
  app::ImportOptions bad = sample_options(dir);
  bad.stream = true;
  bad.stream_batch = 3;
  bad.inputs.push_back(spec(InputRole::facilities, dir + "/truncated.csv"));
  EXPECT_THROW(app::run_import(bad, sink), import_error);
  EXPECT_EQ(read_file(dir + "/registry.gpkg"), before);
  auto after = listing(dir);
  std::erase(after, "truncated.csv");
  EXPECT_EQ(after, names);  // no temporary left

  // A folder that existed, named through one that did not: only the one made is removed.
  fs::create_directories(dir + "/empty");
  app::ImportOptions dotted = bad;
  dotted.out = dir + "/made/../empty";
  EXPECT_THROW(app::run_import(dotted, sink), import_error);
  EXPECT_TRUE(fs::is_directory(dir + "/empty"));
  EXPECT_FALSE(fs::exists(dir + "/made"));

  // Into a folder that does not exist yet: it is not left behind, empty, either.
  app::ImportOptions fresh = bad;
  fresh.out = dir + "/new/folder";
  EXPECT_THROW(app::run_import(fresh, sink), import_error);
  EXPECT_FALSE(fs::exists(dir + "/new"));

  // --strict refuses after reading everything: nothing written.
  app::ImportOptions strict = sample_options(dir + "/strict");
  strict.stream = true;
  strict.strict = true;
  EXPECT_THROW(app::run_import(strict, sink), app::strict_failure);
  EXPECT_FALSE(fs::exists(dir + "/strict"));
}

TEST(StreamingImport, ManyRowsNeverHoldMoreThanABatch) {
  constexpr int kRows = 20'000;
  std::string csv = "facility_id,name,kind,lat,lon,home_visit,support_24h,hours,doctors\n";
  for (int i = 0; i < kRows; ++i)
    csv += "S" + std::to_string(100'000 + i) + ",施設" + std::to_string(i) + ",clinic,35." + std::to_string(i % 997) +
           ",137." + std::to_string(i % 991) + ",1,0,Mon-Fri 09:00-17:00,1\n";
  const std::string dir = scratch_dir("stream_many_rows");
  write_file(dir + "/facilities.csv", csv);
  app::ImportOptions opt;
  opt.inputs = {spec(InputRole::facilities, dir + "/facilities.csv")};
  opt.out = dir + "/out";
  opt.stream = true;
  opt.stream_batch = 1000;
  DiagnosticCollector sink;
  const app::ImportOutcome res = app::run_import(opt, sink);
  EXPECT_EQ(res.facilities, static_cast<std::size_t>(kRows));
  EXPECT_EQ(res.peak_facilities_in_memory, 1000u);
  const Registry r = read_registry(res.registry_path);
  ASSERT_EQ(r.facilities.size(), static_cast<std::size_t>(kRows));
  EXPECT_EQ(r.facilities.front().facility_id, "S100000");
  EXPECT_EQ(r.facilities.back().facility_id, "S119999");
  EXPECT_EQ(r.facilities.back().source_row, kRows + 1);
}

TEST(StreamingImport, SurveyRowsJoinedByOfficeNumberTwiceOrAmbiguouslyAsInMemory) {
  // The same 事業所番号 in two services (居宅介護支援 430 and 訪問介護 110): the survey's ID
  // is no facility_id, so it is looked up as a source ID; one row finds one office and a
  // second row the same office again (read back, already answered), another finds two.
  const std::string dir = scratch_dir("stream_survey_inputs");
  const std::string k430 = std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki/kaigo/jigyosho_430.csv";
  const std::string text = read_file(k430);
  const std::size_t header_end = text.find("\r\n") + 2;
  const std::size_t row_start = text.find("2371037409,愛知県");
  ASSERT_NE(row_start, std::string::npos);
  std::string row = text.substr(text.rfind("\r\n", row_start) + 2);
  row = row.substr(0, row.find("\r\n") + 2);
  row.replace(row.find("居宅介護支援"), std::string("居宅介護支援").size(), "訪問介護");
  write_file(dir + "/jigyosho_110.csv", text.substr(0, header_end) + row);
  write_file(dir + "/survey.csv",
             "医療機関ID,医療機関名,所在地,ケアマネタイム,担当者,連絡方法,電話番号\r\n"
             "2371040305,,,,A,電話,011\r\n"
             "2371037409,,,,B,電話,022\r\n"
             "2371040305,,,,C,電話,033\r\n"
             ",なごみケアマネジメントセンター,愛知県みさき市東浜町４丁目３０－１５,,D,電話,044\r\n");
  app::ImportOptions opt;
  opt.inputs = {spec(InputRole::facilities, k430), spec(InputRole::facilities, dir + "/jigyosho_110.csv"),
                spec(InputRole::survey, dir + "/survey.csv")};
  const Registry r = expect_same_import(opt, 1, "stream_survey");

  EXPECT_EQ(count_code(r, "survey_ambiguous"), 1u);  // 2371037409: 430 and 110
  EXPECT_EQ(count_code(r, "survey_duplicate"), 2u);  // row 4 by ID, row 5 by name
  const auto joined = std::find_if(r.facilities.begin(), r.facilities.end(),
                                   [](const Facility& f) { return f.facility_id == "2371040305-430"; });
  ASSERT_NE(joined, r.facilities.end());
  EXPECT_TRUE(joined->survey.answered);
  EXPECT_EQ(joined->survey.contact_person, "A");
  EXPECT_EQ(joined->phone, "011");
}
