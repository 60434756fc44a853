#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "careatlas/model/mesh_code.hpp"

namespace careatlas {
namespace {

using mesh::Level;

// WORKLOAD.md §3, written out independently of the implementation.
LonLat workload_centroid(std::uint64_t code) {
  const std::uint64_t m1 = code / 100000, p = m1 / 100, u = m1 % 100;
  const std::uint64_t q = (code / 10000) % 10, v = (code / 1000) % 10;
  const std::uint64_t r = (code / 100) % 10, w = (code / 10) % 10;
  const std::uint64_t m = code % 10;
  const std::uint64_t I = p * 160 + q * 20 + r * 2 + (m - 1) / 2;
  const std::uint64_t J = u * 160 + v * 20 + w * 2 + (m - 1) % 2;
  return {100.0 + (static_cast<double>(J) + 0.5) / 160.0, (static_cast<double>(I) + 0.5) / 240.0};
}

bool contains(const mesh::CellBounds& b, LonLat p) {
  return p.lat >= b.south && p.lat < b.north && p.lon >= b.west && p.lon < b.east;
}

TEST(MeshCode, CheckValueEncodesAtHalfLevel) {
  const LonLat p{139.771875, 35.68125};
  EXPECT_EQ(mesh::encode(p, Level::half), 533946114u);
}

TEST(MeshCode, CheckValueDecodesBack) {
  const auto b = mesh::decode(533946114);
  ASSERT_TRUE(b);
  EXPECT_TRUE(contains(*b, {139.771875, 35.68125}));
  const auto c = mesh::half_mesh_centroid(533946114);
  ASSERT_TRUE(c);
  // I = 8563, J = 6363 → (8563.5 / 240, 100 + 6363.5 / 160): the check point itself.
  EXPECT_EQ(c->lat, 8563.5 / 240.0);
  EXPECT_EQ(c->lon, 100.0 + 6363.5 / 160.0);
  EXPECT_EQ(*c, workload_centroid(533946114));
  EXPECT_DOUBLE_EQ(c->lat, 35.68125);
  EXPECT_DOUBLE_EQ(c->lon, 139.771875);
}

TEST(MeshCode, TokyoStationEveryLevel) {
  const LonLat p{139.767125, 35.681236};
  EXPECT_EQ(mesh::encode(p, Level::first), 5339u);
  EXPECT_EQ(mesh::encode(p, Level::second), 533946u);
  EXPECT_EQ(mesh::encode(p, Level::third), 53394611u);
  // 3rd mesh SW corner 35°40′30″, 139°45′45″: the point is 22.45″ north (≥ 15″), 16.65″ east
  // (< 22.5″) → NW half (3); in it 7.45″ north (< 7.5″), 16.65″ east (≥ 11.25″) → SE quarter (2).
  EXPECT_EQ(mesh::encode(p, Level::half), 533946113u);
  EXPECT_EQ(mesh::encode(p, Level::quarter), 5339461132u);
  for (std::uint64_t code : {5339ull, 533946ull, 53394611ull, 533946113ull, 5339461132ull}) {
    const auto b = mesh::decode(code);
    ASSERT_TRUE(b) << code;
    EXPECT_TRUE(contains(*b, p)) << code;
  }
}

TEST(MeshCode, LevelsFromDigitCount) {
  EXPECT_EQ(mesh::level_of(5339), Level::first);
  EXPECT_EQ(mesh::level_of(533946), Level::second);
  EXPECT_EQ(mesh::level_of(53394611), Level::third);
  EXPECT_EQ(mesh::level_of(533946114), Level::half);
  EXPECT_EQ(mesh::level_of(5339461141), Level::quarter);
  EXPECT_FALSE(mesh::level_of(53394));
  EXPECT_FALSE(mesh::level_of(5339461));
  EXPECT_FALSE(mesh::level_of(53394611412));
}

TEST(MeshCode, DecodeBoundsOfEveryLevel) {
  // 1st mesh 5339: lat 53/1.5 = 35°20′ .. 36°, lon 139 .. 140.
  auto b = mesh::decode(5339);
  ASSERT_TRUE(b);
  EXPECT_DOUBLE_EQ(b->south, 53.0 / 1.5);
  EXPECT_DOUBLE_EQ(b->north, 54.0 / 1.5);
  EXPECT_DOUBLE_EQ(b->west, 139.0);
  EXPECT_DOUBLE_EQ(b->east, 140.0);
  // 2nd 533946: + 4 × 5′, + 6 × 7′30″.
  b = mesh::decode(533946);
  ASSERT_TRUE(b);
  EXPECT_DOUBLE_EQ(b->south, 53.0 / 1.5 + 4.0 / 12.0);
  EXPECT_DOUBLE_EQ(b->west, 139.0 + 6.0 / 8.0);
  // 3rd 53394611: + 1 × 30″, + 1 × 45″.
  b = mesh::decode(53394611);
  ASSERT_TRUE(b);
  EXPECT_DOUBLE_EQ(b->south, 53.0 / 1.5 + 4.0 / 12.0 + 1.0 / 120.0);
  EXPECT_DOUBLE_EQ(b->west, 139.0 + 6.0 / 8.0 + 1.0 / 80.0);
  // Half 4 = NE of the 3rd mesh, quarter 1 = SW of that.
  const auto third = *b;
  const auto ne = mesh::decode(533946114);
  ASSERT_TRUE(ne);
  EXPECT_DOUBLE_EQ(ne->south, third.south + 15.0 / 3600.0);
  EXPECT_DOUBLE_EQ(ne->west, third.west + 22.5 / 3600.0);
  EXPECT_DOUBLE_EQ(ne->north, third.north);
  EXPECT_DOUBLE_EQ(ne->east, third.east);
  const auto q = mesh::decode(5339461141);
  ASSERT_TRUE(q);
  EXPECT_DOUBLE_EQ(q->south, ne->south);
  EXPECT_DOUBLE_EQ(q->west, ne->west);
  EXPECT_DOUBLE_EQ(q->north, ne->south + 7.5 / 3600.0);
  EXPECT_DOUBLE_EQ(q->east, ne->west + 11.25 / 3600.0);
  // Half digits 1 SW, 2 SE, 3 NW, 4 NE.
  const auto sw = *mesh::decode(533946111), se = *mesh::decode(533946112), nw = *mesh::decode(533946113);
  EXPECT_EQ(sw.south, third.south);
  EXPECT_EQ(sw.west, third.west);
  EXPECT_EQ(se.south, sw.south);
  EXPECT_EQ(se.west, sw.east);
  EXPECT_EQ(nw.south, sw.north);
  EXPECT_EQ(nw.west, sw.west);
}

TEST(MeshCode, CellSizes) {
  struct Case {
    std::uint64_t code;
    double dlat_sec, dlon_sec;
  };
  for (const Case& c : {Case{5339, 2400, 3600}, Case{533946, 300, 450}, Case{53394611, 30, 45},
                        Case{533946114, 15, 22.5}, Case{5339461141, 7.5, 11.25}}) {
    const auto b = mesh::decode(c.code);
    ASSERT_TRUE(b) << c.code;
    EXPECT_NEAR((b->north - b->south) * 3600.0, c.dlat_sec, 1e-9) << c.code;
    EXPECT_NEAR((b->east - b->west) * 3600.0, c.dlon_sec, 1e-9) << c.code;
  }
}

TEST(MeshCode, HalfMeshCentroidMatchesWorkloadFormula) {
  for (std::uint64_t code : {533946114ull, 533913854ull, 362420011ull, 684430774ull, 393000001ull}) {
    const auto c = mesh::half_mesh_centroid(code);
    ASSERT_TRUE(c) << code;
    EXPECT_EQ(*c, workload_centroid(code)) << code;  // bit for bit
    EXPECT_EQ(mesh::encode(*c, Level::half), code);
  }
  EXPECT_FALSE(mesh::half_mesh_centroid(53394611));    // not a half mesh
  EXPECT_FALSE(mesh::half_mesh_centroid(533946115));   // invalid digit
}

// A sweep over Japan's box at every level: the centre of each cell encodes to the cell,
// and the point the cell was made from lies in its bounds.
TEST(MeshCode, RoundTripSweepOverJapan) {
  int checked = 0;
  for (double lat = 20.0; lat <= 46.0; lat += 0.0731) {
    for (double lon = 122.0; lon <= 154.0; lon += 0.0917) {
      for (Level lv : {Level::first, Level::second, Level::third, Level::half, Level::quarter}) {
        const auto code = mesh::encode({lon, lat}, lv);
        ASSERT_TRUE(code);
        ASSERT_EQ(mesh::level_of(*code), lv);
        const auto b = mesh::decode(*code);
        ASSERT_TRUE(b) << *code;
        ASSERT_TRUE(contains(*b, {lon, lat})) << *code << " " << lat << " " << lon;
        ASSERT_EQ(mesh::encode(b->centre(), lv), code);
        ASSERT_EQ(mesh::parse(std::to_string(*code)), code);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 100000);
}

// Cells are closed at south/west: every corner as decode() computes it belongs to the
// cell (exactly, with no rounding slip into the neighbour), the north/east edges do not.
TEST(MeshCode, SouthWestCornerBelongsToTheCell) {
  int checked = 0;
  for (std::uint64_t first : {3036ull, 3622ull, 3927ull, 4530ull, 5339ull, 5438ull, 6441ull, 6842ull}) {
    for (std::uint64_t q = 0; q < 8; ++q)
      for (std::uint64_t v = 0; v < 8; ++v)
        for (std::uint64_t r = 0; r < 10; ++r)
          for (std::uint64_t w = 0; w < 10; ++w)
            for (std::uint64_t m = 1; m <= 4; ++m) {
              const std::uint64_t code = (((first * 100 + q * 10 + v) * 100 + r * 10 + w) * 10) + m;
              const auto b = mesh::decode(code);
              ASSERT_TRUE(b) << code;
              ASSERT_EQ(mesh::encode({b->west, b->south}, Level::half), code) << code;
              EXPECT_NE(mesh::encode({b->east, b->south}, Level::half), code) << code;
              EXPECT_NE(mesh::encode({b->west, b->north}, Level::half), code) << code;
              ++checked;
            }
  }
  EXPECT_EQ(checked, 8 * 64 * 100 * 4);
  // The corner of a 1st mesh belongs to the 1st mesh to its north-east at every level.
  EXPECT_EQ(mesh::encode({139.0, 53.0 / 1.5}, Level::first), 5339u);
  EXPECT_EQ(mesh::encode({139.0, 53.0 / 1.5}, Level::half), 533900001u);
}

TEST(MeshCode, EncodeOutsideTheDomain) {
  EXPECT_FALSE(mesh::encode({99.9, 35.0}, Level::half));
  EXPECT_FALSE(mesh::encode({200.0, 35.0}, Level::half));
  EXPECT_FALSE(mesh::encode({139.0, -0.1}, Level::half));
  EXPECT_FALSE(mesh::encode({139.0, 66.7}, Level::half));
  EXPECT_FALSE(mesh::encode({139.0, 5.0}, Level::first));  // 1st-mesh row below 10: no 4-digit code
  EXPECT_FALSE(mesh::encode({139.0, std::nan("")}, Level::half));
}

TEST(MeshCode, ParseAcceptsValidCodes) {
  EXPECT_EQ(mesh::parse("5339"), 5339u);
  EXPECT_EQ(mesh::parse("533946"), 533946u);
  EXPECT_EQ(mesh::parse("53394611"), 53394611u);
  EXPECT_EQ(mesh::parse("533946114"), 533946114u);
  EXPECT_EQ(mesh::parse("5339461143"), 5339461143u);
  EXPECT_EQ(mesh::parse("533977994"), 533977994u);  // 2nd digits 7, 3rd digits 9
}

TEST(MeshCode, ParseRejectsInvalidCodes) {
  EXPECT_FALSE(mesh::parse("533986114"));   // 2nd-mesh lat digit 8
  EXPECT_FALSE(mesh::parse("533996114"));   // 2nd-mesh lat digit 9
  EXPECT_FALSE(mesh::parse("533948114"));   // 2nd-mesh lon digit 8
  EXPECT_FALSE(mesh::parse("533949114"));   // 2nd-mesh lon digit 9
  EXPECT_FALSE(mesh::parse("533981"));      // 2nd mesh alone, lat digit 8
  EXPECT_FALSE(mesh::parse("533946110"));   // half digit 0
  EXPECT_FALSE(mesh::parse("533946115"));   // half digit 5
  EXPECT_FALSE(mesh::parse("5339461145"));  // quarter digit 5
  EXPECT_FALSE(mesh::parse("5339461140"));  // quarter digit 0
  EXPECT_FALSE(mesh::parse(""));
  EXPECT_FALSE(mesh::parse("533"));
  EXPECT_FALSE(mesh::parse("53394"));
  EXPECT_FALSE(mesh::parse("5339461"));
  EXPECT_FALSE(mesh::parse("53394611411"));
  EXPECT_FALSE(mesh::parse("53394611x"));
  EXPECT_FALSE(mesh::parse(" 53394611"));
  EXPECT_FALSE(mesh::parse("-5339"));
  EXPECT_FALSE(mesh::parse("5339.0"));
  // A leading zero would change the level the digits are read at.
  EXPECT_FALSE(mesh::parse("053394611"));
  EXPECT_FALSE(mesh::parse("0533"));
}

}  // namespace
}  // namespace careatlas
