// Scenario tests of the road graph and the drive-time search, each network drawn as text
// (road_map.hpp: one character = 100 m, the "testbot" speeds: residential 1 km/min,
// primary 2 km/min, service 0.5 km/min, off-road 100 m/min). Every expected time is worked
// out by hand in the comment next to it.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "road_map.hpp"

using namespace careatlas;
using namespace careatlas::routing;
using careatlas::routing::testing::RoadMap;
using careatlas::routing::testing::testbot;
using careatlas::routing::testing::time_between;

TEST(RoadGraph, StraightRoadWithAnchorsMidSegment) {
  RoadMap m({"  1        ",
             "a         b",
             "       2   "});
  m.way("ab");
  const RoadGraph g(m.net, m.points, testbot(), m.anchors("12"));
  ASSERT_TRUE(g.snaps()[0].on_network);
  EXPECT_EQ(g.snaps()[0].at, (geometry::XY{200, -100}));
  EXPECT_DOUBLE_EQ(g.snaps()[0].offroad_m, 100.0);
  EXPECT_EQ(g.snaps()[0].way_osm_id, 1);
  // 100 m off-road (1 min) + 500 m of road (0.5 min) + 100 m off-road (1 min).
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1), 2.5);
  EXPECT_DOUBLE_EQ(time_between(g, 1, 0), 2.5);
  EXPECT_DOUBLE_EQ(time_between(g, 0, 0), 0.0);
  // a, b, two split nodes, two anchor nodes; road pieces both ways (6) + legs (4).
  EXPECT_EQ(g.stats().split_nodes, 2u);
  EXPECT_EQ(g.node_count(), 6u);
  EXPECT_EQ(g.edge_count(), 10u);
}

TEST(TravelTimes, RiverWithOneBridge) {
  // 1 and 2 are 1 km apart across the river; the only bridge is b–c.
  RoadMap m({"1a         b",
             "           |",
             "           |",
             "           |",
             "           |",
             "~~~~~~~~~~ | ~~~~",
             "           |",
             "           |",
             "           |",
             "           |",
             "2d         c"});
  m.way("ab").way("bc").way("cd");
  const RoadGraph g(m.net, m.points, testbot(), m.anchors("12"));
  EXPECT_DOUBLE_EQ(std::sqrt(geometry::squared_distance(m.at['1'], m.at['2'])), 1000.0);
  // Off-road 100 m to a (1 min), a–b–c–d 3 km (3 min), off-road 100 m (1 min).
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1), 5.0);
  EXPECT_DOUBLE_EQ(time_between(g, 1, 0), 5.0);
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1, 4.99), -1.0);
}

TEST(TravelTimes, OnewayPair) {
  const std::vector<std::string> drawing = {"a-----b",
                                            "|     |",
                                            "c-----d"};
  {
    RoadMap m(drawing);
    m.way("ab", RoadClass::residential, Oneway::forward).way("bdca");
    const RoadGraph g(m.net, m.points, testbot(), {m.at['a'], m.at['b']});
    EXPECT_DOUBLE_EQ(time_between(g, 0, 1), 0.6);  // a → b directly, 600 m
    EXPECT_DOUBLE_EQ(time_between(g, 1, 0), 1.0);  // b → d → c → a, 200 + 600 + 200 m
    EXPECT_EQ(g.stats().split_nodes, 0u);          // both anchors exactly at nodes
    EXPECT_DOUBLE_EQ(g.snaps()[0].offroad_m, 0.0);
  }
  {
    RoadMap m(drawing);
    m.way("ab", RoadClass::residential, Oneway::backward).way("bdca");
    const RoadGraph g(m.net, m.points, testbot(), {m.at['a'], m.at['b']});
    EXPECT_DOUBLE_EQ(time_between(g, 0, 1), 1.0);
    EXPECT_DOUBLE_EQ(time_between(g, 1, 0), 0.6);
  }
}

TEST(TravelTimes, MaxspeedCapsTheClassSpeed) {
  // 1 km of primary (120 km/h = 2 km/min): 0.5 min; capped at 60 km/h: 1 min; a maxspeed
  // above the class speed does not raise it.
  for (const auto& [maxspeed, minutes] : {std::pair{0.0, 0.5}, std::pair{60.0, 1.0}, std::pair{200.0, 0.5}}) {
    RoadMap m({"a---------b"});
    m.way("ab", RoadClass::primary, Oneway::no, maxspeed);
    const RoadGraph g(m.net, m.points, testbot(), {m.at['a'], m.at['b']});
    EXPECT_DOUBLE_EQ(time_between(g, 0, 1), minutes) << "maxspeed " << maxspeed;
  }
}

