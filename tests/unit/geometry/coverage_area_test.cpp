// Area coverage (engine/geometry/src/coverage_area.cpp): the WORKLOAD.md §3 disc polygon and
// area(district ∩ ∪ discs). Expectations are worked out here from the geometry (the disc
// area (n/2)·sin(2π/n)·R², its symmetries, boxes), or computed independently with
// Boost.Geometry overlay; no number comes from a peer run.
#include "careatlas/geometry/coverage_area.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/geometry.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

using namespace careatlas::geometry;
namespace bg = boost::geometry;

namespace {

constexpr double kPi = std::numbers::pi;

double disc_area(double r, int n = 64) { return n / 2.0 * std::sin(2.0 * kPi / n) * r * r; }

// Axis-aligned rectangle, clockwise (Boost.Geometry's default orientation), closed.
PlanarPolygon rect(double x0, double y0, double x1, double y1) {
  PlanarPolygon p;
  p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
  return p;
}

AnalysisDistrict district(PlanarMultiPolygon g, std::string id = "d") {
  return AnalysisDistrict{std::move(id), "", std::move(g)};
}

double covered(const PlanarMultiPolygon& g, const std::vector<XY>& centres, double r, unsigned threads = 1) {
  return covered_areas({district(g)}, centres, r, 64, threads).at(0);
}

// Deterministic pseudo-random numbers in [0, 1).
struct Rng {
  std::uint64_t s;
  double operator()() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(s >> 11) / 9007199254740992.0;
  }
};

// A star-shaped (hence simple) irregular polygon around c, made valid by bg::correct.
PlanarPolygon blob(XY c, double r, int n, Rng& rng) {
  PlanarPolygon p;
  for (int k = 0; k < n; ++k) {
    const double a = -2.0 * kPi * k / n;
    const double rr = r * (0.6 + 0.4 * rng());
    p.outer().push_back({c.x + rr * std::cos(a), c.y + rr * std::sin(a)});
  }
  p.outer().push_back(p.outer().front());
  bg::correct(p);
  return p;
}

// Independent reference: Boost.Geometry union of the disc polygons, ∩ district, area.
// Boost 1.74 overlays rescale coordinates to an integer grid by default
// (BOOST_GEOMETRY_USE_RESCALING), which costs accuracy: its areas are off by up to ~1e-7
// relative (GEOS and covered_areas agree with each other to ~1e-15 on the same inputs), so
// comparisons with it use kOverlayRtol.
constexpr double kOverlayRtol = 1e-6;
double overlay_reference(const PlanarMultiPolygon& g, const std::vector<XY>& centres, double r) {
  PlanarMultiPolygon u;
  for (const XY& c : centres) {
    PlanarMultiPolygon next;
    bg::union_(u, disc(c, r, 64), next);
    u = std::move(next);
  }
  PlanarMultiPolygon out;
  bg::intersection(g, u, out);
  return bg::area(out);
}

// Vertex-by-vertex equality (the planar geometry types have no operator==).
bool same(const PlanarMultiPolygon& a, const PlanarMultiPolygon& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i].outer() == b[i].outer()) || !(a[i].inners() == b[i].inners())) return false;
  return true;
}

}  // namespace

TEST(CoverageDisc, IsTheWorkloadSixtyFourGon) {
  const XY c{1000.0, 2000.0};
  const double r = 500.0;
  const PlanarPolygon d = disc(c, r, 64);
  ASSERT_EQ(d.outer().size(), 65u);
  EXPECT_TRUE(d.inners().empty());
  EXPECT_EQ(d.outer().front(), d.outer().back());  // closed
  EXPECT_EQ(d.outer()[0], (XY{1500.0, 2000.0}));   // vertex 0 due east, exactly
  // θk = −2πk/64: vertex 16 due south, 32 due west, 48 due north — i.e. clockwise.
  EXPECT_NEAR(d.outer()[16].x, 1000.0, 1e-9);
  EXPECT_NEAR(d.outer()[16].y, 1500.0, 1e-9);
  EXPECT_NEAR(d.outer()[32].x, 500.0, 1e-9);
  EXPECT_NEAR(d.outer()[48].y, 2500.0, 1e-9);
  EXPECT_LT(d.outer()[1].y, 2000.0);
  for (int k = 0; k < 64; ++k) {  // the GEOS formula, bit for bit
    const double angle = -1.0 * k * (2.0 * kPi / 64);
    EXPECT_EQ(d.outer()[static_cast<std::size_t>(k)].x, c.x + r * std::cos(angle)) << k;
    EXPECT_EQ(d.outer()[static_cast<std::size_t>(k)].y, c.y + r * std::sin(angle)) << k;
  }
  EXPECT_TRUE(bg::is_valid(d));
  EXPECT_GT(bg::area(d), 0.0);  // Boost.Geometry: clockwise outer rings have positive area
  EXPECT_NEAR(bg::area(d), 32.0 * std::sin(2.0 * kPi / 64) * r * r, 1e-9 * r * r);
  EXPECT_NEAR(bg::area(d) / (kPi * r * r), 0.998394, 5e-7);  // WORKLOAD.md §3
  EXPECT_NEAR(bg::area(disc(c, r, 16)), 8.0 * std::sin(2.0 * kPi / 16) * r * r, 1e-9 * r * r);
}

