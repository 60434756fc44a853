// The OpenStreetMap road reader (road_reader.hpp) on the fixtures of tests/fixtures/osm
// (README.md there draws the town): exact counts, the formats giving one network, broken
// files refused, and the two real extracts of ../shared/data/real/osm. The tag
// interpretation alone is osm_tags_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/road_reader.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

struct Read {
  RoadRead road;
  std::vector<Diagnostic> diags;
};

Read read(const std::string& path) {
  DiagnosticCollector sink;
  Read r{read_road_network(path, sink), {}};
  r.diags = sink.take();
  return r;
}

std::vector<Diagnostic> of(const std::vector<Diagnostic>& ds, DiagCode code) {
  std::vector<Diagnostic> out;
  std::copy_if(ds.begin(), ds.end(), std::back_inserter(out), [code](const Diagnostic& d) { return d.code == code; });
  return out;
}

// The parts of a way (several when it was split at missing nodes).
std::vector<const RoadWay*> parts(const RoadNetwork& n, std::int64_t osm_id) {
  std::vector<const RoadWay*> out;
  for (const RoadWay& w : n.ways)
    if (w.osm_id == osm_id) out.push_back(&w);
  return out;
}
const RoadWay& way(const RoadNetwork& n, std::int64_t osm_id) {
  const auto p = parts(n, osm_id);
  if (p.size() != 1) throw std::runtime_error("way " + std::to_string(osm_id) + " has " + std::to_string(p.size()) + " parts");
  return *p.front();
}
std::vector<std::int64_t> node_ids(const RoadNetwork& n, const RoadWay& w) {
  std::vector<std::int64_t> out;
  for (std::uint32_t k = w.first; k < w.first + w.count; ++k) out.push_back(n.node_ids[n.way_nodes[k]]);
  return out;
}

// The network without the fields that name the file it came from.
RoadNetwork content(RoadNetwork n) {
  n.source_file.clear();
  n.format.clear();
  return n;
}

std::string scratch_copy(const std::string& name, const std::string& bytes) {
  const std::string path = scratch_dir("osm_reader") + "/" + name;
  write_file(path, bytes);
  return path;
}

DiagCode refusal(const std::string& path) {
  DiagnosticCollector sink;
  try {
    (void)read_road_network(path, sink);
  } catch (const import_error& e) {
    EXPECT_EQ(e.diagnostic().file, path);
    EXPECT_FALSE(e.diagnostic().message.empty());
    return e.diagnostic().code;
  }
  ADD_FAILURE() << path << " was read";
  return DiagCode::value_invalid;
}

}  // namespace

// ---- the fixture town ----------------------------------------------------------------------

TEST(OsmReader, RiverTownAccountsForEveryWay) {
  const Read r = read(fixture("osm/river_town.osm"));
  const FileReport& rep = r.road.report;
  EXPECT_EQ(rep.role, "network");
  EXPECT_EQ(rep.format, "osm_xml");
  EXPECT_EQ(rep.encoding, "UTF-8");
  EXPECT_EQ(rep.rows_read, 36);
  EXPECT_EQ(rep.imported, 24);
  EXPECT_EQ(rep.rejected, 1);   // way 10032: every node missing
  EXPECT_EQ(rep.skipped, 11);   // 4 not roads, 3 not for cars, 1 each construction, private, area, reversible
  EXPECT_TRUE(rep.balanced());
  EXPECT_EQ(rep.warnings, 3);   // maxspeed=fast, oneway=sometimes, missing nodes
  const RoadNetwork& n = r.road.network;
  EXPECT_EQ(n.ways.size(), 25u);  // way 10031 in two parts
  EXPECT_EQ(n.points.size(), 43u);
  EXPECT_EQ(n.format, "osm_xml");
  EXPECT_EQ(n.edition, "2026-04-01T00:00:00Z");  // <meta osm_base>
  EXPECT_EQ(n.attribution, "© OpenStreetMap contributors");
  EXPECT_TRUE(std::is_sorted(n.node_ids.begin(), n.node_ids.end()));
  EXPECT_EQ(std::adjacent_find(n.node_ids.begin(), n.node_ids.end()), n.node_ids.end());
  EXPECT_EQ(n.points.size(), n.node_ids.size());
  for (std::size_t i = 1; i < n.ways.size(); ++i) EXPECT_LE(n.ways[i - 1].osm_id, n.ways[i].osm_id);  // file order
}

