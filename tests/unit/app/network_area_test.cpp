// A road network read for a project area (issue 17): a prefecture's or the nation's OSM
// extract is cropped at import to the ways a trip within reach can use — those with a node
// inside the area's bounds grown by twice the reach margin — and every dropped way is
// counted as skipped, with one outside_project_area note.
//
// The area is the river town of tests/fixtures/drive_time (23998: lon 137.25–137.375,
// lat 35.0–35.0833); the network is written here, one way per case.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "careatlas/app/import_job.hpp"
#include "careatlas/model/project_area.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

struct Node {
  long id;
  double lat, lon;
};
struct Way {
  long id;
  std::vector<long> nodes;
};

std::string osm_xml(const std::vector<Node>& nodes, const std::vector<Way>& ways) {
  std::ostringstream o;
  o << std::fixed;
  o.precision(7);  // as OSM writes coordinates
  o << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"careatlas test\">\n";
  for (const Node& n : nodes)
    o << "  <node id=\"" << n.id << "\" version=\"1\" lat=\"" << n.lat << "\" lon=\"" << n.lon << "\"/>\n";
  for (const Way& w : ways) {
    o << "  <way id=\"" << w.id << "\" version=\"1\">\n";
    for (long n : w.nodes) o << "    <nd ref=\"" << n << "\"/>\n";
    o << "    <tag k=\"highway\" v=\"tertiary\"/>\n  </way>\n";
  }
  o << "</osm>\n";
  return o.str();
}

// Metres east of the area's eastern edge (137.375) at 35.04 N, as a longitude.
double east_of_area(double metres) { return 137.375 + metres / (111320.0 * std::cos(35.04 * M_PI / 180.0)); }

// The town's districts and `network`, imported for the area 23998 with `margin` metres.
Registry import_with_area(const std::string& network, bool area, double margin = 5000) {
  InputSpec districts = spec(InputRole::districts, fixture("drive_time/districts.geojson"));
  districts.level = DistrictLevel::daily_life_area;
  districts.columns = {{"id", "圏域ID"}, {"name", "圏域名"}, {"parent", "市町村コード"}};
  const std::string dir = scratch_dir("network_area");
  write_file(dir + "/roads.osm", network);
  app::ImportOptions opt;
  opt.inputs = {districts, spec(InputRole::network, dir + "/roads.osm")};
  if (area) opt.area = AreaCodes({"23998"});
  opt.reach_margin_m = margin;
  DiagnosticCollector sink;
  return app::run_import(opt, sink).registry;
}

// With a 5 km margin the road box reaches 2 × 5 km (10 % generous: up to 11 km) beyond the
// area's bounds.
const std::vector<Node> kNodes = {
    {1, 35.02, 137.28}, {2, 35.04, 137.30},                   // in town
    {3, 35.04, east_of_area(8000)}, {4, 35.05, east_of_area(8500)},  // 8 km out: within 2 × 5 km
    {5, 35.04, east_of_area(30000)}, {6, 35.05, east_of_area(31000)},  // 30 km out
    {7, 35.06, 137.31}, {8, 35.06, east_of_area(40000)},             // from the town to 40 km out
    {9, 35.50, 137.30}, {10, 35.51, 137.30}};                        // 46 km north
const std::vector<Way> kWays = {{100, {1, 2}}, {101, {3, 4}}, {102, {5, 6}}, {103, {7, 8}}, {104, {9, 10}}};

}  // namespace

TEST(NetworkArea, WaysNoTripWithinReachCanUseAreSkippedAndCounted) {
  const Registry r = import_with_area(osm_xml(kNodes, kWays), true);
  std::set<std::int64_t> ways;
  for (const RoadWay& w : r.roads.ways) ways.insert(w.osm_id);
  // The town's way, the one 8 km out, and the long one with a node in town (kept whole).
  EXPECT_EQ(ways, (std::set<std::int64_t>{100, 101, 103}));
  EXPECT_EQ(r.roads.node_ids, (std::vector<std::int64_t>{1, 2, 3, 4, 7, 8}));  // ascending, the used ones
  ASSERT_EQ(r.roads.points.size(), r.roads.node_ids.size());
  EXPECT_NEAR(r.roads.points[5].lon, east_of_area(40000), 1e-7);  // node 8, renumbered with its way
  for (const RoadWay& w : r.roads.ways)
    for (std::uint32_t k = 0; k < w.count; ++k)
      EXPECT_LT(r.roads.way_nodes[w.first + k], r.roads.points.size());
  const RoadWay& long_way = *std::find_if(r.roads.ways.begin(), r.roads.ways.end(), [](const RoadWay& w) { return w.osm_id == 103; });
  EXPECT_EQ(r.roads.node_ids[r.roads.way_nodes[long_way.first]], 7);
  EXPECT_EQ(r.roads.node_ids[r.roads.way_nodes[long_way.first + 1]], 8);

  const FileReport* rep = report_for(r, "roads.osm");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->rows_read, 5);
  EXPECT_EQ(rep->imported, 3);
  EXPECT_EQ(rep->skipped, 2);
  EXPECT_TRUE(rep->balanced());
  const auto notes = diags_named(r, "outside_project_area");
  ASSERT_EQ(notes.size(), 1u);
  const auto note = notes.begin();
  EXPECT_NE(note->file.find("roads.osm"), std::string::npos) << note->file;
  EXPECT_EQ(note->value, "2");
  EXPECT_NE(note->message.find("2 ways lie wholly beyond twice the reach of the project area 23998"), std::string::npos) << note->message;
}

TEST(NetworkArea, AWiderMarginKeepsMoreAndNoAreaKeepsEverything) {
  const std::string net = osm_xml(kNodes, kWays);
  EXPECT_EQ(import_with_area(net, true, 16000).roads.ways.size(), 4u);  // 30 km out is within 2 × 16 km; 46 km north is not
  const Registry all = import_with_area(net, false);
  EXPECT_EQ(all.roads.ways.size(), 5u);
  const FileReport* rep = report_for(all, "roads.osm");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->skipped, 0);
  EXPECT_TRUE(diags_named(all, "outside_project_area").empty());
}