TEST(CoverageDisc, RejectsBadArguments) {
  EXPECT_THROW(disc({0, 0}, 1.0, 2), std::invalid_argument);
  EXPECT_THROW(disc({0, 0}, 0.0, 64), std::invalid_argument);
  EXPECT_THROW(disc({0, 0}, std::numeric_limits<double>::infinity(), 64), std::invalid_argument);
  const PlanarMultiPolygon sq{rect(0, 0, 1, 1)};
  EXPECT_THROW(covered_areas({district(sq)}, {{0, 0}}, 10.0, 2, 1), std::invalid_argument);
  EXPECT_THROW(covered_areas({district(sq)}, {{std::nan(""), 0}}, 10.0, 64, 1), std::invalid_argument);
}

TEST(CoverageArea, SquareInsideOneDiscIsFullyCovered) {
  // Corners at distance √(600² + 550²) ≈ 814 m ≪ 16 km from the centre.
  EXPECT_NEAR(covered({rect(-500, -500, 500, 500)}, {{100.0, -50.0}}, 16000.0), 1e6, 1e-6);
}

TEST(CoverageArea, DistrictWithoutDiscIsZero) {
  const PlanarMultiPolygon sq{rect(-500, -500, 500, 500)};
  EXPECT_EQ(covered(sq, {{50000.0, 0.0}}, 16000.0), 0.0);  // nearest vertex 33.5 km away
  EXPECT_EQ(covered(sq, {}, 16000.0), 0.0);                // no providers
  EXPECT_EQ(covered(sq, {{0.0, 0.0}}, 0.0), 0.0);          // radius 0
}

TEST(CoverageArea, DiscInsideDistrictCountsWhole) {
  const PlanarMultiPolygon big{rect(-100000, -100000, 100000, 100000)};
  const double a = disc_area(10000.0);
  EXPECT_NEAR(covered(big, {{1234.5, -987.25}}, 10000.0), a, 1e-9 * a);
}

TEST(CoverageArea, FarApartDiscsAddUpAndDuplicatesCountOnce) {
  const PlanarMultiPolygon big{rect(-100000, -100000, 100000, 100000)};
  const double a = disc_area(10000.0);
  EXPECT_NEAR(covered(big, {{-30000.0, 0.0}, {30000.0, 0.0}}, 10000.0), 2.0 * a, 2e-9 * a);
  EXPECT_NEAR(covered(big, {{5.0, 7.0}, {5.0, 7.0}, {5.0, 7.0}}, 10000.0), a, 1e-9 * a);
  // Twenty centres within 1e-7 m: the union exceeds one disc by less than perimeter × 1e-7
  // (≈ 0.006 m² of 3.1e8 m²). Must neither throw nor subdivide forever.
  std::vector<XY> near;
  for (int k = 0; k < 20; ++k) near.push_back({5.0 + 1e-7 * std::cos(k), 7.0 + 1e-7 * std::sin(k)});
  EXPECT_NEAR(covered(big, near, 10000.0), a, 1e-9 * a);
}

TEST(CoverageArea, ClusterOfNearIdenticalCentresStaysCheap) {
  // 40 providers within 1 mm of one point (one building, separately geocoded), cut in half
  // by the district's west edge. The union lies between the disc of any one of them and
  // that disc grown by 1 mm, so half of it is A/2 within ½ · perimeter (≈ 2π·1000 m) · 1 mm.
  Rng rng{5};
  std::vector<XY> cluster;
  for (int k = 0; k < 40; ++k) cluster.push_back({1e-3 * (rng() - 0.5), 1e-3 * (rng() - 0.5)});
  const double r = 1000.0, a = disc_area(r);
  detail::CoverageStats st;
  const double got = detail::covered_areas({district({rect(0, -5000, 5000, 5000)})}, cluster, r, 64, 1,
                                           detail::CoverageTuning{}, &st)[0];
  EXPECT_NEAR(got, a / 2, kPi * r * 1e-3);
  EXPECT_LT(st.boxes, 50000u);  // redundant discs are pruned (~9,300 boxes): no millimetre boxes along the arc
}