TEST(OsmReader, SkippedWaysAreCountedPerReason) {
  const Read r = read(fixture("osm/river_town.osm"));
  const auto notes = of(r.diags, DiagCode::ways_skipped);
  ASSERT_EQ(notes.size(), 6u);
  EXPECT_EQ(notes[0].message, "4 ways skipped: not a road (no highway= or route=ferry: buildings, rivers, boundaries …)");
  EXPECT_EQ(notes[1].message, "3 ways skipped: not a road for cars (footway 1, path 1, steps 1)");
  EXPECT_EQ(notes[2].message, "1 way skipped: not built or out of use (construction 1)");
  EXPECT_EQ(notes[3].message,
            "1 way skipped: closed to cars (access, vehicle, motor_vehicle or motorcar = no | private) (private 1)");
  EXPECT_EQ(notes[4].message, "1 way skipped: a highway area (area=yes) (service 1)");
  EXPECT_EQ(notes[5].message, "1 way skipped: reversible (direction changes by the hour) (reversible 1)");
  for (const Diagnostic& d : notes) EXPECT_EQ(d.row, 0);
  EXPECT_TRUE(parts(r.road.network, 10017).empty());  // the private shortcut
  EXPECT_TRUE(parts(r.road.network, 10018).empty());  // highway=construction
  EXPECT_TRUE(parts(r.road.network, 10019).empty());  // footway
  EXPECT_TRUE(parts(r.road.network, 10020).empty());  // steps
  const auto summary = of(r.diags, DiagCode::road_network_summary);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].message,
            "24 road ways kept (25 after splitting at missing nodes), 43 nodes; by class: motorway_link 1 way / 2 nodes, "
            "primary 2 ways / 6 nodes, secondary 1 way / 4 nodes, tertiary 2 ways / 5 nodes, unclassified 9 ways / 24 "
            "nodes, residential 8 ways / 22 nodes, ferry 1 way / 3 nodes");
}

TEST(OsmReader, TheBridgeIsTheOnlyLinkAcrossTheRiver) {
  const RoadNetwork n = read(fixture("osm/river_town.osm")).road.network;
  const RoadWay& bridge = way(n, 10013);
  EXPECT_EQ(bridge.road_class, RoadClass::secondary);
  EXPECT_EQ(bridge.name, "みさき大橋");
  EXPECT_EQ(bridge.maxspeed_kmh, 50.0);
  EXPECT_EQ(node_ids(n, bridge), (std::vector<std::int64_t>{1012, 3001, 3002, 2010}));
  // Every way touching both banks is the bridge: the west grid is 1xxx, the east 2xxx.
  for (const RoadWay& w : n.ways) {
    const auto ids = node_ids(n, w);
    const bool west = std::any_of(ids.begin(), ids.end(), [](auto id) { return id / 1000 == 1; });
    const bool east = std::any_of(ids.begin(), ids.end(), [](auto id) { return id / 1000 == 2; });
    if (west && east) {
      EXPECT_EQ(w.osm_id, 10013);
    }
  }
  const LonLat& p = n.points[n.way_nodes[bridge.first + 1]];
  EXPECT_EQ(p.lon, 133.5025);
  EXPECT_EQ(p.lat, 33.501);
}

TEST(OsmReader, OnewayAndMaxspeedAsTagged) {
  const Read r = read(fixture("osm/river_town.osm"));
  const RoadNetwork& n = r.road.network;
  EXPECT_EQ(way(n, 10015).oneway, Oneway::forward);  // dual carriageway, one way per direction
  EXPECT_EQ(way(n, 10016).oneway, Oneway::forward);
  EXPECT_EQ(node_ids(n, way(n, 10016)), (std::vector<std::int64_t>{4013, 4012, 4011}));
  EXPECT_NEAR(way(n, 10015).maxspeed_kmh, 64.37376, 1e-9);  // "40 mph"
  EXPECT_EQ(way(n, 10016).maxspeed_kmh, 0.0);                // "fast": warned
  EXPECT_EQ(way(n, 10008).maxspeed_kmh, 0.0);                // "JP:urban": none, silently
  EXPECT_EQ(way(n, 10009).maxspeed_kmh, 30.0);               // "30 km/h"
  EXPECT_EQ(way(n, 10007).road_class, RoadClass::residential);  // access=destination stays
  EXPECT_EQ(way(n, 10025).oneway, Oneway::forward);          // roundabout
  EXPECT_EQ(node_ids(n, way(n, 10025)).front(), node_ids(n, way(n, 10025)).back());
  EXPECT_EQ(way(n, 10027).oneway, Oneway::backward);         // oneway=-1
  EXPECT_EQ(way(n, 10028).oneway, Oneway::no);               // oneway=sometimes: warned
  EXPECT_EQ(way(n, 10033).oneway, Oneway::forward);          // motorway_link
  EXPECT_EQ(way(n, 10001).oneway, Oneway::no);
  const RoadWay& ferry = way(n, 10024);
  EXPECT_EQ(ferry.road_class, RoadClass::ferry);
  EXPECT_EQ(ferry.name, "みさき島フェリー");
  const auto bad = of(r.diags, DiagCode::osm_value_invalid);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0].row, 16);
  EXPECT_EQ(bad[0].column, "maxspeed");
  EXPECT_EQ(bad[0].value, "fast");
  EXPECT_NE(bad[0].message.find("way 10016"), std::string::npos);
  EXPECT_EQ(bad[1].row, 28);
  EXPECT_EQ(bad[1].column, "oneway");
  EXPECT_EQ(bad[1].value, "sometimes");
}

