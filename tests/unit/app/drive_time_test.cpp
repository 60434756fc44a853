// Drive-time reach end to end on the river-town fixture (tests/fixtures/drive_time, its
// generator prints the expected minutes): OpenStreetMap XML in, the road view of the layer
// beside its straight-line view out.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/app/import_job.hpp"
#include "careatlas/app/run_job.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/routing/road_graph.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

const std::string kDir = std::string(CAREATLAS_FIXTURES_DIR) + "/drive_time";

struct Town {
  project::ProjectConfig cfg;
  Registry reg;
};

const Town& town() {
  static const Town t = [] {
    Town x;
    x.cfg = project::load_project(kDir + "/project.toml");
    app::ImportOptions io;
    io.inputs = x.cfg.inputs;
    DiagnosticCollector sink;
    x.reg = app::run_import(io, sink).registry;
    return x;
  }();
  return t;
}

// Cell (I, J) of the fixture: its half-mesh code (make_drive_time_fixture.py half_mesh).
std::uint64_t cell(int i, int j) {
  return 523742000ull + static_cast<std::uint64_t>((j / 2) * 100 + (i / 2) * 10 + 1 + (i % 2) + 2 * (j % 2));
}

app::AnalyzeOutcome analyse(const std::string& out = "") {
  app::AnalyzeOptions ao = app::analyze_options(town().cfg);
  ao.keep_map_data = true;
  ao.out_dir = out;
  ao.threads = 2;
  return app::run_analyze(town().reg, ao);
}

std::uint8_t reached(const app::AnalysisMapData& md, std::size_t layer, std::uint64_t code) {
  for (std::size_t i = 0; i < md.cells.size(); ++i)
    if (md.cells[i]->mesh_code == code) return md.layers[layer].reached[i];
  ADD_FAILURE() << "no cell " << code;
  return 2;
}

const app::DistrictMetrics& district(const app::AnalyzeOutcome& r, const std::string& name) {
  return *std::find_if(r.districts.begin(), r.districts.end(), [&](const auto& d) { return d.name == name; });
}

}  // namespace

TEST(DriveTime, TheNetworkIsImportedAndEveryWayAccountedFor) {
  const Registry& reg = town().reg;
  const auto f = std::find_if(reg.files.begin(), reg.files.end(), [](const FileReport& r) { return r.role == "network"; });
  ASSERT_NE(f, reg.files.end());
  EXPECT_EQ(f->format, "osm_xml");
  // 11 ways: 7 roads; the private bridge, the bridge under construction, a footway and a
  // building skipped.
  EXPECT_EQ(f->rows_read, 11);
  EXPECT_EQ(f->imported, 7);
  EXPECT_EQ(f->skipped, 4);
  EXPECT_EQ(f->rejected, 0);
  EXPECT_TRUE(f->balanced());
  EXPECT_EQ(reg.roads.ways.size(), 7u);
}

TEST(DriveTime, TheEastBankIsFortyMinutesAwayOverTheOnlyBridge) {
  // The routing engine on the imported network, from the clinic to two east-bank cells:
  // the generator's figures (39.88 and 26.06 min) from its own approximate metric, so
  // within 0.3 min of them in the plane rectangular zone.
  const Registry& reg = town().reg;
  const geometry::Projection proj(6675);
  std::vector<geometry::XY> points(reg.roads.points.size());
  proj.forward(reg.roads.points.data(), points.data(), points.size());
  const LonLat clinic = *reg.facilities.front().location;
  auto centre = [](int i, int j) { return LonLat{137.25 + (i + 0.5) * 22.5 / 3600, 35.0 + (j + 0.5) * 15.0 / 3600}; };
  const std::vector<geometry::XY> anchors = {proj.forward(clinic), proj.forward(centre(10, 1)), proj.forward(centre(10, 16))};
  const routing::RoadGraph g(reg.roads, points, RoadSpeeds::defaults(), anchors, 1);
  const routing::TravelTable t = routing::travel_times(g, {0}, {1, 2}, 120.0, 1);
  ASSERT_EQ(t.offsets, (std::vector<std::size_t>{0, 2}));
  EXPECT_NEAR(t.minutes[0], 39.88, 0.3);  // not 13 over the private bridge, not 12 over the one being built
  EXPECT_NEAR(t.minutes[1], 26.06, 0.3);
  // 4.6 km in straight line: inside the 16 km disc.
  const geometry::XY a = proj.forward(clinic), b = proj.forward(centre(10, 1));
  EXPECT_NEAR(std::hypot(a.x - b.x, a.y - b.y), 4559, 20);
}

