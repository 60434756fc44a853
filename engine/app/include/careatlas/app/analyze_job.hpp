#pragma once
// The analyze job: registry → coverage, 24/365 gaps and redundancy, E2SFCA, underserved
// ranking, for the base year and each future year; CSV tables for Excel.
//
// Outputs in `out_dir` (UTF-8 with BOM, CRLF, for Japanese Excel; the analysis CRS is
// named in every table):
//   district_summary.csv  one row per district: the metrics of the ranking, per layer
//                         coverage, and future-year figures; Japanese or English headers
//   coverage.csv          district × layer × year: areas and 65+ covered
//   gaps.csv              district × layer × year × hour of week (hour 0–167), then the
//                         24 hours of a public holiday (hour 168–191, day "Hol"): 65+
//                         uncovered / fragile
//   access.csv            mesh cell × year: E2SFCA accessibility
//   analysis_parameters.csv  CRS, radii, method and parameters as key,value
//   analysis.gpkg         for QGIS: district_metrics, coverage (covered part of each
//                         district per layer), cell_access (cells per year), EPSG:6668
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "careatlas/app/road_travel.hpp"
#include "careatlas/geometry/planar.hpp"
#include "careatlas/geometry/project_area.hpp"
#include "careatlas/model/provider_layer.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"

namespace careatlas::app {

struct AnalyzeOptions {
  project::AnalysisSettings settings;
  // The project's layers; a layer with travel_minutes is analysed in both its views
  // (reach_views): straight-line and by road over the registry's network.
  std::vector<ProviderLayer> layers;
  RoadSpeeds road_speeds = RoadSpeeds::defaults();  // [network]
  std::string out_dir;  // empty: compute only
  unsigned threads = 0;
  std::function<void(const std::string&)> progress;
  // Keep what the maps draw (AnalyzeOutcome::map_data), so that the map job neither
  // projects the districts again nor repeats the coverage overlay. DEFAULT false
  bool keep_map_data = false;
  // The project area: only its districts are analysed and ranked (app::project_area_of).
  const geometry::ProjectArea* area = nullptr;
};

// The options a project file gives: its [analysis] settings, its layers (the defaults when
// it names none) and its [network] speeds. The caller adds out_dir, threads, progress, area.
AnalyzeOptions analyze_options(const project::ProjectConfig& project);

// The ranking metrics of one district (for the access layer, the first layer by default).
struct DistrictMetrics {
  std::string id, name;
  double pop65 = 0;
  double uncovered_share = 0;   // 65+ beyond every provider's radius / 65+
  int gap_hours = 0;            // hours of the week with any 65+ uncovered
  int night_gap_hours = 0;      // of which 22:00–06:00
  int weekend_gap_hours = 0;    // of which Saturday/Sunday
  int holiday_gap_hours = 0;    // hours of a public holiday (祝日) with any 65+ uncovered
  double night_uncovered_share = 0;  // mean over night hours of uncovered 65+ / 65+
  double fragile_share = 0;     // mean over the week of (exactly one open provider) 65+ / 65+
  double accessibility = 0;     // E2SFCA, 65+-weighted mean over the district's cells
  int rank = 0;                 // 1 = most underserved
  // The same by road, when the access layer has a drive-time view (its travel_minutes):
  // 65+ beyond that many minutes / 65+, and the night hours with any 65+ beyond them.
  std::optional<double> road_uncovered_share;
  int road_night_gap_hours = 0;
  double road_accessibility = 0;  // E2SFCA by road (d0 in minutes), 65+-weighted mean
};

// What the maps draw of an analysis, in the analysis CRS (metres), base year. Pointers
// point into the registry the analysis ran on.
struct AnalysisMapData {
  std::vector<const District*> districts;                     // parallel to AnalyzeOutcome::districts
  std::vector<geometry::PlanarMultiPolygon> district_shapes;  // parallel to districts
  struct Layer {
    std::string name, label;
    double radius_m = 0;
    double travel_minutes = 0;  // > 0: the layer's view by road (reach: the reached cells)
    std::vector<const Facility*> providers;
    std::vector<geometry::PlanarMultiPolygon> covered;  // per district: district ∩ union of discs (straight-line)
    std::vector<std::uint8_t> reached;                  // per cell: some provider reaches it
    // Per district × time slot (index district * geometry::kGapSlots + slot, as in
    // geometry::LayerResult): 65+ that no open provider reaches / exactly one reaches.
    std::vector<double> uncovered, fragile;
  };
  std::vector<Layer> layers;        // per provider layer
  std::size_t access_layer = 0;     // the layer whose providers are the E2SFCA supply
  std::vector<const PopulationCell*> cells;  // base year, sorted by mesh code
  std::vector<double> access;       // per cell: E2SFCA per 1,000 aged 65+
  std::vector<int> access_providers;  // per cell: providers within d0
  std::vector<int> cell_district;   // per cell: index into districts or −1
};

struct AnalyzeOutcome {
  int epsg = 0;
  std::string crs_name;
  int base_year = 0;
  std::vector<DistrictMetrics> districts;  // in district id order
  std::vector<std::size_t> ranking;        // indices into districts, most underserved first
  std::vector<std::string> written;        // output files
  // How the registry's facilities were located (unlocated ones are left out of every
  // analysis), and the providers of each layer (parallel to the layers): how many of
  // them stand at a point estimated from their address.
  LocationCounts facility_locations;
  std::vector<LocationCounts> provider_locations;
  std::optional<AnalysisMapData> map_data; // with AnalyzeOptions::keep_map_data
  // The analysed views of the layers (reach_views(AnalyzeOptions::layers)), parallel to
  // provider_locations and to every per-layer output.
  std::vector<ProviderLayer> views;
  std::optional<std::size_t> road_view;  // the access layer's drive-time view, if any
  double road_minutes = 0;               // its travel_minutes
  std::optional<RoadTravelReport> road;  // the road network's part, base year (with drive-time views)
};

// The ranking order (documented for councils): uncovered 65+ share, then night gap
// hours, then weekend gap hours, then fragile share, all descending; then
// accessibility ascending; then district id.
AnalyzeOutcome run_analyze(const Registry& reg, const AnalyzeOptions& opt);

}  // namespace careatlas::app