TEST(OsmReader, TheIslandIsKeptThoughItConnectsToNothingButTheFerry) {
  const RoadNetwork n = read(fixture("osm/river_town.osm")).road.network;
  EXPECT_EQ(node_ids(n, way(n, 10022)), (std::vector<std::int64_t>{6001, 6002, 6003}));
  EXPECT_EQ(node_ids(n, way(n, 10023)), (std::vector<std::int64_t>{6003, 6004}));
  EXPECT_EQ(node_ids(n, way(n, 10024)), (std::vector<std::int64_t>{6001, 6101, 1000}));
}

TEST(OsmReader, MissingNodesSplitAWayAndAWayOfNoneIsRejected) {
  const Read r = read(fixture("osm/river_town.osm"));
  const RoadNetwork& n = r.road.network;
  const auto split = parts(n, 10031);
  ASSERT_EQ(split.size(), 2u);  // 8101 8101 8102 | 8901 | 8103 8104 | 8902 | 8105
  EXPECT_EQ(node_ids(n, *split[0]), (std::vector<std::int64_t>{8101, 8102}));  // the repeated 8101 once
  EXPECT_EQ(node_ids(n, *split[1]), (std::vector<std::int64_t>{8103, 8104}));
  EXPECT_EQ(split[1]->name, "途切れ道");
  EXPECT_FALSE(std::binary_search(n.node_ids.begin(), n.node_ids.end(), 8105));  // alone: dropped
  const auto missing = of(r.diags, DiagCode::way_nodes_missing);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].row, 31);
  EXPECT_EQ(missing[0].column, "nd");
  EXPECT_EQ(missing[0].value, "8901");
  EXPECT_EQ(missing[0].severity, Severity::warning);
  EXPECT_EQ(missing[0].message,
            "way 10031: 2 of its 7 nodes are not in the file (first: node 8901); kept as 2 parts of two or more nodes");
  EXPECT_TRUE(parts(n, 10032).empty());
  const auto unusable = of(r.diags, DiagCode::way_unusable);
  ASSERT_EQ(unusable.size(), 1u);
  EXPECT_EQ(unusable[0].row, 32);
  EXPECT_EQ(unusable[0].severity, Severity::error);
  EXPECT_EQ(unusable[0].value, "8903");
  EXPECT_EQ(unusable[0].message, "way 10032: none of its 2 nodes is in the file (first: node 8903); rejected");
}

// ---- one network in every format -----------------------------------------------------------