TEST(CoverageArea, DiscCentredOnAnEdgeCoversHalfOrAQuarter) {
  // The 64-gon is symmetric about both axes through its centre (vertices 0, 16, 32, 48 on
  // them), so a half-plane through the centre holds half of it, a quadrant a quarter.
  const double r = 10000.0, a = disc_area(r);
  EXPECT_NEAR(covered({rect(-50000, 0, 50000, 50000)}, {{0.0, 0.0}}, r), a / 2, 1e-9 * a);  // horizontal edge
  EXPECT_NEAR(covered({rect(-50000, -50000, 50000, 0)}, {{0.0, 0.0}}, r), a / 2, 1e-9 * a);
  EXPECT_NEAR(covered({rect(0, -50000, 50000, 50000)}, {{0.0, 0.0}}, r), a / 2, 1e-9 * a);  // vertical edge
  EXPECT_NEAR(covered({rect(0, 0, 50000, 50000)}, {{0.0, 0.0}}, r), a / 4, 1e-9 * a);       // corner
  // Shifted far from the origin (projected coordinates are large): same halves.
  EXPECT_NEAR(covered({rect(-250000, 1e5, -150000, 1.5e5)}, {{-200000.0, 1e5}}, r), a / 2, 1e-9 * a);
}

TEST(CoverageArea, MultiPolygonDistrictAddsItsParts) {
  // Part 1 inside disc 1 (1e6 m²); part 2 has disc 2 centred on its south-west corner (a
  // quarter of the disc). Disc 1 is 98 km from part 2, disc 2 98 km from part 1.
  const double r = 2000.0;
  const PlanarMultiPolygon g{rect(-500, -500, 500, 500), rect(100000, 0, 150000, 50000)};
  EXPECT_NEAR(covered(g, {{0.0, 0.0}, {100000.0, 0.0}}, r), 1e6 + disc_area(r) / 4, 1e-6);
}

TEST(CoverageArea, HoleIsNotCovered) {
  // Hole ±5 km (corner 7.07 km from the centre, inside the 10 km disc's inscribed circle
  // 9.988 km): covered = disc − hole.
  PlanarPolygon p = rect(-20000, -20000, 20000, 20000);
  PlanarRing hole{{-5000, -5000}, {5000, -5000}, {5000, 5000}, {-5000, 5000}, {-5000, -5000}};  // counter-clockwise
  p.inners().push_back(hole);
  ASSERT_TRUE(bg::is_valid(p));
  const double a = disc_area(10000.0);
  EXPECT_NEAR(covered({p}, {{0.0, 0.0}}, 10000.0), a - 1e8, 1e-9 * a);
  // A disc inside the hole covers nothing.
  EXPECT_EQ(covered({p}, {{0.0, 0.0}}, 3000.0), 0.0);
}

TEST(CoverageArea, DiscTouchingOrSharingDistrictEdges) {
  const double r = 1000.0;
  const PlanarPolygon d = disc({0, 0}, r, 64);
  const XY v0 = d.outer()[0], v1 = d.outer()[1];
  // A square whose west edge passes through vertex 0 (x = R): touches in one point.
  EXPECT_NEAR(covered({rect(r, -500, r + 1000, 500)}, {{0.0, 0.0}}, r), 0.0, 1e-9);
  // A triangle on edge 0→1, outside the disc: shares the edge, covers nothing.
  const XY mid{(v0.x + v1.x) / 2, (v0.y + v1.y) / 2};
  PlanarPolygon out_tri;
  out_tri.outer() = {v0, v1, {mid.x * 3, mid.y * 3}, v0};
  bg::correct(out_tri);
  EXPECT_NEAR(covered({out_tri}, {{0.0, 0.0}}, r), 0.0, 1e-9);
  // The triangle (centre, v0, v1): exactly 1/64 of the disc.
  PlanarPolygon in_tri;
  in_tri.outer() = {{0, 0}, v0, v1, {0, 0}};
  bg::correct(in_tri);
  EXPECT_NEAR(covered({in_tri}, {{0.0, 0.0}}, r), disc_area(r) / 64, 1e-9 * disc_area(r));
}

