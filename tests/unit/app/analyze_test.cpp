// The analyze job on the sample town: the planted weak spots must show in the ranking,
// the tables must be complete, and the same inputs must give the same bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/app/import_job.hpp"
#include "careatlas/model/config_error.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {
struct Sample {
  project::ProjectConfig cfg;
  Registry reg;
};
const Sample& sample() {
  static const Sample s = [] {
    Sample x;
    x.cfg = project::load_project(std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki/project.toml");
    app::ImportOptions io;
    io.inputs = x.cfg.inputs;
    DiagnosticCollector sink;
    x.reg = app::run_import(io, sink).registry;
    return x;
  }();
  return s;
}
app::AnalyzeOptions options(const std::string& out) {
  app::AnalyzeOptions o;
  o.settings = sample().cfg.analysis;
  o.layers = sample().cfg.layers;
  o.out_dir = out;
  return o;
}
}  // namespace

TEST(Analyze, SampleTownRemoteValleyIsMostUnderserved) {
  const app::AnalyzeOutcome r = app::run_analyze(sample().reg, options(""));
  EXPECT_EQ(r.epsg, 6675);  // 愛知県 → zone VII
  EXPECT_EQ(r.base_year, 2020);
  ASSERT_EQ(r.districts.size(), 6u);
  const app::DistrictMetrics& first = r.districts[r.ranking[0]];
  EXPECT_EQ(first.name, "山間部圏域");
  EXPECT_EQ(first.rank, 1);
  // The valley villages are > 16 km from every 24-hour clinic but within reach of the
  // daytime home-visit clinic: covered by day, uncovered every night and weekend.
  EXPECT_EQ(first.uncovered_share, 0.0);
  EXPECT_EQ(first.night_gap_hours, 7 * 8);
  EXPECT_EQ(first.weekend_gap_hours, 48);
  EXPECT_GT(first.night_uncovered_share, 0.3);
  // Every other district has 24-hour cover within 16 km at every hour.
  for (const auto& d : r.districts) {
    if (d.name != "山間部圏域") {
      EXPECT_EQ(d.gap_hours, 0) << d.name;
    }
  }
  // 西部 has home-visit clinics but no 24-hour one: the lowest accessibility after the valley.
  EXPECT_EQ(r.districts[r.ranking[1]].name, "西部圏域");
}

TEST(Analyze, TablesAreCompleteAndDeterministic) {
  const std::string a = scratch_dir("analyze_a"), b = scratch_dir("analyze_b");
  const app::AnalyzeOutcome ra = app::run_analyze(sample().reg, options(a));
  app::AnalyzeOptions ob = options(b);
  ob.threads = 1;
  app::run_analyze(sample().reg, ob);
  ASSERT_EQ(ra.written.size(), 6u);
  for (const auto& path : ra.written) {
    const std::string name = std::filesystem::path(path).filename().string();
    if (name.ends_with(".gpkg")) continue;  // GeoPackages carry a timestamp; checked below
    const std::string bytes = read_file(path);
    EXPECT_TRUE(bytes.starts_with("\xEF\xBB\xBF")) << name << " opens in Japanese Excel";
    EXPECT_EQ(bytes, read_file(b + "/" + name)) << name << " differs between runs";
  }
  const std::string gaps = read_file(a + "/gaps.csv");
  // 2 years × 6 districts × 2 layers × 168 hours + header
  EXPECT_EQ(std::count(gaps.begin(), gaps.end(), '\n'), 2 * 6 * 2 * 168 + 1);
  const std::string summary = read_file(a + "/district_summary.csv");
  EXPECT_NE(summary.find("2040年 65歳以上人口"), std::string::npos);
  EXPECT_NE(summary.find(",山間部圏域,"), std::string::npos);
  EXPECT_NE(read_file(a + "/analysis_parameters.csv").find("EPSG:6675 JGD2011 / Japan Plane Rectangular CS VII"),
            std::string::npos);
}

TEST(Analyze, UnknownAccessLayerIsAConfigError) {
  app::AnalyzeOptions o = options("");
  o.settings.access_layer = "dentists";
  EXPECT_THROW(app::run_analyze(sample().reg, o), config_error);
}

TEST(Analyze, GeoPackageForQgis) {
  const std::string dir = scratch_dir("analyze_gpkg");
  app::run_analyze(sample().reg, options(dir));
  FILE* p = popen(("ogrinfo -ro -so -al " + dir + "/analysis.gpkg 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string info;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) info.append(buf, n);
  pclose(p);
  // 6 districts with metrics; 6 districts × 2 layers of coverage; 827 cells × 2 years.
  for (const char* expect : {"Layer name: district_metrics", "Layer name: coverage", "Layer name: cell_access",
                             "Feature Count: 6\n", "Feature Count: 12\n", "Feature Count: 1654\n", "night_gap_hours: Real",
                             "accessibility: Real", "JGD2011"})
    EXPECT_NE(info.find(expect), std::string::npos) << expect << " not in:\n" << info.substr(0, 2000);
}

// District accessibility is the 65+-weighted mean of the base year's cells (not of a
// future year's, which are analysed after it).
TEST(Analyze, DistrictAccessibilityIsTheBaseYearWeightedMean) {
  const std::string dir = scratch_dir("analyze_access_mean");
  const app::AnalyzeOutcome r = app::run_analyze(sample().reg, options(dir));
  std::map<std::string, std::pair<double, double>> sums;  // district → (Σ A·pop, Σ pop)
  const std::string csv = read_file(dir + "/access.csv");
  std::size_t pos = csv.find("\r\n") + 2;  // skip the header
  while (pos < csv.size()) {
    const std::size_t end = csv.find("\r\n", pos);
    std::vector<std::string> f;
    std::size_t a = pos;
    for (std::size_t b; (b = csv.find(',', a)) < end; a = b + 1) f.push_back(csv.substr(a, b - a));
    f.push_back(csv.substr(a, end - a));
    // year,mesh_code,district_id,pop65,n_providers,accessibility,crs
    if (f[0] == "2020" && !f[2].empty()) {
      const double pop = std::stod(f[3]);
      sums[f[2]].first += std::stod(f[5]) * pop;
      sums[f[2]].second += pop;
    }
    pos = end + 2;
  }
  ASSERT_EQ(sums.size(), 6u);
  for (const auto& d : r.districts) {
    const auto& [ap, p] = sums.at(d.id);
    EXPECT_NEAR(d.accessibility, ap / p, 1e-5) << d.name;  // access.csv has 6 decimals
  }
}
