// Scenario tests for the analysis engine, drawn as ASCII grids of 1 km squares (OSRM /
// Valhalla style). Every expected number is worked out by hand in the comment next to it.
//
// Legend: a letter is a square of district A, B, …; the digit map gives each square's
// cell population aged 65+ at the square's centre; providers sit at square centres.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "careatlas/geometry/analysis.hpp"

using namespace careatlas;
using namespace careatlas::geometry;

namespace {

constexpr double kKm = 1000.0;

// Districts from a letter grid: each district is the union of its squares, built as one
// polygon per row run (rows of squares of the same letter), so the geometry is exact.
// Row 0 of the drawing is the northernmost row.
struct Scenario {
  std::vector<std::string> map;     // district letters, '.' = outside
  std::vector<std::string> people;  // digit = pop65 of the cell at the square's centre, '.' = no cell
  AnalysisInput input;

  Scenario(std::vector<std::string> m, std::vector<std::string> p) : map(std::move(m)), people(std::move(p)) {
    const int rows = static_cast<int>(map.size());
    std::map<char, PlanarMultiPolygon> parts;
    for (int r = 0; r < rows; ++r) {
      const double y0 = (rows - 1 - r) * kKm, y1 = y0 + kKm;
      for (int c = 0; c < static_cast<int>(map[r].size());) {
        const char d = map[r][c];
        int e = c;
        while (e < static_cast<int>(map[r].size()) && map[r][e] == d) ++e;
        if (d != '.') {
          PlanarPolygon sq;  // clockwise
          sq.outer() = {{c * kKm, y0}, {c * kKm, y1}, {e * kKm, y1}, {e * kKm, y0}, {c * kKm, y0}};
          parts[d].push_back(sq);
        }
        c = e;
      }
    }
    for (auto& [d, mp] : parts) input.districts.push_back({std::string(1, d), std::string(1, d), mp});
    std::uint64_t code = 1;
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < static_cast<int>(people[r].size()); ++c)
        if (people[r][c] != '.')
          input.cells.push_back({code++, centre(r, c), static_cast<double>(people[r][c] - '0')});
  }
  XY centre(int row, int col) const {
    return {(col + 0.5) * kKm, (static_cast<int>(map.size()) - 1 - row + 0.5) * kKm};
  }
  std::size_t district(char d) const { return static_cast<std::size_t>(d - 'A'); }
};

std::bitset<kHoursPerWeek> hours(int from_h, int to_h, bool weekdays_only) {
  std::bitset<kHoursPerWeek> b;
  for (int day = 0; day < (weekdays_only ? 5 : 7); ++day)
    for (int h = from_h; h < to_h; ++h) b.set(static_cast<std::size_t>(day * 24 + h));
  return b;
}

const std::bitset<kHoursPerWeek> kAlways = std::bitset<kHoursPerWeek>().set();
const double kDisc64 = 32.0 * std::sin(2.0 * M_PI / 64.0);  // area of the 64-gon / R²

AnalysisOptions opts() {
  AnalysisOptions o;
  o.threads = 1;
  o.e2sfca_d0 = 2.0 * kKm;
  return o;
}

}  // namespace