TEST(TravelTimes, FerryOnlyWhenEnabled) {
  // a–b and c–d are 2 km apart, joined by a ferry b–c (2 km at 30 km/h: 4 min).
  RoadMap m({"a-b" + std::string(19, ' ') + "c-d"});
  m.way("ab").way("bc", RoadClass::ferry).way("cd");
  RoadSpeeds speeds = testbot();
  {
    const RoadGraph g(m.net, m.points, speeds, {m.at['a'], m.at['d']});
    EXPECT_TRUE(g.snaps()[1].on_network);  // on c–d, a small piece, nothing else in reach
    EXPECT_EQ(g.snaps()[1].way_osm_id, 3);
    EXPECT_DOUBLE_EQ(time_between(g, 0, 1), -1.0);
    EXPECT_EQ(g.stats().components, 2u);
  }
  speeds.ferries = true;
  const RoadGraph g(m.net, m.points, speeds, {m.at['a'], m.at['d']});
  EXPECT_NEAR(time_between(g, 0, 1), 0.2 + 4.0 + 0.2, 1e-12);
  EXPECT_EQ(g.stats().components, 1u);
}

TEST(RoadGraph, ClassWithSpeedZeroIsNotUsed) {
  RoadMap m({"     1     ",
             "a---------b",
             "|         |",
             "|         |",
             "c---------d"});
  m.way("ab", RoadClass::track).way("acdb");
  const RoadGraph g(m.net, m.points, testbot(), {m.at['a'], m.at['b'], m.at['1']});
  EXPECT_EQ(g.stats().ways_used, 1u);
  // Not along the track (1 km): round by c and d, 300 + 1000 + 300 m.
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1), 1.6);
  // 1 is 100 m from the track but snaps to c–d, 400 m away: 4 min, then 500 + 300 m.
  EXPECT_EQ(g.snaps()[2].at, (geometry::XY{500, -400}));
  EXPECT_DOUBLE_EQ(time_between(g, 2, 0), 4.8);
}

TEST(RoadGraph, IslandBeyondSnapMaxIsOffNetwork) {
  RoadMap m({"a---b"});
  m.way("ab");
  const RoadGraph g(m.net, m.points, testbot(), {m.at['a'], geometry::XY{0, -2000}});
  EXPECT_FALSE(g.snaps()[1].on_network);
  EXPECT_EQ(g.anchor_node(1), -1);
  EXPECT_EQ(g.stats().anchors_on, 1u);
  EXPECT_EQ(g.stats().anchors_off, 1u);
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1), -1.0);
  EXPECT_DOUBLE_EQ(time_between(g, 1, 0), -1.0);
  EXPECT_DOUBLE_EQ(time_between(g, 1, 1), -1.0);  // off the network: not even itself
}

TEST(RoadGraph, SmallPieceUsedOnlyWhenNothingElseInReach) {
  RoadMap m({});  // drawn in code: too long for a drawing
  auto way_of = [&](std::uint32_t first, std::uint32_t count) {
    RoadWay w;
    w.osm_id = static_cast<std::int64_t>(m.net.ways.size() + 1);
    w.road_class = RoadClass::residential;
    w.first = static_cast<std::uint32_t>(m.net.way_nodes.size());
    for (std::uint32_t k = 0; k < count; ++k) m.net.way_nodes.push_back(first + k);
    w.count = count;
    m.net.ways.push_back(w);
  };
  auto point = [&](double x, double y) {
    m.points.push_back({x, y});
    m.net.points.push_back({x, y});
    m.net.node_ids.push_back(0);
    return static_cast<std::uint32_t>(m.points.size() - 1);
  };
  const std::uint32_t main = point(0, 0);               // osm 1: the main road, 150 nodes, y = 0
  for (int i = 1; i < 150; ++i) point(100.0 * i, 0);
  way_of(main, 150);
  const std::uint32_t f1 = point(1000, -300);           // osm 2: a driveway 300 m south
  point(1100, -300);
  way_of(f1, 2);
  const std::uint32_t f2 = point(5000, -3000);          // osm 3: a piece 3 km south
  point(5100, -3000);
  way_of(f2, 2);
  const std::uint32_t f3first = point(8000, -600);      // osm 4: a 100-node piece 600 m south
  for (int i = 1; i < 100; ++i) point(8000 + 100.0 * i, -600);
  way_of(f3first, 100);
  const std::vector<geometry::XY> anchors = {{1050, -250}, {5050, -2950}, {9050, -550}};
  const RoadGraph g(m.net, m.points, testbot(), anchors);
  EXPECT_EQ(g.snaps()[0].way_osm_id, 1);  // 50 m from the driveway, 250 m from the main road
  EXPECT_DOUBLE_EQ(g.snaps()[0].offroad_m, 250.0);
  EXPECT_EQ(g.snaps()[1].way_osm_id, 3);  // nothing else within 1 km
  EXPECT_DOUBLE_EQ(g.snaps()[1].offroad_m, 50.0);
  EXPECT_EQ(g.snaps()[2].way_osm_id, 4);  // 100 nodes: not small
  EXPECT_EQ(g.stats().components, 4u);
  EXPECT_EQ(g.stats().small_components, 2u);
}

