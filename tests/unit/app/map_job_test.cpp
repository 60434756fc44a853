// The map job on the sample town (sample_data/misaki): every map kind from the registry
// and the analysis, the coverage map's legend, the heatmap's row order, one analysis
// shared with careatlas run, and clear refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/app/import_job.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/project/project_file.hpp"
#include "golden_image.hpp"
#include "render_files.hpp"
#include "sample_town.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;
using app::MapKind;

namespace {

app::MapOptions options(const std::string& dir, std::vector<MapKind> kinds) {
  app::MapOptions o;
  o.kinds = std::move(kinds);
  o.out_dir = dir;
  o.production_date = "2026-11-24";
  o.page.size = render::PaperSize::a4;
  return o;
}

std::string bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST(MapJob, EveryKindWritesItsFiles) {
  const std::string dir = scratch_dir("map_job_all");
  const app::MapOutcome out = app::run_maps(sample_registry(), sample_project(), options(dir, app::all_map_kinds()));
  std::vector<std::string> names;
  for (const std::string& w : out.written) names.push_back(fs::path(w).filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"resource_map.pdf", "coverage_map_home_visit_clinics.pdf",
                                             "coverage_map_home_visit_clinics_30min.pdf",
                                             "coverage_map_home_nursing.pdf", "gap_map_uncovered_share.pdf",
                                             "gap_map_night_gap_hours.pdf", "access_map.pdf", "district_atlas.pdf",
                                             "heatmap_home_visit_clinics.pdf", "heatmap_home_visit_clinics_30min.pdf",
                                             "heatmap_home_nursing.pdf"}));
  ASSERT_EQ(out.reports.size(), out.written.size());
  for (std::size_t i = 0; i < out.written.size(); ++i) {
    EXPECT_TRUE(fs::file_size(out.written[i]) > 1000) << out.written[i];
    EXPECT_GT(out.reports[i].features_drawn, 0u) << out.written[i];
  }
  EXPECT_EQ(out.reports[7].pages, 6) << "one atlas page per 日常生活圏域";
  // Every district is named on every map, even 中央圏域 whose centre is packed with
  // facility symbols.
  for (std::size_t i = 0; i < 7; ++i)
    for (const char* name : {"中央圏域", "北部圏域", "東部圏域", "西部圏域", "南部圏域", "山間部圏域"})
      EXPECT_EQ(std::count(out.reports[i].label_texts.begin(), out.reports[i].label_texts.end(), name), 1)
          << name << " on " << names[i];
  // Nothing but the maps is left in the folder (no temporary files).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, names.size());
}

TEST(MapJob, CoverageMapNamesItsLayerAndRadiusAndDrawsOnlyItsProviders) {
  const std::string dir = scratch_dir("map_job_coverage");
  const app::MapOutcome out = app::run_maps(sample_registry(), sample_project(), options(dir, {MapKind::coverage, MapKind::resource}));
  // The home-visit clinics by 16 km and by 30 minutes of road, home nursing, resources.
  ASSERT_EQ(out.reports.size(), 4u);
  auto has = [](const render::RenderReport& r, const std::string& entry) {
    return std::find(r.legend_entries.begin(), r.legend_entries.end(), entry) != r.legend_entries.end();
  };
  // The default layers' labels name their radius already; the legend does not repeat it.
  EXPECT_TRUE(has(out.reports[0], "訪問診療（診療所・病院、16km）の到達圏"));
  EXPECT_TRUE(has(out.reports[2], "訪問看護（10km）の到達圏"));
  // The drive-time view: cells by reach and the roads by class, no discs; the valley has
  // cells within 16 km but beyond 30 minutes; the island's ferry is drawn.
  EXPECT_TRUE(has(out.reports[1], "車で届く（500 m メッシュ）"));
  EXPECT_TRUE(has(out.reports[1], "直線の到達圏内だが車では届かない"));
  EXPECT_TRUE(has(out.reports[1], "国道・主要地方道"));
  EXPECT_TRUE(has(out.reports[1], "フェリー航路"));
  EXPECT_FALSE(has(out.reports[1], "訪問診療（診療所・病院、16km）の到達圏"));
  const std::string drive = pdf_text(out.written[1]);
  EXPECT_NE(drive.find("道路で30分以内に届く範囲と、直線 16 km では届くが道路では届かない範囲"), std::string::npos);
  EXPECT_NE(drive.find("みさき市 道路網（架空、OpenStreetMap 形式）"), std::string::npos);
  // The road network's 出典 line is on the maps that draw it only.
  EXPECT_EQ(pdf_text(out.written[0]).find("道路網（架空"), std::string::npos);
  // The home-nursing map shows home-nursing stations and no care offices; the resource
  // map shows both.
  EXPECT_TRUE(has(out.reports[2], "訪問看護ステーション"));
  EXPECT_FALSE(has(out.reports[2], "居宅介護支援事業所"));
  EXPECT_TRUE(has(out.reports[3], "訪問看護ステーション"));
  EXPECT_TRUE(has(out.reports[3], "居宅介護支援事業所"));
  // A layer whose label does not give its radius gets it from the job.
  project::ProjectConfig unnamed = sample_project();
  for (ProviderLayer& l : unnamed.layers) l.label = "協力機関";
  const app::MapOutcome u = app::run_maps(sample_registry(), unnamed, options(scratch_dir("map_job_coverage_unnamed"), {MapKind::coverage}));
  EXPECT_TRUE(has(u.reports[0], "協力機関の到達圏（半径 16 km）"));
  EXPECT_NE(pdf_text(out.written[0]).find("16km）の到達圏"), std::string::npos);
}