// A valley district B east of a town A. One 24/7 clinic in A's middle square with a
// 1.5 km radius; a daytime clinic (Mon–Fri 9–18) in B's west square.
//
//   district   people
//   AAABBBB    2113111
//   AAABBBB    1311111
//   AAABBBB    2113111
//   row 1, col 1 = 24/7 clinic; row 1, col 3 = daytime clinic.
TEST(Scenario, ValleyCoverageGapsAndRedundancy) {
  Scenario s({"AAABBBB", "AAABBBB", "AAABBBB"}, {"2113111", "1311111", "2113111"});
  AnalysisLayer L{"clinic_hv", 1.5 * kKm, {}};
  L.providers.push_back({s.centre(1, 1), 1.0, kAlways, 0});
  L.providers.push_back({s.centre(1, 3), 1.0, hours(9, 18, true), 1});
  s.input.layers.push_back(L);
  const AnalysisResult r = run_analysis(s.input, opts());
  const LayerResult& lr = r.layers[0];
  const std::size_t A = s.district('A'), B = s.district('B');

  // Totals: A = 2+1+1 + 1+3+1 + 2+1+1 = 13; B = 3+1+1+1 + 1+1+1+1 + 3+1+1+1 = 16.
  EXPECT_EQ(lr.coverage[A].pop65_total, 13);
  EXPECT_EQ(lr.coverage[B].pop65_total, 16);
  // Reach 1.5 km from a square centre: itself, 4 neighbours (1 km) and 4 diagonals (1.41 km).
  // The 24/7 clinic at (1,1) reaches all of A. The daytime clinic at (1,3) reaches cols 2–4:
  // in B cols 3–4 of all rows = 3+1 + 1+1 + 3+1 = 10.
  EXPECT_EQ(lr.coverage[A].pop65_covered, 13);
  EXPECT_EQ(lr.coverage[B].pop65_covered, 10);
  // Monday 03:00 (slot 3): only the 24/7 clinic is open → B uncovered = 16, A = 0.
  EXPECT_EQ(lr.uncovered[B * kGapSlots + 3], 16);
  EXPECT_EQ(lr.uncovered[A * kGapSlots + 3], 0);
  // Monday 10:00 (slot 10): B uncovered = 16 − 10 = 6 (cols 5–6).
  EXPECT_EQ(lr.uncovered[B * kGapSlots + 10], 6);
  // Fragile at 10:00: cells reached by exactly one open clinic. In A, col 2 is also reached
  // by the daytime clinic (1 km away): col 2 = 1+1+1 = 3 has two, cols 0–1 (10) have one.
  EXPECT_EQ(lr.fragile[A * kGapSlots + 10], 10);
  // In B, cols 3–4 have the daytime clinic only (the 24/7 one is ≥ 2 km away): 10 fragile.
  EXPECT_EQ(lr.fragile[B * kGapSlots + 10], 10);
  // Saturday 10:00 (slot 5·24+10 = 130): the daytime clinic is closed: B fully uncovered.
  EXPECT_EQ(lr.uncovered[B * kGapSlots + 130], 16);
  EXPECT_EQ(lr.fragile[A * kGapSlots + 130], 13);
  // Areas: A is 3 × 3 km, B 4 × 3 km. The 24/7 disc (r 1.5 km) at A's centre touches A's
  // sides with four vertices and lies inside A, so A is covered at least by its 64-gon area.
  EXPECT_NEAR(lr.coverage[A].area_m2, 9e6, 1e-6);
  EXPECT_GE(lr.coverage[A].covered_m2, kDisc64 * 1.5e3 * 1.5e3 - 1e-3);
  EXPECT_LE(lr.coverage[A].covered_m2, 9e6);
  EXPECT_NEAR(lr.coverage[B].area_m2, 12e6, 1e-6);
}

// E2SFCA by hand: one clinic (2 doctors) at a cell of 10 people; a cell of 30 people 2 km
// east (at d0 = 2 km); a cell of 20 people 3 km east (beyond d0).
//
//   district   people
//   AAAA       1.3.     (digits are tens: 10, 30 — see the populations set below)
TEST(Scenario, E2sfcaByHand) {
  Scenario s({"AAAA"}, {"1.3."});
  s.input.cells[0].pop65 = 10;
  s.input.cells[1].pop65 = 30;
  s.input.cells.push_back({99, s.centre(0, 3), 20});
  AnalysisLayer L{"clinic_hv", 16 * kKm, {}};
  L.providers.push_back({s.centre(0, 0), 2.0, kAlways, 0});
  s.input.layers.push_back(L);
  const AnalysisResult r = run_analysis(s.input, opts());
  // W(d) = (exp(−½(d/d0)²) − exp(−½)) / (1 − exp(−½)); d0 = 2 km.
  const double e = std::exp(-0.5);
  // Sanity of the hand formula: W(1 km) = (e^−⅛ − e^−½)/(1 − e^−½) = 0.2759662/0.3934693.
  EXPECT_NEAR((std::exp(-0.5 * 0.25) - e) / (1 - e), 0.701366, 1e-6);
  // Cell "3" is at col 2, 2 km = d0 from the clinic → W = 0 exactly; the 20 are 3 km away.
  const double den = 1.0 * 10 + 0.0 * 30;  // W(0) = 1, W(2 km) = 0
  const double Rj = 2.0 / den;
  EXPECT_NEAR(r.access[0], 1000 * 1.0 * Rj, 1e-9);  // 200 doctors per 1,000 aged 65+
  EXPECT_NEAR(r.access[1], 0.0, 1e-12);
  EXPECT_EQ(r.access_providers[0], 1);
  EXPECT_EQ(r.access_providers[1], 1);  // d = d0 counts (d ≤ d0)
  EXPECT_EQ(r.access_providers[2], 0);
  EXPECT_DOUBLE_EQ(r.access_supply_used, 2.0);
  // Invariant: Σ A_i D_i / 1000 = supply.
  double sum = 0;
  for (std::size_t i = 0; i < s.input.cells.size(); ++i) sum += r.access[i] * s.input.cells[i].pop65 / 1000.0;
  EXPECT_NEAR(sum, 2.0, 1e-12);
}