TEST(DriveTime, BothViewsSideBySide) {
  const app::AnalyzeOutcome r = analyse();
  ASSERT_EQ(r.views.size(), 2u);
  EXPECT_EQ(r.views[1].name, "clinics_30min");
  ASSERT_TRUE(r.road_view.has_value());
  EXPECT_EQ(*r.road_view, 1u);
  const app::AnalysisMapData& md = *r.map_data;
  // Straight line: every cell within 16 km. By road within 30 min: the west bank and the
  // east-bank cell by the bridge; not the cells opposite the clinic, nor the island.
  for (const auto& [i, j] : std::vector<std::pair<int, int>>{{2, 1}, {4, 1}, {2, 10}, {10, 1}, {12, 1}, {10, 16}, {18, 1}})
    EXPECT_EQ(reached(md, 0, cell(i, j)), 1) << i << "," << j;
  for (const auto& [i, j] : std::vector<std::pair<int, int>>{{2, 1}, {4, 1}, {2, 10}, {10, 16}})
    EXPECT_EQ(reached(md, 1, cell(i, j)), 1) << i << "," << j;
  for (const auto& [i, j] : std::vector<std::pair<int, int>>{{10, 1}, {12, 1}, {18, 1}})
    EXPECT_EQ(reached(md, 1, cell(i, j)), 0) << i << "," << j;
  // 東岸: 65+ 200 + 100 of 360 beyond 30 minutes; nobody beyond 16 km.
  const app::DistrictMetrics& east = district(r, "東岸");
  EXPECT_DOUBLE_EQ(east.uncovered_share, 0.0);
  ASSERT_TRUE(east.road_uncovered_share.has_value());
  EXPECT_DOUBLE_EQ(*east.road_uncovered_share, 300.0 / 360.0);
  EXPECT_EQ(east.road_night_gap_hours, 7 * 8);
  EXPECT_DOUBLE_EQ(*district(r, "西岸").road_uncovered_share, 0.0);
  EXPECT_DOUBLE_EQ(*district(r, "島").road_uncovered_share, 1.0);
  // The island is off the network: no road within 1 km.
  ASSERT_TRUE(r.road.has_value());
  EXPECT_EQ(r.road->cells, 7u);
  EXPECT_EQ(r.road->cells_off, 1u);
  EXPECT_DOUBLE_EQ(r.road->pop65_off, 40);
  EXPECT_TRUE(r.road->providers_off[1].empty());
  const std::string ranking = app::format_ranking(r, 3);
  EXPECT_NE(ranking.find("straight-line 16 km | by road 30 min"), std::string::npos) << ranking;
  EXPECT_NE(ranking.find("東岸: 65+ 360, uncovered by 16 km 0.0 % | beyond 30 min 83.3 %"), std::string::npos) << ranking;
}

TEST(DriveTime, TablesNameTheRoadViewAndAreDeterministic) {
  const std::string a = scratch_dir("drive_time_a"), b = scratch_dir("drive_time_b");
  analyse(a);
  analyse(b);
  for (const char* name : {"coverage.csv", "gaps.csv", "access.csv", "district_summary.csv", "analysis_parameters.csv"})
    EXPECT_EQ(read_file(a + "/" + name), read_file(b + "/" + name)) << name;
  const std::string coverage = read_file(a + "/coverage.csv");
  EXPECT_NE(coverage.find("2020,02,東岸,clinics,16000,,"), std::string::npos) << coverage;
  EXPECT_NE(coverage.find("2020,02,東岸,clinics_30min,,30,"), std::string::npos) << coverage;
  const std::string access = read_file(a + "/access.csv");
  EXPECT_NE(access.find("n_providers_by_road,accessibility_by_road"), std::string::npos);
  const std::string params = read_file(a + "/analysis_parameters.csv");
  EXPECT_NE(params.find("road.off_network,\"1 of 7 cells (65+ 40), 0 providers\""), std::string::npos) << params;
  EXPECT_NE(params.find("layer.clinics_30min,travel 30 min by road"), std::string::npos) << params;
}