TEST(MapJob, GapAndAccessMapsClassTheAnalysis) {
  const std::string dir = scratch_dir("map_job_gap");
  app::MapOptions o = options(dir, {MapKind::gap, MapKind::access});
  o.gap_metrics = {"night_gap_hours"};
  const app::MapOutcome out = app::run_maps(sample_registry(), sample_project(), o);
  ASSERT_EQ(out.reports.size(), 2u);
  // The sample's valley (山間部圏域) alone has night gaps (56 h): two classes, "0" and "56".
  const auto& g = out.reports[0].legend_entries;
  const auto cap = std::find(g.begin(), g.end(), "夜間（22時〜6時）に対応できない時間数（週あたり）");
  ASSERT_NE(cap, g.end());
  ASSERT_GE(g.end() - cap, 3);
  EXPECT_EQ(*(cap + 1), "0");
  EXPECT_EQ(*(cap + 2), "56");
  // Every populated cell of the base year is a square on the access map.
  app::AnalyzeOptions ao = app::analyze_options(sample_project());
  ao.keep_map_data = true;
  const app::AnalyzeOutcome a = app::run_analyze(sample_registry(), ao);
  ASSERT_TRUE(a.map_data);
  EXPECT_GE(out.reports[1].features_drawn, a.map_data->cells.size());
  EXPECT_NE(pdf_text(out.written[1]).find("アクセシビリティ"), std::string::npos);
}

TEST(MapJob, HeatmapRowsFollowTheRanking) {
  const std::string dir = scratch_dir("map_job_heatmap");
  app::MapOptions o = options(dir, {MapKind::heatmap});
  app::AnalyzeOptions ao = app::analyze_options(sample_project());
  ao.keep_map_data = true;
  const app::AnalyzeOutcome a = app::run_analyze(sample_registry(), ao);
  o.analysis = &a;
  const app::MapOutcome out = app::run_maps(sample_registry(), sample_project(), o);
  ASSERT_EQ(out.written.size(), 3u);  // home-visit clinics by 16 km and by 30 min, home nursing
  const std::string text = pdf_text(out.written[0]);
  std::size_t at = 0;
  for (const std::size_t d : a.ranking) {
    const std::size_t found = text.find(a.districts[d].name, at);
    ASSERT_NE(found, std::string::npos) << a.districts[d].name << " after rank " << d;
    at = found;
  }
  EXPECT_EQ(a.districts[a.ranking.front()].name, "山間部圏域");
}

TEST(MapJob, AnAnalysisHandedInDrawsTheSameBytes) {
  // careatlas run hands the map job the analysis it has just made; the maps must be the
  // ones the map job would make by itself (and the same bytes twice: deterministic).
  app::AnalyzeOptions ao = app::analyze_options(sample_project());
  ao.keep_map_data = true;
  const app::AnalyzeOutcome a = app::run_analyze(sample_registry(), ao);
  const std::string d1 = scratch_dir("map_job_same_1"), d2 = scratch_dir("map_job_same_2");
  app::MapOptions o1 = options(d1, {MapKind::gap, MapKind::coverage});
  app::MapOptions o2 = options(d2, {MapKind::gap, MapKind::coverage});
  o2.analysis = &a;
  const app::MapOutcome r1 = app::run_maps(sample_registry(), sample_project(), o1);
  const app::MapOutcome r2 = app::run_maps(sample_registry(), sample_project(), o2);
  ASSERT_EQ(r1.written.size(), r2.written.size());
  for (std::size_t i = 0; i < r1.written.size(); ++i)
    EXPECT_TRUE(bytes(r1.written[i]) == bytes(r2.written[i])) << r1.written[i];
}

TEST(MapJob, KindsHaveOneTable) {
  std::vector<std::string> names;
  for (const MapKind k : app::all_map_kinds()) {
    names.emplace_back(app::to_string(k));
    EXPECT_EQ(app::map_kind_from_string(app::to_string(k)), k);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"resource", "coverage", "gap", "access", "atlas", "heatmap"}));
  EXPECT_FALSE(app::map_kind_from_string("relief"));
  EXPECT_FALSE(app::map_kind_from_string("Resource"));
  EXPECT_FALSE(app::needs_analysis(MapKind::resource));
  EXPECT_FALSE(app::needs_analysis(MapKind::atlas));
  for (const MapKind k : {MapKind::coverage, MapKind::gap, MapKind::access, MapKind::heatmap})
    EXPECT_TRUE(app::needs_analysis(k)) << app::to_string(k);
  EXPECT_EQ(app::parse_map_kinds({"heatmap", "resource", "heatmap"}),
            (std::vector<MapKind>{MapKind::heatmap, MapKind::resource, MapKind::heatmap}));
  try {
    app::parse_map_kinds({"resource", "relief"});
    ADD_FAILURE() << "relief is no map kind";
  } catch (const config_error& e) {
    EXPECT_STREQ(e.what(), "unknown map kind \"relief\" (resource, coverage, gap, access, atlas, heatmap)");
  }
}

