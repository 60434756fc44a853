// The vectorised pair loops against a plain loop over every (point, query) pair with the
// exact formulas (exp(), Euclidean distance, saturating counts): run lengths that are not
// multiples of the vector width, points exactly at r and d0, and empty queries.
#include "pair_kernels.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace careatlas;
using namespace careatlas::geometry;

namespace {

double exact_weight(double d, double d0) {
  if (d >= d0) return 0.0;
  const double e05 = std::exp(-0.5);
  return (std::exp(-0.5 * (d / d0) * (d / d0)) - e05) / (1.0 - e05);
}

TEST(PairKernels, GaussianPolynomialMatchesExp) {
  const detail::GaussianWeight w(16000.0);
  for (double d = 0; d <= 17000; d += 7.3)
    EXPECT_NEAR(w.weight(d * d), exact_weight(d, 16000.0), 3e-14) << "d = " << d;
  EXPECT_EQ(w.weight(16000.0 * 16000.0), 0.0);
  EXPECT_NEAR(w.weight(0.0), 1.0, 3e-14);
}

struct World {
  std::vector<XY> points;
  std::vector<double> value;
  std::vector<std::array<std::uint64_t, 3>> mask;
};

World random_world(unsigned seed, std::size_t n) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coord(0.0, 40000.0), val(0.0, 50.0);
  World w;
  for (std::size_t i = 0; i < n; ++i) {
    w.points.push_back({coord(rng), coord(rng)});
    w.value.push_back(std::floor(val(rng)));
    w.mask.push_back({rng(), rng() & rng(), rng() | rng()});
  }
  // Points exactly at distance 3000 (= r) and 5000 (= d0) from the query (20000, 20000).
  w.points.push_back({23000.0, 20000.0});
  w.points.push_back({20000.0, 25000.0});
  for (int k = 0; k < 2; ++k) {
    w.value.push_back(7.0);
    w.mask.push_back({~0ULL, 0ULL, 1ULL});
  }
  return w;
}

TEST(PairKernels, WeightedSumEqualsThePlainSum) {
  const World world = random_world(1, 2000);
  const double d0 = 5000.0;
  const detail::GaussianWeight w(d0);
  for (double bucket : {313.0, 1000.0, 4000.0}) {
    const PointGrid grid(world.points, bucket);
    const std::vector<double> value = grid.in_scan_order(world.value);
    for (XY q : {XY{20000, 20000}, XY{0, 0}, XY{39999, 123}, XY{-90000, 5}}) {
      double expect = 0;
      for (std::size_t i = 0; i < world.points.size(); ++i)
        expect += exact_weight(std::hypot(world.points[i].x - q.x, world.points[i].y - q.y), d0) * world.value[i];
      EXPECT_NEAR(detail::weighted_sum(grid, value.data(), q, w), expect, 1e-9 * (1 + expect))
          << "bucket " << bucket << " at " << q.x << "," << q.y;
    }
  }
}

TEST(PairKernels, ReachAndAccessEqualThePlainLoop) {
  const World world = random_world(2, 1500);
  const double r = 3000.0, d0 = 5000.0;
  const detail::GaussianWeight w(d0);
  std::vector<double> ratio(world.points.size());
  for (std::size_t i = 0; i < ratio.size(); ++i) ratio[i] = 0.001 * static_cast<double>(i % 17);
  for (double bucket : {500.0, 1250.0}) {
    const PointGrid grid(world.points, bucket);
    const auto mask = grid.in_scan_order(world.mask);
    std::vector<std::uint64_t> words[3];
    for (std::size_t k = 0; k < 3; ++k)
      for (const auto& m : mask) words[k].push_back(m[k]);
    const std::vector<double> ratio_k = grid.in_scan_order(ratio);
    const detail::ProviderColumns columns{{words[0].data(), words[1].data(), words[2].data()}, ratio_k.data()};
    for (XY q : {XY{20000, 20000}, XY{100, 39000}, XY{-50000, -50000}}) {
      std::array<std::uint64_t, 3> one{}, two{};
      bool any = false;
      double weighted = 0;
      int within = 0;
      for (std::size_t i = 0; i < world.points.size(); ++i) {
        const double dx = world.points[i].x - q.x, dy = world.points[i].y - q.y, d2 = dx * dx + dy * dy;
        if (d2 <= r * r) {
          any = true;
          for (std::size_t k = 0; k < 3; ++k) {
            two[k] |= one[k] & world.mask[i][k];
            one[k] |= world.mask[i][k];
          }
        }
        if (d2 <= d0 * d0) ++within;
        weighted += exact_weight(std::sqrt(d2), d0) * ratio[i];
      }
      const detail::CellReach got = detail::reach_and_access(grid, columns, q, r, w);
      EXPECT_EQ(got.one, one);
      EXPECT_EQ(got.two, two);
      EXPECT_EQ(got.any, any);
      EXPECT_EQ(got.within_d0, within);
      EXPECT_NEAR(got.weighted, weighted, 1e-12 * (1 + weighted));
    }
  }
}

}  // namespace
