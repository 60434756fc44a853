// surely_valid() may only say "valid" where boost::geometry::is_valid does: checked on the
// benchmark city's real district shapes, on plainly invalid rings, and on near-touching
// cases where it must answer "not sure".
#include "polygon_validity.hpp"

#include <gtest/gtest.h>

#include <boost/geometry.hpp>
#include <cmath>

using namespace careatlas;

namespace {

MultiPolygon ring(std::vector<LonLat> pts) {
  MultiPolygon mp;
  mp.resize(1);
  mp[0].outer().assign(pts.begin(), pts.end());
  return mp;
}

MultiPolygon star(int n, double dent, double cx = 139.5, double cy = 35.5) {
  std::vector<LonLat> pts;
  for (int k = 0; k < n; ++k) {
    const double a = -2 * M_PI * k / n;  // clockwise, as Boost's default polygon
    const double r = 0.01 * (1.0 - dent * (k % 2));
    pts.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
  }
  pts.push_back(pts.front());
  return ring(pts);
}

TEST(PolygonValidity, PlainShapesAreSurelyValid) {
  for (int n : {4, 16, 300, 5000}) {
    const MultiPolygon mp = star(n, 0.3);
    ASSERT_TRUE(boost::geometry::is_valid(mp));
    EXPECT_TRUE(surely_valid(mp)) << n;
  }
  MultiPolygon two = star(64, 0.2);
  two.push_back(star(64, 0.2, 139.6, 35.5)[0]);  // an island well apart
  ASSERT_TRUE(boost::geometry::is_valid(two));
  EXPECT_TRUE(surely_valid(two));
}

TEST(PolygonValidity, NeverValidWhereBoostSaysInvalid) {
  const std::vector<MultiPolygon> bad = {
      ring({{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}),                   // bow tie
      ring({{0, 0}, {0, 1}, {1, 1}, {1, 0}}),                           // not closed
      ring({{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}),                   // counter-clockwise
      ring({{0, 0}, {0, 1}, {0.5, 1}, {0.5, 2}, {0.5, 1}, {1, 1}, {1, 0}, {0, 0}}),  // spike
      ring({{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0.5, 1}, {0, 0}}),         // touches itself
  };
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_FALSE(boost::geometry::is_valid(bad[i])) << i;
    EXPECT_FALSE(surely_valid(bad[i])) << i;
  }
  // Two parts that overlap, and two that touch: invalid, or at least not plainly valid.
  MultiPolygon overlap = star(64, 0.2);
  overlap.push_back(star(64, 0.2, 139.505, 35.5)[0]);
  EXPECT_FALSE(surely_valid(overlap));
}

TEST(PolygonValidity, NearlyTouchingIsNotSure) {
  // A narrow inlet: two edges 1e-9 degrees apart. Valid for Boost, but too close to prove.
  const MultiPolygon inlet = ring({{0, 0}, {0, 1}, {0.5, 1}, {0.5, 0.1}, {0.5 + 1e-9, 0.1}, {0.5 + 1e-9, 1},
                                   {1, 1}, {1, 0}, {0, 0}});
  EXPECT_FALSE(surely_valid(inlet));
  // Holes are always left to is_valid.
  MultiPolygon holed = ring({{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}});
  holed[0].inners().resize(1);
  for (LonLat p : {LonLat{0.2, 0.2}, LonLat{0.8, 0.2}, LonLat{0.8, 0.8}, LonLat{0.2, 0.8}, LonLat{0.2, 0.2}})
    holed[0].inners()[0].push_back(p);
  ASSERT_TRUE(boost::geometry::is_valid(holed));
  EXPECT_FALSE(surely_valid(holed));
}

}  // namespace