// Two competing clinics: the E2SFCA ratio splits demand they share.
//   AAAAA
//   1.2.1      clinic at col 0 (1 doctor) and at col 4 (1 doctor); the middle cell (20
//              people, 2 km from both) is at d = d0 (weight 0) with d0 = 2 km; so each
//              clinic serves only its own cell: A = 1000 · 1/10 = 100 at both ends.
TEST(Scenario, E2sfcaSymmetricClinics) {
  Scenario s({"AAAAA"}, {"1.2.1"});
  s.input.cells[0].pop65 = 10;
  s.input.cells[1].pop65 = 20;
  s.input.cells[2].pop65 = 10;
  AnalysisLayer L{"clinic_hv", 16 * kKm, {}};
  L.providers.push_back({s.centre(0, 0), 1.0, kAlways, 0});
  L.providers.push_back({s.centre(0, 4), 1.0, kAlways, 1});
  s.input.layers.push_back(L);
  AnalysisOptions o = opts();
  const AnalysisResult r = run_analysis(s.input, o);
  EXPECT_NEAR(r.access[0], 100.0, 1e-9);
  EXPECT_NEAR(r.access[2], 100.0, 1e-9);
  EXPECT_NEAR(r.access[1], 0.0, 1e-12);
  EXPECT_EQ(r.access_providers[1], 2);
  // With d0 = 4 km every clinic reaches every cell: W(0)=1, W(2km)=w, W(4km)=0.
  o.e2sfca_d0 = 4 * kKm;
  const AnalysisResult r4 = run_analysis(s.input, o);
  const double e = std::exp(-0.5), w = (std::exp(-0.5 * 0.25) - e) / (1 - e);
  const double Rj = 1.0 / (10 + 20 * w);  // each clinic: own cell (W=1), middle (W=w), far end (W=0)
  EXPECT_NEAR(r4.access[0], 1000 * Rj, 1e-9);
  EXPECT_NEAR(r4.access[1], 1000 * 2 * w * Rj, 1e-9);
}

TEST(Scenario, ResultsDoNotDependOnThreadCount) {
  Scenario s({"AAABBBB", "AAABBBB", "AAABBBB"}, {"2113111", "1311111", "2113111"});
  AnalysisLayer L{"clinic_hv", 2.5 * kKm, {}};
  L.providers.push_back({s.centre(0, 0), 2.0, kAlways, 0});
  L.providers.push_back({s.centre(2, 5), 1.0, hours(8, 20, false), 1});
  L.providers.push_back({s.centre(1, 3), 3.0, hours(9, 12, true), 2});
  s.input.layers.push_back(L);
  AnalysisOptions o = opts();
  const AnalysisResult one = run_analysis(s.input, o);
  o.threads = 2;
  const AnalysisResult two = run_analysis(s.input, o);
  EXPECT_EQ(one.access, two.access);
  EXPECT_EQ(one.layers[0].uncovered, two.layers[0].uncovered);
  EXPECT_EQ(one.layers[0].fragile, two.layers[0].fragile);
  EXPECT_EQ(one.layers[0].coverage[0].covered_m2, two.layers[0].coverage[0].covered_m2);
}