TEST(CoverageArea, TwoOverlappingDiscsAreTwoDiscsMinusTheLens) {
  const double r = 1000.0;
  const XY c1{0, 0}, c2{700, 300};
  PlanarMultiPolygon lens;
  bg::intersection(disc(c1, r, 64), disc(c2, r, 64), lens);  // independent: Boost overlay
  const double expected = 2 * disc_area(r) - bg::area(lens);
  EXPECT_NEAR(covered({rect(-5000, -5000, 5000, 5000)}, {c1, c2}, r), expected, kOverlayRtol * expected);
}

TEST(CoverageArea, AgreesWithBoostOverlayOnIrregularConfigurations) {
  Rng rng{42};
  for (int trial = 0; trial < 6; ++trial) {
    PlanarMultiPolygon g{blob({1e5, -2e5}, 9000, 60 + trial * 10, rng)};
    if (trial % 2 == 1) g.push_back(blob({1.2e5, -2e5}, 4000, 30, rng));  // a second part
    std::vector<XY> centres;
    for (int k = 0; k < 25; ++k) centres.push_back({1e5 + 24000 * (rng() - 0.5) + 5000, -2e5 + 24000 * (rng() - 0.5)});
    const double r = 1500.0 + 1000.0 * trial;
    const double expected = overlay_reference(g, centres, r);
    EXPECT_NEAR(covered(g, centres, r), expected, kOverlayRtol * bg::area(g)) << "trial " << trial;
  }
}

TEST(CoverageArea, DistrictGivenCounterClockwiseGivesTheSameArea) {
  Rng rng{7};
  PlanarMultiPolygon g{blob({0, 0}, 5000, 50, rng)};
  const std::vector<XY> centres{{3000, 0}, {-2000, 1500}};
  PlanarMultiPolygon rev = g;
  bg::reverse(rev);
  EXPECT_NEAR(covered(rev, centres, 2500.0), covered(g, centres, 2500.0), 1e-6);
}

TEST(CoverageArea, ResultsDoNotDependOnThreadsOrCentreOrder) {
  Rng rng{2024};
  std::vector<AnalysisDistrict> ds;
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j)
      ds.push_back(district({blob({i * 12000.0, j * 12000.0}, 6000, 80, rng)}, std::to_string(i * 6 + j)));
  std::vector<XY> centres;
  for (int k = 0; k < 300; ++k) centres.push_back({-10000 + 90000 * rng(), -10000 + 90000 * rng()});
  const auto one = covered_areas(ds, centres, 3000.0, 64, 1);
  EXPECT_EQ(covered_areas(ds, centres, 3000.0, 64, 2), one);  // bit-identical
  EXPECT_EQ(covered_areas(ds, centres, 3000.0, 64, 3), one);
  EXPECT_EQ(covered_areas(ds, centres, 3000.0, 64, 0), one);
  std::vector<XY> reversed(centres.rbegin(), centres.rend());
  EXPECT_EQ(covered_areas(ds, reversed, 3000.0, 64, 2), one);
  double total = 0;
  for (double a : one) total += a;
  EXPECT_GT(total, 0.0);
}

namespace {
// Several districts and overlapping discs where the coverage is partial.
struct Scene {
  std::vector<AnalysisDistrict> ds;
  std::vector<XY> centres;
  double r = 2500.0;
};
Scene scene() {
  Rng rng{99};
  Scene s;
  for (int i = 0; i < 3; ++i) s.ds.push_back(district({blob({i * 15000.0, 0}, 7000, 70, rng)}));
  for (int k = 0; k < 40; ++k) s.centres.push_back({-8000 + 46000 * rng(), -8000 + 16000 * rng()});
  return s;
}
}  // namespace

TEST(CoverageArea, DepthLimitOverlayGivesTheSameArea) {
  const Scene s = scene();
  const auto exact = covered_areas(s.ds, s.centres, s.r, 64, 1);
  for (const int depth : {0, 4}) {
    detail::CoverageTuning t;
    t.leaf_discs = 0;  // no inclusion–exclusion leaves: every box subdivides …
    t.max_depth = depth;
    t.ie_limit = 0;  // … and the depth-limit leaves use Boost.Geometry overlay
    detail::CoverageStats st;
    const auto got = detail::covered_areas(s.ds, s.centres, s.r, 64, 2, t, &st);
    EXPECT_GT(st.overlay_leaves, 0u);
    EXPECT_EQ(st.overlay_failures, 0u);
    for (std::size_t i = 0; i < exact.size(); ++i)
      EXPECT_NEAR(got[i], exact[i], kOverlayRtol * bg::area(s.ds[i].geometry))
          << "depth " << depth << " district " << i;
  }
}