TEST(OsmReader, PbfGzipAndJsonGiveTheXmlNetwork) {
  const Read xml = read(fixture("osm/river_town.osm"));
  const Read pbf = read(fixture("osm/river_town.osm.pbf"));
  const Read gz = read(fixture("osm/river_town.osm.gz"));
  const Read json = read(fixture("osm/river_town.overpass.json"));
  EXPECT_EQ(pbf.road.report.format, "osm_pbf");
  EXPECT_EQ(pbf.road.report.encoding, "PBF");
  EXPECT_EQ(pbf.road.network.format, "osm_pbf");
  EXPECT_EQ(json.road.report.format, "osm_json");
  EXPECT_EQ(gz.road.report.format, "osm_xml");
  EXPECT_EQ(pbf.road.network.edition, "2026-04-01T00:00:00Z");  // osmosis_replication_timestamp
  EXPECT_EQ(json.road.network.edition, "2026-04-01T00:00:00Z");  // osm3s.timestamp_osm_base
  EXPECT_EQ(gz.road.network.edition, "2026-03-20T09:15:00Z");    // compressed: the newest object
  EXPECT_TRUE(content(xml.road.network) == content(pbf.road.network));
  EXPECT_TRUE(content(xml.road.network) == content(json.road.network));
  RoadNetwork g = content(gz.road.network);
  g.edition = xml.road.network.edition;
  EXPECT_TRUE(content(xml.road.network) == g);
  for (const Read* r : {&pbf, &gz, &json}) {
    FileReport a = xml.road.report, b = r->road.report;
    a.file = b.file = a.format = b.format = a.encoding = b.encoding = "";
    EXPECT_EQ(a, b);
    ASSERT_EQ(r->diags.size(), xml.diags.size());
    for (std::size_t i = 0; i < xml.diags.size(); ++i) EXPECT_EQ(r->diags[i].message, xml.diags[i].message);
  }
}

TEST(OsmReader, ContentDecidesNotTheName) {
  const std::string xml = read_file(fixture("osm/river_town.osm"));
  const Read r = read(scratch_copy("really_xml.osm.pbf", xml));
  EXPECT_EQ(r.road.report.format, "osm_xml");
  EXPECT_EQ(r.road.report.imported, 24);
}

// ---- files that cannot be used -------------------------------------------------------------

TEST(OsmReader, BrokenFilesAreRefusedWithTheirReason) {
  const std::string pbf = read_file(fixture("osm/river_town.osm.pbf"));
  const std::string xml = read_file(fixture("osm/river_town.osm"));
  const std::string json = read_file(fixture("osm/river_town.overpass.json"));
  EXPECT_EQ(refusal(scratch_copy("cut.osm.pbf", pbf.substr(0, pbf.size() / 2))), DiagCode::file_truncated);
  EXPECT_EQ(refusal(scratch_copy("cut_header.osm.pbf", pbf.substr(0, 40))), DiagCode::file_truncated);
  EXPECT_EQ(refusal(scratch_copy("cut.osm", xml.substr(0, xml.size() / 2))), DiagCode::file_truncated);
  EXPECT_EQ(refusal(scratch_copy("cut.json", json.substr(0, json.size() / 2))), DiagCode::file_truncated);
  std::string garbage(3000, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919 + 13) % 251);
  EXPECT_EQ(refusal(scratch_copy("garbage.osm.pbf", garbage)), DiagCode::header_unrecognised);
  EXPECT_EQ(refusal(scratch_copy("garbage.bin", garbage)), DiagCode::header_unrecognised);
  EXPECT_EQ(refusal(scratch_copy("empty.osm", "")), DiagCode::file_empty);
  EXPECT_EQ(refusal(scratch_copy("blank.osm", " \n\n")), DiagCode::file_empty);
  EXPECT_EQ(refusal(scratch_copy("map.osm", "<?xml version=\"1.0\"?>\n<kml></kml>\n")), DiagCode::header_unrecognised);
  EXPECT_EQ(refusal(scratch_copy("other.json", "{\"type\":\"FeatureCollection\",\"features\":[]}")),
            DiagCode::header_unrecognised);
  EXPECT_EQ(refusal(scratch_copy("mismatched.osm", "<osm version=\"0.6\"><way id=\"1\"></node></osm>")),
            DiagCode::file_unreadable);
  EXPECT_EQ(refusal(scratch_dir("osm_reader") + "/no_such_file.osm"), DiagCode::file_unreadable);
}

TEST(OsmReader, JsonElementsWithoutIdOrNodesAreRejected) {
  const std::string path = scratch_copy("odd.json", R"({"elements":[
    {"type":"node","id":1,"lat":33.5,"lon":133.5},{"type":"node","id":2,"lat":33.501,"lon":133.5},
    {"type":"way","nodes":[1,2],"tags":{"highway":"residential"}},
    {"type":"way","id":7,"tags":{"highway":"residential"}},
    {"type":"way","id":8,"nodes":[1,"x"],"tags":{"highway":"residential"}},
    {"type":"way","id":9,"nodes":[1,1],"tags":{"highway":"residential"}},
    {"type":"way","id":10,"nodes":[1,2],"tags":{"highway":"residential","maxspeed":"40"}}]})");
  const Read r = read(path);
  EXPECT_EQ(r.road.report.rows_read, 5);
  EXPECT_EQ(r.road.report.imported, 1);
  EXPECT_EQ(r.road.report.rejected, 4);
  EXPECT_TRUE(r.road.report.balanced());
  ASSERT_EQ(r.road.network.ways.size(), 1u);
  EXPECT_EQ(r.road.network.ways[0].maxspeed_kmh, 40.0);
  const auto unusable = of(r.diags, DiagCode::way_unusable);
  ASSERT_EQ(unusable.size(), 4u);
  EXPECT_EQ(unusable[3].message, "way 9 has fewer than two distinct nodes; rejected");
  EXPECT_EQ(r.road.network.edition, "");  // no osm3s, no timestamps
}

