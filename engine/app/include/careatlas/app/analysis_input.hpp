#pragma once
// From the registry to the analysis engine's planar input: which facilities form a
// layer, their opening hours as hour-of-week slots, cells and districts projected to
// the analysis CRS. Shared by `careatlas analyze` and the benchmark adapter `workload`.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "careatlas/geometry/analysis.hpp"
#include "careatlas/geometry/project_area.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/model/provider_layer.hpp"
#include "careatlas/model/registry.hpp"

namespace careatlas::app {

using LayerConfig = ProviderLayer;  // from the model (project file [[layers]])

// Whether a facility counts as open around the clock: support_24h = true, or — when
// count_hints and no source said no — an open-data text that promises 24-hour response
// (介護サービス情報公表 利用可能曜日特記事項, e.g. 訪問看護 with 24時間対応体制).
bool counts_as_24h(const Facility& f, bool count_hints);

// Hour-of-week slots a facility is taken to be open. Hourly schedules are used as they
// are; a facility that promises 24-hour support (support_24h = true) is open every
// slot; known open days without hours are assumed open `daytime` (DEFAULT 09:00–18:00)
// on those days; nothing known → weekdays `daytime`.
std::bitset<kHoursPerWeek> assumed_open_hours(const Facility& f, TimeBand daytime = {9 * 60, 18 * 60},
                                              bool count_24h_hints = true);

// Hours of a public holiday (祝日) a facility is taken to be open, in this order:
//  1. support_24h = true (在支診, 24時間対応): all 24 hours;
//  2. holidays not stated open (holidays_open false or empty): closed — most clinics close
//     on 祝日, and 医療情報ネット / 利用可能曜日 say so when they open;
//  3. holiday hours stated (医療情報ネット 祝 bands, `Hol` in the hours grammar, 24/7): those;
//  4. open on holidays, hours not stated: `daytime` (DEFAULT 09:00–18:00), as on other days
//     known without hours — except for an hourly schedule, whose missing holiday hours
//     stay closed as its missing weekday hours do (no hours are invented).
std::bitset<24> assumed_holiday_hours(const Facility& f, TimeBand daytime = {9 * 60, 18 * 60},
                                      bool count_24h_hints = true);

struct InputOptions {
  int epsg = 0;  // 0 = the plane rectangular zone of the data (plane_rectangular_zone)
  int population_year = 0;  // cells of this year; 0 = the only/lowest year present
  std::vector<LayerConfig> layers;
  // District level to analyse (DEFAULT: daily_life_area when present, else municipality, else all).
  std::optional<DistrictLevel> level;
  unsigned threads = 0;  // for projecting vertices and cells; 0 = all cores
  bool count_24h_hints = true;  // see counts_as_24h
  // The project area: only its districts are analysed (the neighbours' providers within
  // reach still count). Null: every district of the level.
  const geometry::ProjectArea* area = nullptr;
};

struct BuiltInput {
  geometry::AnalysisInput input;
  std::vector<const District*> districts;       // parallel to input.districts (sorted by id)
  std::vector<const PopulationCell*> cells;     // parallel to input.cells (sorted by mesh code)
  std::vector<std::vector<const Facility*>> providers;  // per layer, parallel to its providers
  // Per layer: the drive-time reach its AnalysisLayer::travel points to (attach_road_travel);
  // null for straight-line layers.
  std::vector<std::shared_ptr<const geometry::TravelReach>> travel;
  int epsg = 0;
  std::string crs_name;
  int year = 0;
};

// The districts the analysis works on: those of `level`, else of the finest level present
// (日常生活圏域, then municipalities), sorted by id (byte order); with an area, only the
// area's districts. Throws config_error when there are none.
std::vector<const District*> analysed_districts(const Registry& reg, std::optional<DistrictLevel> level,
                                                const geometry::ProjectArea* area = nullptr);

// Throws config_error when the registry lacks what the analysis needs.
BuiltInput build_analysis_input(const Registry& reg, const InputOptions& opt);
// The analysis CRS: opt.epsg, or the plane rectangular zone of the data.
int analysis_epsg(const Registry& reg, const InputOptions& opt);
// The same with a projection made beforehand (e.g. while the inputs were read); its EPSG
// code wins over opt.epsg.
BuiltInput build_analysis_input(const Registry& reg, const InputOptions& opt, const geometry::Projection& proj);
// The same with the districts projected beforehand by `proj` (e.g. while the other inputs
// were read): projected[i] is reg.districts[i].geometry in the analysis CRS.
BuiltInput build_analysis_input(const Registry& reg, const InputOptions& opt, const geometry::Projection& proj,
                                std::vector<geometry::PlanarMultiPolygon> projected);

// Where the analysis places a mesh cell: the half-mesh centroid of WORKLOAD.md §3 for
// 500 m cells, the centre of the cell for other levels.
LonLat cell_centre(std::uint64_t mesh_code);

// Replaces the cells of `in` by those of another population year (0 = the earliest),
// projected with `proj` (the CRS of `in`); districts and providers stay as they are.
void set_population_year(BuiltInput& in, const Registry& reg, int year, const geometry::Projection& proj,
                         unsigned threads = 0);

}  // namespace careatlas::app