TEST(MapJob, RefusesWhatItCannotDraw) {
  const std::string dir = scratch_dir("map_job_refuse");
  app::MapOptions o = options(dir, {MapKind::heatmap});
  o.heatmap_values = "sometimes";
  EXPECT_THROW(app::run_maps(sample_registry(), sample_project(), o), config_error);
  Registry no_people = sample_registry();
  no_people.population.clear();
  try {
    app::run_maps(no_people, sample_project(), options(dir, {MapKind::gap}));
    ADD_FAILURE() << "a gap map without population cells";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("population"), std::string::npos) << e.what();
  }
  // The resource map needs no analysis.
  EXPECT_EQ(app::run_maps(no_people, sample_project(), options(dir, {MapKind::resource})).written.size(), 1u);
  EXPECT_TRUE(fs::is_regular_file(dir + "/resource_map.pdf"));
}

TEST(MapJob, KochiResourceMapNamesEveryMunicipalityAndDrawsEveryFacility) {
  // The real open data (../shared/data/real): 国土数値情報 N03 of 高知県 (34 municipalities)
  // and the 介護サービス情報公表システム CSV of service 170, on A3 as for the council.
  const std::string real = std::string(CAREATLAS_SHARED_DIR) + "/data/real";
  app::ImportOptions io;
  InputSpec kaigo;
  kaigo.role = InputRole::facilities;
  kaigo.path = real + "/kaigo/jigyosho_170_kochi-pref.csv";
  InputSpec n03;
  n03.role = InputRole::districts;
  n03.path = real + "/boundaries/N03-21_39_210101.json";
  io.inputs = {kaigo, n03};
  DiagnosticCollector sink;
  const Registry reg = app::run_import(io, sink).registry;
  ASSERT_EQ(reg.districts.size(), 34u);
  std::size_t located = 0;
  for (const Facility& f : reg.facilities) located += f.location.has_value();
  ASSERT_EQ(located, 26u);

  project::ProjectConfig cfg;
  cfg.title = "高知県 在宅医療・介護資源マップ";
  app::MapOptions o = options(scratch_dir("map_job_kochi"), {MapKind::resource});
  o.page.size = render::PaperSize::a3;
  o.format = render::Format::png;
  o.dpi = 100;
  const app::MapOutcome out = app::run_maps(reg, cfg, o);
  ASSERT_EQ(out.reports.size(), 1u);
  const render::RenderReport& r = out.reports[0];
  std::multiset<std::string> labels(r.label_texts.begin(), r.label_texts.end());
  for (const District& d : reg.districts) EXPECT_EQ(labels.count(d.name), 1u) << d.name;
  EXPECT_EQ(r.layer_features.at("facilities"), located);
  EXPECT_EQ(r.layer_features.at("district_lines"), 34u);
  EXPECT_TRUE(std::find(r.legend_entries.begin(), r.legend_entries.end(), "市町村の境界") != r.legend_entries.end());
  for (std::size_t a = 0; a < r.label_boxes.size(); ++a)
    for (std::size_t b = a + 1; b < r.label_boxes.size(); ++b)
      EXPECT_FALSE(r.label_boxes[a].intersects(r.label_boxes[b])) << r.label_texts[a] << " / " << r.label_texts[b];
}

TEST(MapJob, HeatmapRowsOfDistrictsSharingANameCarryTheirIds) {
  // Two municipalities may share a name (府中市 in 東京都 and 広島県): the heatmap adds the
  // id to both rows.
  Registry reg = sample_registry();
  for (District& d : reg.districts)
    if (d.name == "西部圏域") d.name = "中央圏域";
  app::MapOptions o = options(scratch_dir("map_job_heatmap_names"), {MapKind::heatmap});
  const app::MapOutcome out = app::run_maps(reg, sample_project(), o);
  const auto& labels = out.reports.at(0).label_texts;
  EXPECT_EQ(labels.size(), 6u);
  EXPECT_EQ(std::count_if(labels.begin(), labels.end(),
                          [](const std::string& l) { return l.starts_with("中央圏域（23999-"); }),
            2);
  EXPECT_EQ(std::count(labels.begin(), labels.end(), "山間部圏域"), 1);
}

TEST(MapJob, AnUnknownDistrictIsRefusedBeforeAnyMapIsWritten) {
  const std::string dir = scratch_dir("map_job_unknown_district");
  app::MapOptions o = options(dir, {MapKind::resource, MapKind::atlas});
  o.district = "99999-99";
  EXPECT_THROW(app::run_maps(sample_registry(), sample_project(), o), config_error);
  EXPECT_TRUE(fs::is_empty(dir));
}