TEST(CoverageArea, FailedOverlayFallsBackToInclusionExclusion) {
  const Scene s = scene();
  const auto exact = covered_areas(s.ds, s.centres, s.r, 64, 1);
  detail::CoverageTuning t;
  t.leaf_discs = 0;
  t.max_depth = 3;
  t.ie_limit = 0;
  t.fail_overlay = true;  // every overlay attempt "throws"
  detail::CoverageStats st;
  const auto got = detail::covered_areas(s.ds, s.centres, s.r, 64, 1, t, &st);
  EXPECT_GT(st.depth_limit_leaves, 0u);
  EXPECT_EQ(st.overlay_leaves, 0u);
  EXPECT_EQ(st.overlay_failures, 2 * st.depth_limit_leaves);  // first order, then reversed order
  for (std::size_t i = 0; i < exact.size(); ++i) EXPECT_NEAR(got[i], exact[i], 1e-9 * bg::area(s.ds[i].geometry)) << i;
}

TEST(CoveragePolygons, CoveredPartIsDistrictIntersectUnion) {
  const Scene s = scene();
  const auto areas = covered_areas(s.ds, s.centres, s.r, 64, 1);
  detail::CoverageStats st;
  const auto polys = detail::covered_polygons(s.ds, s.centres, s.r, 64, 2, detail::CoverageTuning{}, &st);
  ASSERT_EQ(polys.size(), s.ds.size());
  EXPECT_EQ(st.polygon_fallbacks, 0u);
  for (std::size_t i = 0; i < polys.size(); ++i) {
    EXPECT_TRUE(bg::is_valid(polys[i])) << i;
    EXPECT_NEAR(bg::area(polys[i]), areas[i], kOverlayRtol * bg::area(s.ds[i].geometry)) << i;
    EXPECT_NEAR(bg::area(polys[i]), overlay_reference(s.ds[i].geometry, s.centres, s.r),
                kOverlayRtol * bg::area(s.ds[i].geometry))
        << i;
    PlanarMultiPolygon outside;  // nothing outside the district
    bg::difference(polys[i], s.ds[i].geometry, outside);
    EXPECT_LT(bg::area(outside), kOverlayRtol * bg::area(s.ds[i].geometry)) << i;
  }
  const auto again = covered_polygons(s.ds, s.centres, s.r, 64, 1);  // deterministic
  for (std::size_t i = 0; i < polys.size(); ++i) EXPECT_TRUE(same(again[i], polys[i])) << i;
}

TEST(CoveragePolygons, WholeAndEmptyDistricts) {
  const PlanarMultiPolygon sq{rect(-500, -500, 500, 500)};
  const auto whole = covered_polygons({district(sq)}, {{0.0, 0.0}}, 16000.0, 64, 1);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].size(), 1u);
  EXPECT_NEAR(bg::area(whole[0]), 1e6, 1e-6);
  EXPECT_TRUE(covered_polygons({district(sq)}, {{90000.0, 0.0}}, 16000.0, 64, 1)[0].empty());
  EXPECT_TRUE(covered_polygons({district(sq)}, {}, 16000.0, 64, 1)[0].empty());
}

TEST(CoveragePolygons, EveryOverlayFailingGivesEmptyAndIsCounted) {
  const Scene s = scene();
  detail::CoverageTuning t;
  t.fail_overlay = true;
  detail::CoverageStats st;
  const auto polys = detail::covered_polygons(s.ds, s.centres, s.r, 64, 1, t, &st);
  const auto areas = covered_areas(s.ds, s.centres, s.r, 64, 1);
  std::size_t emptied = 0;
  for (std::size_t i = 0; i < polys.size(); ++i) {
    if (!(areas[i] > 0)) continue;
    if (polys[i].empty())
      ++emptied;
    else
      EXPECT_TRUE(same(polys[i], s.ds[i].geometry)) << i;  // inside one disc: no overlay needed
  }
  EXPECT_GT(emptied, 0u);
  EXPECT_EQ(st.polygon_fallbacks, emptied);
}