// ---- the real extracts (../shared/data/real/osm, read in place) ----------------------------

// Expected numbers counted independently with python3 (json / xml.etree, standard library):
// ways whose highway is a road class and whose most specific access tag (motorcar,
// motor_vehicle, vehicle, access) is not no/private; their distinct node references.
//   Osaka: 5,186 ways; skipped path 215 + pedestrian 42 + cycleway 7 = 264 not for cars and
//          15 closed (motor_vehicle=no 12 … access=no, motorcar=no); kept 4,907; 14,381 nodes.
//   Kyoto: 735 ways, 533 without highway=, 95 not for cars (footway 70, path 13, steps 8,
//          pedestrian 4); kept 107 (the access=no/private ones are footways); 645 nodes.
TEST(OsmReader, RealOsakaOverpassJson) {
  const std::string path = shared("data/real/osm/osaka_tennoji_abeno_hirano.overpass.json");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  const Read r = read(path);
  const FileReport& rep = r.road.report;
  EXPECT_EQ(rep.format, "osm_json");
  EXPECT_EQ(rep.rows_read, 5186);
  EXPECT_EQ(rep.imported, 4907);
  EXPECT_EQ(rep.skipped, 279);
  EXPECT_EQ(rep.rejected, 0);
  EXPECT_EQ(rep.warnings, 0);
  EXPECT_EQ(r.road.network.ways.size(), 4907u);
  EXPECT_EQ(r.road.network.points.size(), 14381u);
  EXPECT_EQ(r.road.network.edition, "2025-06-16T04:35:58Z");
  const auto notes = of(r.diags, DiagCode::ways_skipped);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].message, "264 ways skipped: not a road for cars (path 215, pedestrian 42, cycleway 7)");
  EXPECT_EQ(notes[1].message.substr(0, 20), "15 ways skipped: clo");
  std::map<RoadClass, int> by_class;
  for (const RoadWay& w : r.road.network.ways) ++by_class[w.road_class];
  EXPECT_EQ(by_class[RoadClass::unclassified], 2294);
  EXPECT_EQ(by_class[RoadClass::residential], 1220);
  EXPECT_EQ(by_class[RoadClass::service], 525);
  EXPECT_EQ(by_class[RoadClass::trunk], 174);
}

TEST(OsmReader, RealKyotoOsmXml) {
  const std::string path = shared("data/real/osm/kyoto_shimogyo_gojo.osm");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  const Read r = read(path);
  const FileReport& rep = r.road.report;
  EXPECT_EQ(rep.format, "osm_xml");
  EXPECT_EQ(rep.rows_read, 735);
  EXPECT_EQ(rep.imported, 107);
  EXPECT_EQ(rep.skipped, 628);
  EXPECT_EQ(rep.rejected, 0);
  EXPECT_EQ(r.road.network.ways.size(), 107u);
  EXPECT_EQ(r.road.network.points.size(), 645u);
  EXPECT_EQ(r.road.network.edition, "2017-10-11T02:26:02Z");
  std::int64_t oneway = 0;
  for (const RoadWay& w : r.road.network.ways) oneway += w.oneway != Oneway::no;
  EXPECT_EQ(oneway, 57);  // every oneway=yes of the file is on a kept road
}

TEST(OsmReader, FailedPbfReadsLeaveNoFileOpen) {
  // libosmium 2.19 keeps the descriptor of a PBF it fails on; the reader closes it.
  const std::string pbf = read_file(fixture("osm/river_town.osm.pbf"));
  const std::string path = scratch_copy("cut_again.osm.pbf", pbf.substr(0, pbf.size() / 2));
  auto open_fds = [] {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) n += e.is_symlink() ? 1 : 0;
    return n;
  };
  const std::size_t before = open_fds();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(refusal(path), DiagCode::file_truncated);
  EXPECT_EQ(open_fds(), before);
}
