// The analyze job on the sample town: the planted weak spots must show in the ranking,
// the tables must be complete, and the same inputs must give the same bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "careatlas/app/analysis_input.hpp"
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
// Fields of a CSV line without quoted commas (the analysis tables' numeric rows).
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> f;
  std::size_t a = 0;
  for (std::size_t b; (b = line.find(',', a)) != std::string::npos; a = b + 1) f.push_back(line.substr(a, b - a));
  f.push_back(line.substr(a));
  return f;
}
app::AnalyzeOptions options(const std::string& out) {
  app::AnalyzeOptions o = app::analyze_options(sample().cfg);
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
  // 2 years × 6 districts × 3 layer views (home-visit clinics by 16 km and by 30 min of
  // road, home nursing) × (168 hours of the week + 24 of a holiday) + header
  EXPECT_EQ(std::count(gaps.begin(), gaps.end(), '\n'), 2 * 6 * 3 * (168 + 24) + 1);
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
                             "holiday_gap_hours: Real",
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

// Holiday (祝日) hours of a provider, rule by rule (analysis_input.hpp).
// 利用可能曜日特記事項 「緊急時、電話にて24時間、対応可能」 is recorded as a hint; the analysis
// counts it as 24-hour support unless a source says no or the project turns hints off.
TEST(AnalysisInput, TwentyFourHourHintsCountUnlessDenied) {
  Facility station;  // a 訪問看護 station: weekdays, no hours, and the hint
  station.availability.detail = WeeklySchedule::Detail::days_only;
  station.availability.open_days = DaySet::weekdays();
  station.support_24h_hint = "緊急時、電話にて24時間、対応可能";
  const auto week_all = std::bitset<kHoursPerWeek>().set();
  EXPECT_TRUE(app::counts_as_24h(station, true));
  EXPECT_EQ(app::assumed_open_hours(station), week_all);
  EXPECT_EQ(app::assumed_holiday_hours(station), std::bitset<24>().set());
  // Hints off: weekdays 09:00–18:00 only, closed on holidays (not stated).
  EXPECT_FALSE(app::counts_as_24h(station, false));
  EXPECT_EQ(app::assumed_open_hours(station, {9 * 60, 18 * 60}, false).count(), 5u * 9u);
  EXPECT_EQ(app::assumed_holiday_hours(station, {9 * 60, 18 * 60}, false).count(), 0u);
  // A source that says "no 24-hour support" (e.g. the survey) beats the hint.
  station.support_24h.value = false;
  EXPECT_FALSE(app::counts_as_24h(station, true));
  EXPECT_EQ(app::assumed_open_hours(station).count(), 5u * 9u);
}

TEST(AnalysisInput, HolidayHoursRules) {
  const std::bitset<24> none, all = std::bitset<24>().set();
  std::bitset<24> day;  // 09:00-18:00 → hours 9–17
  for (int h = 9; h < 18; ++h) day.set(static_cast<std::size_t>(h));
  auto with = [](WeeklySchedule s, std::optional<bool> h24 = std::nullopt) {
    Facility f;
    f.availability = std::move(s);
    f.support_24h.value = h24;
    return f;
  };
  WeeklySchedule days_only;  // 介護サービス情報公表 利用可能曜日 "平日,祝日": days, no hours
  days_only.detail = WeeklySchedule::Detail::days_only;
  days_only.open_days = DaySet::weekdays();
  days_only.holidays_open = true;
  EXPECT_EQ(app::assumed_holiday_hours(with(days_only)), day);
  // 24-hour support (在支診, 24時間対応) beats every schedule, even "closed on holidays".
  WeeklySchedule closed = days_only;
  closed.holidays_open = false;
  EXPECT_EQ(app::assumed_holiday_hours(with(closed, true)), all);
  EXPECT_EQ(app::assumed_holiday_hours(with(closed)), none);
  // Stated hours (医療情報ネット 祝 band) are used as they are.
  WeeklySchedule hourly;
  hourly.open_band(Weekday::Mon, {9 * 60, 18 * 60});
  hourly.open_holiday_band({9 * 60, 12 * 60});
  EXPECT_EQ(app::assumed_holiday_hours(with(hourly)), std::bitset<24>().set(9).set(10).set(11));
  EXPECT_EQ(app::assumed_holiday_hours(with(hourly, false)), std::bitset<24>().set(9).set(10).set(11));
  // Hourly schedule flagged open on holidays without 祝 hours: none invented (as for weekdays).
  WeeklySchedule no_band;
  no_band.open_band(Weekday::Mon, {9 * 60, 18 * 60});
  no_band.holidays_open = true;
  EXPECT_EQ(app::assumed_holiday_hours(with(no_band)), none);
  // Not stated: closed on holidays, although the week assumes weekday daytime.
  const Facility unknown = with(WeeklySchedule{});
  EXPECT_EQ(app::assumed_holiday_hours(unknown), none);
  EXPECT_EQ(app::assumed_open_hours(unknown).count(), 5u * 9u);
  WeeklySchedule unstated = hourly;
  unstated.holiday_hours.reset();
  unstated.holidays_open.reset();
  EXPECT_EQ(app::assumed_holiday_hours(with(unstated)), none);
  // "24/7" in the hours grammar: every holiday hour.
  EXPECT_EQ(app::assumed_holiday_hours(with(WeeklySchedule::always_open())), all);
  // Another daytime band for days without hours.
  EXPECT_EQ(app::assumed_holiday_hours(with(days_only), {8 * 60, 10 * 60}), std::bitset<24>().set(8).set(9));
}

// The sample town's 山間部: its valley villages are reached only by the 山吹診療所 by day
// (sample_data/misaki/README.md), which keeps a holiday morning surgery 祝 09:00–12:00 but
// opens Monday 08:30–12:00, Tuesday also 13:30–16:00, and not on Sunday. So a holiday has
// its own profile: covered 09–11 only; all other districts have 24-hour cover all day.
TEST(Analyze, SampleTownHolidayProfileDiffersFromTheWeek) {
  const std::string dir = scratch_dir("analyze_holiday");
  const app::AnalyzeOutcome r = app::run_analyze(sample().reg, options(dir));
  for (const auto& d : r.districts) EXPECT_EQ(d.holiday_gap_hours, d.name == "山間部圏域" ? 24 - 3 : 0) << d.name;

  // The provider itself: registry → analysis input.
  app::InputOptions io;
  io.layers = sample().cfg.layers;
  io.population_year = 2020;
  const app::BuiltInput built = app::build_analysis_input(sample().reg, io);
  bool found = false;
  for (std::size_t j = 0; j < built.providers[0].size(); ++j)
    if (built.providers[0][j]->name == "みさき市国民健康保険山吹診療所") {
      found = true;
      EXPECT_EQ(built.input.layers[0].providers[j].holiday_open, std::bitset<24>().set(9).set(10).set(11));
    }
  EXPECT_TRUE(found);

  // gaps.csv: year,district_id,layer,hour,day,hh,pop65_total,pop65_uncovered,pop65_fragile
  std::map<std::string, std::pair<long, long>> valley;  // "day hh" → (uncovered, fragile) of 山間部, layer 1, 2020
  std::map<std::string, int> rows;                      // district/layer/year → rows
  const std::string csv = read_file(dir + "/gaps.csv");
  const std::string layer = sample().cfg.layers.front().name;
  std::size_t pos = csv.find("\r\n") + 2;  // skip the header
  while (pos < csv.size()) {
    const std::size_t end = csv.find("\r\n", pos);
    const std::vector<std::string> f = split_csv_line(csv.substr(pos, end - pos));
    pos = end + 2;
    ASSERT_EQ(f.size(), 9u);
    const int hour = std::stoi(f[3]);
    ++rows[f[1] + "/" + f[2] + "/" + f[0]];
    EXPECT_EQ(f[4] == "Hol", hour >= 168) << f[3];
    EXPECT_EQ(std::stoi(f[5]), hour % 24);
    if (f[0] == "2020" && f[1] == "23999-06" && f[2] == layer)
      valley[f[4] + " " + f[5]] = {std::stol(f[7]), std::stol(f[8])};
  }
  for (const auto& [key, n] : rows) EXPECT_EQ(n, 192) << key;
  ASSERT_EQ(valley.size(), 192u);
  const long villages = valley["Mon 3"].first;  // at night: the valley villages, uncovered
  EXPECT_GT(villages, 0);
  EXPECT_EQ(valley["Hol 3"].first, villages);
  EXPECT_EQ(valley["Hol 10"].first, 0);          // the holiday surgery reaches them
  EXPECT_EQ(valley["Hol 10"].second, villages);  // … alone: fragile
  EXPECT_EQ(valley["Sun 10"].first, villages);   // Sunday: closed
  EXPECT_EQ(valley["Mon 8"].first, 0);           // Monday from 08:30 (the middle of hour 8)
  EXPECT_EQ(valley["Hol 8"].first, villages);    // a holiday from 09:00 only
  EXPECT_EQ(valley["Tue 14"].first, 0);          // Tuesday afternoon surgery
  EXPECT_EQ(valley["Hol 14"].first, villages);

  // district_summary.csv: 祝日空白時間数 right after 週末空白時間数.
  const std::string summary = read_file(dir + "/district_summary.csv");
  const auto head = split_csv_line(summary.substr(3, summary.find("\r\n") - 3));  // after the BOM
  const auto col = std::find(head.begin(), head.end(), "祝日空白時間数") - head.begin();
  ASSERT_LT(col, static_cast<std::ptrdiff_t>(head.size()));
  EXPECT_EQ(head[static_cast<std::size_t>(col) - 1], "週末空白時間数");
  const std::size_t at = summary.find(",山間部圏域,");
  ASSERT_NE(at, std::string::npos);
  const std::size_t bol = summary.rfind("\r\n", at) + 2;
  const auto row = split_csv_line(summary.substr(bol, summary.find("\r\n", at) - bol));
  EXPECT_EQ(row.at(static_cast<std::size_t>(col)), "21");
  EXPECT_EQ(row.at(static_cast<std::size_t>(col) - 1), "48");
  EXPECT_NE(read_file(dir + "/analysis_parameters.csv").find("\r\nholidays,"), std::string::npos);
}
