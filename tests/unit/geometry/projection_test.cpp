// Projection: PROJ's plane rectangular zones, the zone choice, and the threaded calls.
#include "careatlas/geometry/projection.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "careatlas/model/config_error.hpp"

using namespace careatlas;
using namespace careatlas::geometry;

namespace {

TEST(Projection, OriginOfZoneIXIsZeroZero) {
  const Projection p(6677);  // zone IX: origin 36°N 139°50'E, x = easting
  const XY o = p.forward(LonLat{139.0 + 50.0 / 60.0, 36.0});
  EXPECT_NEAR(o.x, 0.0, 1e-6);
  EXPECT_NEAR(o.y, 0.0, 1e-6);
  const XY east = p.forward(LonLat{140.0, 36.0});
  EXPECT_GT(east.x, 14000.0);  // 10' of longitude at 36°N ≈ 15.0 km
  EXPECT_LT(east.x, 16000.0);
  EXPECT_NEAR(east.y, 0.0, 50.0);
  const LonLat back = p.inverse(east);
  EXPECT_NEAR(back.lon, 140.0, 1e-9);
  EXPECT_NEAR(back.lat, 36.0, 1e-9);
}

TEST(Projection, RejectsGeographicCrs) { EXPECT_THROW(Projection(4326), config_error); }

TEST(Projection, ZoneFromPrefectureOrNearestOrigin) {
  EXPECT_EQ(plane_rectangular_zone({"39201", "39202", "13101"}, std::nullopt), 6672);  // 高知 → IV
  EXPECT_EQ(plane_rectangular_zone({}, LonLat{133.5, 33.5}), 6672);
  EXPECT_EQ(plane_rectangular_zone({"01100"}, LonLat{141.35, 43.06}), 6680);  // 札幌: XII
}

TEST(Projection, ThreadedCallsGiveTheSameCoordinates) {
  const Projection p(6675);
  std::vector<LonLat> pts;
  for (int i = 0; i < 120000; ++i) pts.push_back({136.0 + (i % 997) * 1e-3, 35.0 + (i / 997) * 1e-3});
  std::vector<XY> one(pts.size()), two(pts.size());
  p.forward(pts.data(), one.data(), pts.size());
  p.forward(pts.data(), two.data(), pts.size(), 2);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    ASSERT_EQ(one[i].x, two[i].x) << i;
    ASSERT_EQ(one[i].y, two[i].y) << i;
  }
  // Polygons: many districts of uneven size, split by vertex count.
  std::vector<MultiPolygon> mps;
  for (int d = 0; d < 40; ++d) {
    MultiPolygon mp;
    mp.resize(1);
    const int n = 100 + 5000 * (d % 7);
    for (int k = 0; k <= n; ++k) {
      const double a = 2 * M_PI * (k % n) / n;
      mp[0].outer().push_back({137.0 + d * 0.01 + 0.004 * std::cos(a), 35.5 - 0.004 * std::sin(a)});
    }
    mps.push_back(mp);
  }
  mps.emplace_back();  // an empty district keeps its place
  std::vector<const MultiPolygon*> ptrs;
  for (const auto& m : mps) ptrs.push_back(&m);
  const std::vector<PlanarMultiPolygon> threaded = p.forward(ptrs, 2);
  ASSERT_EQ(threaded.size(), mps.size());
  auto same = [](const PlanarMultiPolygon& a, const PlanarMultiPolygon& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].outer().size() != b[i].outer().size() || a[i].inners().size() != b[i].inners().size()) return false;
      for (std::size_t k = 0; k < a[i].outer().size(); ++k)
        if (a[i].outer()[k].x != b[i].outer()[k].x || a[i].outer()[k].y != b[i].outer()[k].y) return false;
    }
    return true;
  };
  for (std::size_t d = 0; d < mps.size(); ++d) EXPECT_TRUE(same(threaded[d], p.forward(mps[d]))) << "district " << d;
}

}  // namespace
