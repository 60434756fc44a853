// The road network in the registry GeoPackage (registry_roads.hpp): written as the roads
// layer with each way's OSM node ids, read back into the identical RoadNetwork.
#include <gtest/gtest.h>

#include <filesystem>

#include "careatlas/importers/registry_store.hpp"
#include "careatlas/importers/road_reader.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

RoadNetwork network_of(const std::string& path) {
  DiagnosticCollector sink;
  return read_road_network(path, sink).network;
}

Registry round_trip(const Registry& reg, const std::string& name) {
  const std::string path = scratch_dir("registry_roads") + "/" + name + ".gpkg";
  write_registry(path, reg);
  return read_registry(path);
}

}  // namespace

TEST(OsmRegistry, RoadNetworkRoundTripsExactly) {
  Registry reg;
  reg.title = "川のある町";
  reg.roads = network_of(fixture("osm/river_town.osm"));
  ASSERT_EQ(reg.roads.ways.size(), 25u);
  const Registry back = round_trip(reg, "river_town");
  EXPECT_TRUE(back.roads == reg.roads);
  EXPECT_EQ(back.roads.source_file, fixture("osm/river_town.osm"));
  EXPECT_EQ(back.roads.format, "osm_xml");
  EXPECT_EQ(back.roads.edition, "2026-04-01T00:00:00Z");
  EXPECT_EQ(back.roads.attribution, "© OpenStreetMap contributors");
  // The split way's two parts and the closed roundabout come back as they were.
  std::size_t parts = 0;
  for (const RoadWay& w : back.roads.ways) parts += w.osm_id == 10031;
  EXPECT_EQ(parts, 2u);
  EXPECT_TRUE(back == reg);
}

TEST(OsmRegistry, NoNetworkWritesNoRoads) {
  Registry reg;
  reg.title = "道路なし";
  const Registry back = round_trip(reg, "no_roads");
  EXPECT_TRUE(back.roads.empty());
  EXPECT_TRUE(back.roads == RoadNetwork{});
}

TEST(OsmRegistry, RealOsakaNetworkRoundTrips) {
  const std::string path = shared("data/real/osm/osaka_tennoji_abeno_hirano.overpass.json");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  Registry reg;
  reg.roads = network_of(path);
  const Registry back = round_trip(reg, "osaka");
  EXPECT_EQ(back.roads.ways.size(), 4907u);
  EXPECT_TRUE(back.roads == reg.roads);
}
