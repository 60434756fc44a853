#pragma once
// The analysis engine: coverage, 24/365 gaps with redundancy, and E2SFCA accessibility,
// on planar inputs (metres). It knows nothing of files; the app layer builds its input
// from the registry (or from a benchmark world) and writes its results.
//
// Conventions (../shared/bench/WORKLOAD.md, the contract the engine is measured by):
//  * Disc of a provider with radius R: the regular polygon of `disc_segments` vertices
//    inscribed in the circle, first vertex due east, clockwise (GEOS buffer quadsegs 16
//    for 64 segments). Area coverage = area(district ∩ ∪ discs of the layer).
//  * Reach (population coverage, gaps, E2SFCA): Euclidean distance ≤ R between a cell
//    centroid and a provider — the true circle, not the polygon.
//  * A cell belongs to the district whose polygon contains its centroid; cells in no
//    district count in no district aggregate.
//  * Hour of week h = [h, h+1) hours after Monday 00:00; a provider is open in slot h when
//    its schedule bit h is set (see WeeklySchedule). The gap and redundancy tables add a
//    public-holiday (祝日) profile: slot kHolidaySlot0 + h is hour h of a holiday.
//  * E2SFCA (Luo & Qi 2009, Gaussian decay as Dai 2010): W(d) = (exp(−½(d/d0)²) − exp(−½)) /
//    (1 − exp(−½)) for d ≤ d0, else 0; R_j = S_j / Σ_k W(d_kj) D_k; A_i = 1000 Σ_j W(d_ij) R_j.
//  * Drive time (a layer with `travel`): reach is travel time t ≤ travel_minutes from the
//    provider to the cell over the road network, as the routing engine computed it
//    (routing::travel_times); its E2SFCA uses t in minutes with d0 = e2sfca_d0_minutes.
//    Area coverage is not defined for it (covered_m2 stays 0): drive-time reach is
//    measured on the cells.
#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <vector>

#include "careatlas/geometry/planar.hpp"
#include "careatlas/model/schedule.hpp"

namespace careatlas::geometry {

// Time slots of the gap analysis: the 168 hours of the week, then the 24 hours of a
// public holiday (祝日).
inline constexpr std::size_t kHolidaySlot0 = kHoursPerWeek;        // 168
inline constexpr std::size_t kGapSlots = kHolidaySlot0 + 24;        // 192

// The 192 gap slots as bits: slot s is bit s % 64 of word s / 64.
using SlotMask = std::array<std::uint64_t, 3>;

struct AnalysisDistrict {
  std::string id;
  std::string name;
  PlanarMultiPolygon geometry;  // valid, in the analysis CRS
};

struct AnalysisCell {
  std::uint64_t mesh_code = 0;
  XY centre;
  double pop65 = 0.0;  // demand (E2SFCA D_k) and the population counted in every aggregate
};

struct AnalysisProvider {
  XY at;
  double supply = 0.0;                    // E2SFCA S_j (doctors)
  std::bitset<kHoursPerWeek> open;        // hour-of-week slots it is open
  std::bitset<24> holiday_open;           // hours it is open on a public holiday
  std::size_t source = 0;                 // index of the facility it came from (for reports)
};

// Reach over the road network, computed beforehand: for provider j of the layer, the cells
// it reaches and the minutes it takes — entries offsets[j] … offsets[j + 1] − 1, cells
// ascending — every cell within max(travel_minutes, e2sfca_d0_minutes) at least.
struct TravelReach {
  std::vector<std::size_t> offsets;  // providers + 1
  std::vector<std::uint32_t> cell;   // index into AnalysisInput::cells
  std::vector<double> minutes;
};

struct AnalysisLayer {
  std::string name;    // e.g. "clinic_hv"
  double radius_m = 0;
  std::vector<AnalysisProvider> providers;
  // Drive time: reach is `travel` cut at travel_minutes (radius_m is then not used).
  const TravelReach* travel = nullptr;
  double travel_minutes = 0;
  bool by_road() const { return travel != nullptr; }
};

struct AnalysisInput {
  std::vector<AnalysisDistrict> districts;
  std::vector<AnalysisCell> cells;
  std::vector<AnalysisLayer> layers;
};

struct AnalysisOptions {
  int disc_segments = 64;        // DEFAULT 64 (GEOS quadsegs 16)
  std::size_t access_layer = 0;  // layer whose providers are the E2SFCA supply. DEFAULT 0
  double e2sfca_d0 = 16000.0;    // metres. DEFAULT 16 km
  // A second E2SFCA over the road network: the drive-time layer whose providers are its
  // supply (AnalysisResult::road_access), with the catchment d0 in minutes. DEFAULT none
  std::size_t road_access_layer = static_cast<std::size_t>(-1);
  double e2sfca_d0_minutes = 30.0;
  unsigned threads = 0;          // 0 = all hardware threads
  // Area coverage does not depend on the population: a second run on another year can
  // skip the overlay (CoverageRow area fields then stay 0). DEFAULT true
  bool coverage_areas = true;
};

struct CoverageRow {
  double area_m2 = 0;          // area of the district
  double covered_m2 = 0;       // area of district ∩ union of discs
  double pop65_total = 0;      // Σ pop65 of cells in the district
  double pop65_covered = 0;    // … within reach of ≥ 1 provider of the layer
};

struct LayerResult {
  std::vector<CoverageRow> coverage;  // per district
  std::vector<std::uint8_t> reached;  // per cell: 1 when some provider of the layer reaches it
  // Per district and time slot (index district * kGapSlots + slot: hour of week, then
  // holiday hour), pop65 of cells that no open provider reaches (uncovered) and that
  // exactly one open provider reaches (fragile: no deputy).
  std::vector<double> uncovered;
  std::vector<double> fragile;
};

struct AnalysisResult {
  std::vector<int> cell_district;     // per cell: district index or −1
  std::vector<LayerResult> layers;    // per input layer
  std::vector<double> access;         // per cell: E2SFCA A_i (per 1,000 aged 65+)
  std::vector<int> access_providers;  // per cell: providers with d ≤ d0
  double access_supply_used = 0;      // Σ S_j over providers with a non-zero denominator
  // The same over the road network (AnalysisOptions::road_access_layer); empty without it.
  std::vector<double> road_access;
  std::vector<int> road_access_providers;  // providers with t ≤ d0 minutes
  double road_access_supply_used = 0;
  std::vector<std::pair<std::string, double>> timings;  // seconds per step, for benchmarks
};

AnalysisResult run_analysis(const AnalysisInput& in, const AnalysisOptions& opt);

// Per cell of `in`, the open providers of in.layers[layer] that reach it in each slot,
// counted up to two: bit s of one[i] is set when at least one open provider reaches cell
// i in slot s, of two[i] when at least two do; reached[i] when any provider reaches it,
// open or not. The state the gap tables aggregate, for planning (careatlas::planning).
struct CellHours {
  std::vector<SlotMask> one, two;
  std::vector<std::uint8_t> reached;
};
CellHours cell_hours(const AnalysisInput& in, std::size_t layer, unsigned threads = 0);

// Slot mask of a schedule: the 168 hours of the week, then the 24 holiday hours.
SlotMask slot_mask(const std::bitset<kHoursPerWeek>& week, const std::bitset<24>& holiday);

}  // namespace careatlas::geometry