TEST(RoadGraph, AnchorsAtOnePointShareTheirSnapNode) {
  RoadMap m({"a---------b"});
  m.way("ab");
  // Two anchors 100 m north of x = 300, one exactly at b, one on the road at x = 600.
  const std::vector<geometry::XY> anchors = {{300, 100}, {300, 100}, m.at['b'], {600, 0}};
  const RoadGraph g(m.net, m.points, testbot(), anchors);
  EXPECT_NE(g.anchor_node(0), g.anchor_node(1));  // each anchor has its own node
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1), 2.0);   // leg to the shared snap node and back
  EXPECT_DOUBLE_EQ(time_between(g, 0, 2), 1.7);   // 1 min off-road + 700 m
  EXPECT_DOUBLE_EQ(g.snaps()[2].offroad_m, 0.0);
  EXPECT_DOUBLE_EQ(time_between(g, 3, 2), 0.4);   // on the road: a 0-minute leg
  EXPECT_DOUBLE_EQ(time_between(g, 0, 3), 1.3);
  // Splits at 300 and 600 only; a, b, the splits and four anchor nodes; road pieces
  // a–300–600–b both ways (6) + four legs both ways (8).
  EXPECT_EQ(g.stats().split_nodes, 2u);
  EXPECT_EQ(g.node_count(), 8u);
  EXPECT_EQ(g.edge_count(), 14u);
}

TEST(RoadGraph, StatsOnAKnownNetwork) {
  RoadMap m({"a--b--c--d",
             "      |   ",
             "      e   ",
             "      |   ",
             "      f--g",
             "          ",
             "h--i--j   "});
  m.way("abcd").way("ce").way("efg", RoadClass::residential, Oneway::forward).way("hij", RoadClass::track);
  const RoadGraph g(m.net, m.points, testbot(), {m.at['a'], geometry::XY{750, 100}});
  const GraphStats& s = g.stats();
  EXPECT_EQ(s.ways_used, 3u);
  EXPECT_EQ(s.segments, 6u);    // ab bc cd ce ef fg
  EXPECT_EQ(s.components, 1u);
  EXPECT_EQ(s.small_components, 0u);
  EXPECT_EQ(s.split_nodes, 1u);  // on c–d at x = 750
  // b (a pass-through) and f (a oneway link) go; a stays (an anchor is at it), e stays
  // (both ways to c, one way to f): 7 road nodes + 1 split + 2 anchors − 2.
  EXPECT_EQ(s.compressed, 2u);
  EXPECT_EQ(s.nodes, 8u);
  // a↔c, c↔split, split↔d, c↔e (8), e→g (1), two legs both ways (4).
  EXPECT_EQ(s.edges, 13u);
  EXPECT_EQ(s.anchors_on, 2u);
  EXPECT_EQ(s.anchors_off, 0u);
  EXPECT_EQ(g.node_count(), s.nodes);
  EXPECT_EQ(g.edge_count(), s.edges);
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1), 0.6 + 0.15 + 1.0);
}

TEST(TravelTimes, CutoffIsInclusive) {
  RoadMap m({"a---------b"});
  m.way("ab");
  const RoadGraph g(m.net, m.points, testbot(), {m.at['a'], m.at['b']});
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1, 1.0), 1.0);  // 1 km: exactly the cutoff
  EXPECT_DOUBLE_EQ(time_between(g, 0, 1, 0.999999), -1.0);
  EXPECT_DOUBLE_EQ(time_between(g, 0, 0, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(time_between(g, 0, 0, -1.0), -1.0);
}

TEST(TravelTimes, RowsFollowTheSources) {
  RoadMap m({"a---------b"});
  m.way("ab");
  const RoadGraph g(m.net, m.points, testbot(), {m.at['a'], m.at['b'], geometry::XY{0, 5000}});
  SearchStats st;
  const TravelTable t = travel_times(g, {1, 0, 1, 2}, {1, 0, 2, 1}, 10.0, 2, &st);
  EXPECT_EQ(st.searches, 2u);  // anchors 1 and 0; the off-network source has no search
  ASSERT_EQ(t.offsets, (std::vector<std::size_t>{0, 3, 6, 9, 9}));
  // Targets ascending by index into `targets`; anchor 1 is listed twice.
  EXPECT_EQ(t.target, (std::vector<std::uint32_t>{0, 1, 3, 0, 1, 3, 0, 1, 3}));
  EXPECT_EQ(t.minutes, (std::vector<double>{0, 1, 0, 1, 0, 1, 0, 1, 0}));
  EXPECT_EQ(st.entries, 9u);
  EXPECT_THROW(travel_times(g, {3}, {0}, 10.0), std::out_of_range);  // there are 3 anchors
  EXPECT_THROW(travel_times(g, {0}, {3}, 10.0), std::out_of_range);
}
