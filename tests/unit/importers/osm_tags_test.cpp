// The OSM road reader's tag interpretation (osm_tags.hpp, white-box): which ways are roads,
// the access precedence, oneway (tagged and implied) and maxspeed values.
#include <gtest/gtest.h>

#include "osm_tags.hpp"

using namespace careatlas;

// ---- tag interpretation -------------------------------------------------------------------

TEST(OsmTags, MaxspeedValues) {
  EXPECT_EQ(osm::parse_maxspeed("50"), 50.0);
  EXPECT_EQ(osm::parse_maxspeed("50 km/h"), 50.0);
  EXPECT_EQ(osm::parse_maxspeed("50kmh"), 50.0);
  EXPECT_NEAR(*osm::parse_maxspeed("30 mph"), 48.28032, 1e-9);
  EXPECT_NEAR(*osm::parse_maxspeed("40mph"), 64.37376, 1e-9);
  EXPECT_EQ(osm::parse_maxspeed(""), 0.0);
  EXPECT_EQ(osm::parse_maxspeed("none"), 0.0);
  EXPECT_EQ(osm::parse_maxspeed("signals"), 0.0);
  EXPECT_EQ(osm::parse_maxspeed("walk"), 0.0);
  EXPECT_EQ(osm::parse_maxspeed("JP:urban"), 0.0);
  EXPECT_EQ(osm::parse_maxspeed("DE:zone30"), 30.0);
  EXPECT_EQ(osm::parse_maxspeed("fast"), std::nullopt);
  EXPECT_EQ(osm::parse_maxspeed("50;40"), std::nullopt);
  EXPECT_EQ(osm::parse_maxspeed("0"), std::nullopt);
  EXPECT_EQ(osm::parse_maxspeed("-30"), std::nullopt);
  EXPECT_EQ(osm::parse_maxspeed("50 furlongs"), std::nullopt);
}

TEST(OsmTags, OnewayValues) {
  using osm::OnewayTag;
  EXPECT_EQ(osm::parse_oneway(""), OnewayTag::untagged);
  for (auto v : {"yes", "true", "1"}) EXPECT_EQ(osm::parse_oneway(v), OnewayTag::forward) << v;
  for (auto v : {"-1", "reverse"}) EXPECT_EQ(osm::parse_oneway(v), OnewayTag::backward) << v;
  for (auto v : {"no", "false", "0"}) EXPECT_EQ(osm::parse_oneway(v), OnewayTag::two_way) << v;
  for (auto v : {"reversible", "alternating"}) EXPECT_EQ(osm::parse_oneway(v), OnewayTag::reversible) << v;
  EXPECT_EQ(osm::parse_oneway("sometimes"), OnewayTag::invalid);
}

namespace {
osm::WayVerdict verdict(std::initializer_list<std::pair<std::string_view, std::string_view>> tags) {
  osm::WayTags t;
  for (const auto& [k, v] : tags) t.set(k, v);
  return osm::interpret_way(t);
}
}  // namespace

TEST(OsmTags, WhichWaysAreRoads) {
  using osm::SkipReason;
  EXPECT_EQ(verdict({{"highway", "residential"}}).skip, std::nullopt);
  EXPECT_EQ(verdict({{"highway", "trunk_link"}}).road_class, RoadClass::trunk_link);
  EXPECT_EQ(verdict({{"route", "ferry"}}).road_class, RoadClass::ferry);
  EXPECT_EQ(verdict({{"building", "yes"}}).skip, SkipReason::not_a_road);
  EXPECT_EQ(verdict({{"highway", "ferry"}}).skip, SkipReason::not_for_cars);  // "ferry" is route=ferry only
  for (auto v : {"footway", "path", "cycleway", "steps", "pedestrian", "bridleway", "platform"})
    EXPECT_EQ(verdict({{"highway", v}}).skip, SkipReason::not_for_cars) << v;
  for (auto v : {"construction", "proposed", "abandoned", "razed"})
    EXPECT_EQ(verdict({{"highway", v}}).skip, SkipReason::not_built) << v;
  EXPECT_EQ(verdict({{"highway", "service"}, {"area", "yes"}}).skip, SkipReason::area);
  EXPECT_EQ(verdict({{"highway", "tertiary"}, {"oneway", "reversible"}}).skip, SkipReason::reversible);
}

TEST(OsmTags, TheMostSpecificAccessTagDecides) {
  using osm::SkipReason;
  EXPECT_EQ(verdict({{"highway", "service"}, {"access", "private"}}).skip, SkipReason::no_access);
  EXPECT_EQ(verdict({{"highway", "service"}, {"access", "no"}}).skip, SkipReason::no_access);
  EXPECT_EQ(verdict({{"highway", "service"}, {"access", "destination"}}).skip, std::nullopt);
  EXPECT_EQ(verdict({{"highway", "service"}, {"access", "yes"}, {"motor_vehicle", "no"}}).skip, SkipReason::no_access);
  EXPECT_EQ(verdict({{"highway", "service"}, {"vehicle", "private"}}).skip, SkipReason::no_access);
  EXPECT_EQ(verdict({{"highway", "service"}, {"access", "private"}, {"motorcar", "yes"}}).skip, std::nullopt);
  EXPECT_EQ(verdict({{"highway", "service"}, {"motor_vehicle", "no"}, {"motorcar", "destination"}}).skip, std::nullopt);
  EXPECT_EQ(verdict({{"route", "ferry"}, {"motor_vehicle", "no"}}).skip, SkipReason::no_access);  // a passenger ferry
}

TEST(OsmTags, ImpliedAndTaggedOneway) {
  EXPECT_EQ(verdict({{"highway", "motorway"}}).oneway, Oneway::forward);
  EXPECT_EQ(verdict({{"highway", "motorway_link"}}).oneway, Oneway::forward);
  EXPECT_EQ(verdict({{"highway", "motorway_link"}, {"oneway", "no"}}).oneway, Oneway::no);
  EXPECT_EQ(verdict({{"highway", "tertiary"}, {"junction", "roundabout"}}).oneway, Oneway::forward);
  EXPECT_EQ(verdict({{"highway", "tertiary"}, {"junction", "circular"}}).oneway, Oneway::forward);
  EXPECT_EQ(verdict({{"highway", "primary"}, {"oneway", "-1"}}).oneway, Oneway::backward);
  EXPECT_EQ(verdict({{"highway", "primary"}}).oneway, Oneway::no);
  const osm::WayVerdict odd = verdict({{"highway", "primary"}, {"oneway", "sometimes"}});
  EXPECT_TRUE(odd.oneway_invalid);
  EXPECT_EQ(odd.oneway, Oneway::no);
  EXPECT_EQ(verdict({{"highway", "motorway"}, {"oneway", "sometimes"}}).oneway, Oneway::forward);  // as if untagged
}
