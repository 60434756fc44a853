// The analysis engine on drive-time layers (AnalysisLayer::travel): reach, hour masks and
// E2SFCA take the travel times the routing engine gives, not the straight-line distances.
// Every expected number is worked out by hand in the comment next to it.
#include <gtest/gtest.h>

#include <cmath>

#include "careatlas/geometry/analysis.hpp"

using namespace careatlas;
using namespace careatlas::geometry;

namespace {

// One district, a 4 km × 1 km strip; three cells along it, 1 km apart; a clinic at its
// west end. By road, the middle cell lies behind a river: 40 minutes, though it is only
// 1.5 km away.
struct Strip {
  AnalysisInput in;
  TravelReach reach;
  Strip() {
    PlanarPolygon p;
    p.outer() = {{0, 0}, {0, 1000}, {4000, 1000}, {4000, 0}, {0, 0}};
    in.districts.push_back({"A", "A", {p}});
    in.cells = {{1, {500, 500}, 10}, {2, {2000, 500}, 20}, {3, {3500, 500}, 30}};
    AnalysisLayer road;
    road.name = "clinics_30min";
    road.radius_m = 16000;  // not used for reach by road
    road.travel_minutes = 30;
    AnalysisProvider clinic;
    clinic.at = {100, 500};
    clinic.supply = 2;
    clinic.open.set();
    clinic.holiday_open.set();
    road.providers.push_back(clinic);
    // Cells 0 and 2 at 10 and 30 minutes (30 = the cut: counted), cell 1 at 40.
    reach.offsets = {0, 3};
    reach.cell = {0, 1, 2};
    reach.minutes = {10, 40, 30};
    road.travel = &reach;
    in.layers.push_back(road);
  }
};

double gauss(double t, double d0) {
  const double e = std::exp(-0.5);
  return t < d0 ? (std::exp(-0.5 * (t / d0) * (t / d0)) - e) / (1 - e) : 0.0;
}

}  // namespace

TEST(RoadScenario, ReachIsTravelTimeWithinTheCutNotDistance) {
  Strip s;
  AnalysisOptions o;
  o.threads = 1;
  o.access_layer = 99;  // no E2SFCA
  const AnalysisResult r = run_analysis(s.in, o);
  const LayerResult& L = r.layers[0];
  EXPECT_EQ(L.reached, (std::vector<std::uint8_t>{1, 0, 1}));
  // 65+ covered: cells 0 and 2, 10 + 30 = 40 of 60; the middle cell is uncovered every hour.
  EXPECT_DOUBLE_EQ(L.coverage[0].pop65_total, 60);
  EXPECT_DOUBLE_EQ(L.coverage[0].pop65_covered, 40);
  for (std::size_t h = 0; h < kGapSlots; ++h) {
    EXPECT_DOUBLE_EQ(L.uncovered[h], 20) << h;
    EXPECT_DOUBLE_EQ(L.fragile[h], 40) << h;  // one clinic only: no deputy
  }
  EXPECT_DOUBLE_EQ(L.coverage[0].covered_m2, 0);  // no area overlay by road
  EXPECT_DOUBLE_EQ(L.coverage[0].area_m2, 4e6);
}

TEST(RoadScenario, AccessByRoadWeighsMinutes) {
  Strip s;
  AnalysisOptions o;
  o.threads = 1;
  o.access_layer = 99;
  o.road_access_layer = 0;
  o.e2sfca_d0_minutes = 30;
  const AnalysisResult r = run_analysis(s.in, o);
  // R = 2 / (W(10)·10 + W(40)·20 + W(30)·30) = 2 / (10 W(10)): W is 0 from d0 on.
  const double w10 = gauss(10, 30), R = 2 / (10 * w10);
  ASSERT_EQ(r.road_access.size(), 3u);
  EXPECT_NEAR(r.road_access[0], 1000 * w10 * R, 1e-9);  // = 200 per 1,000 aged 65+
  EXPECT_NEAR(r.road_access[0], 200, 1e-9);
  EXPECT_DOUBLE_EQ(r.road_access[1], 0);
  EXPECT_DOUBLE_EQ(r.road_access[2], 0);
  // Providers within d0 (t ≤ 30): cells 0 and 2.
  EXPECT_EQ(r.road_access_providers, (std::vector<int>{1, 0, 1}));
  EXPECT_DOUBLE_EQ(r.road_access_supply_used, 2);
  EXPECT_TRUE(r.access.empty());
}

TEST(RoadScenario, HoursCountOnlyProvidersReachedInTime) {
  // A second, daytime clinic reaches the middle cell in 20 minutes: that cell is covered
  // in its hours only and fragile then; cell 0 (10 min from the first clinic, 50 from the
  // second) stays fragile all week.
  Strip s;
  AnalysisProvider day;
  day.at = {3900, 500};
  for (std::size_t d = 0; d < 5; ++d)
    for (std::size_t h = 9; h < 18; ++h) day.open.set(d * 24 + h);
  s.in.layers[0].providers.push_back(day);
  s.reach.offsets = {0, 3, 6};
  s.reach.cell = {0, 1, 2, 0, 1, 2};
  s.reach.minutes = {10, 40, 30, 50, 20, 5};
  AnalysisOptions o;
  o.threads = 1;
  o.access_layer = 99;
  const LayerResult L = run_analysis(s.in, o).layers[0];
  const std::size_t monday_10 = 10, monday_22 = 22;
  EXPECT_DOUBLE_EQ(L.uncovered[monday_10], 0);
  EXPECT_DOUBLE_EQ(L.fragile[monday_10], 10 + 20);  // cell 2 has both clinics at 10:00
  EXPECT_DOUBLE_EQ(L.uncovered[monday_22], 20);
  EXPECT_DOUBLE_EQ(L.fragile[monday_22], 10 + 30);
  EXPECT_DOUBLE_EQ(L.coverage[0].pop65_covered, 60);
}
