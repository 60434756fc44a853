#include "careatlas/app/analyze_job.hpp"

#include <algorithm>
#include <filesystem>

#include "analyze_outputs.hpp"
#include "careatlas/app/analysis_input.hpp"
#include "careatlas/geometry/coverage_area.hpp"
#include "careatlas/model/config_error.hpp"

namespace careatlas::app {

namespace {

using detail::YearRun;
using CoveredPolygons = std::vector<std::vector<geometry::PlanarMultiPolygon>>;  // [layer][district]

bool night(int h) { const int hh = h % 24; return hh >= 22 || hh < 6; }
bool weekend(int h) { return h / 24 >= 5; }

// The layer whose providers are the E2SFCA supply and whose results rank the districts.
std::size_t access_layer_index(const AnalyzeOptions& opt) {
  if (opt.settings.access_layer.empty()) return 0;
  auto it = std::find_if(opt.layers.begin(), opt.layers.end(),
                         [&](const ProviderLayer& l) { return l.name == opt.settings.access_layer; });
  if (it == opt.layers.end()) throw config_error("access_layer \"" + opt.settings.access_layer + "\" is not a layer");
  return static_cast<std::size_t>(it - opt.layers.begin());
}

InputOptions input_options(const AnalyzeOptions& opt, int year) {
  InputOptions io;
  io.epsg = opt.settings.epsg;
  io.population_year = year;
  io.layers = opt.layers;
  io.level = opt.settings.district_level;
  io.threads = opt.threads;
  io.count_24h_hints = opt.settings.count_24h_hints;
  io.area = opt.area;
  return io;
}

// The base year, then each future year. Districts and providers are projected once (in
// `built`); each year swaps in its cells, and only the first run computes the
// (population-independent) area overlay, which the later runs copy.
std::vector<YearRun> analyse_years(const Registry& reg, const AnalyzeOptions& opt, std::size_t access_layer,
                                   const std::vector<int>& years, const geometry::Projection& proj, BuiltInput& built) {
  std::vector<YearRun> runs;
  for (int y : years) {
    if (opt.progress) opt.progress("analysing " + (y ? std::to_string(y) : std::string("the base year")));
    if (!runs.empty()) set_population_year(built, reg, y, proj, opt.threads);
    if (built.cells.empty()) throw config_error("no population cells for the year " + std::to_string(built.year));
    YearRun run;
    run.year = built.year;
    geometry::AnalysisOptions ao;
    ao.access_layer = access_layer;
    ao.e2sfca_d0 = opt.settings.e2sfca_d0;
    ao.disc_segments = opt.settings.disc_segments;
    ao.threads = opt.threads;
    ao.coverage_areas = runs.empty();
    run.result = geometry::run_analysis(built.input, ao);
    if (!runs.empty())
      for (std::size_t l = 0; l < run.result.layers.size(); ++l)
        for (std::size_t d = 0; d < run.result.layers[l].coverage.size(); ++d) {
          run.result.layers[l].coverage[d].area_m2 = runs.front().result.layers[l].coverage[d].area_m2;
          run.result.layers[l].coverage[d].covered_m2 = runs.front().result.layers[l].coverage[d].covered_m2;
        }
    run.cells = built.input.cells;
    runs.push_back(std::move(run));
    if (opt.progress) opt.progress("");
  }
  return runs;
}

// The ranking metrics of district d from the base year's results of the access layer;
// access_sum / access_pop: the district's Σ accessibility × 65+ and Σ 65+ over its cells.
DistrictMetrics district_metrics(const geometry::AnalysisDistrict& district, std::size_t d,
                                 const geometry::LayerResult& prim, double access_sum, double access_pop) {
  DistrictMetrics m;
  m.id = district.id;
  m.name = district.name;
  m.pop65 = prim.coverage[d].pop65_total;
  const double pop = m.pop65 > 0 ? m.pop65 : 1.0;
  m.uncovered_share = (m.pop65 - prim.coverage[d].pop65_covered) / pop;
  double night_sum = 0, fragile_sum = 0;
  int night_hours = 0;
  for (int h = 0; h < kHoursPerWeek; ++h) {
    const double u = prim.uncovered[d * geometry::kGapSlots + static_cast<std::size_t>(h)];
    fragile_sum += prim.fragile[d * geometry::kGapSlots + static_cast<std::size_t>(h)] / pop;
    if (u > 0) {
      ++m.gap_hours;
      if (night(h)) ++m.night_gap_hours;
      if (weekend(h)) ++m.weekend_gap_hours;
    }
    if (night(h)) {
      night_sum += u / pop;
      ++night_hours;
    }
  }
  for (std::size_t h = geometry::kHolidaySlot0; h < geometry::kGapSlots; ++h)
    if (prim.uncovered[d * geometry::kGapSlots + h] > 0) ++m.holiday_gap_hours;
  m.night_uncovered_share = night_hours ? night_sum / night_hours : 0;
  m.fragile_share = fragile_sum / kHoursPerWeek;
  m.accessibility = access_pop > 0 ? access_sum / access_pop : 0;
  return m;
}

// Every district's metrics, in district id order (the order of the analysis input).
std::vector<DistrictMetrics> compute_metrics(const geometry::AnalysisInput& in, const YearRun& base,
                                             std::size_t access_layer) {
  const std::size_t nd = in.districts.size();
  std::vector<double> acc_sum(nd, 0.0), acc_pop(nd, 0.0);
  for (std::size_t i = 0; i < base.cells.size(); ++i)
    if (const int d = base.result.cell_district[i]; d >= 0) {
      acc_sum[static_cast<std::size_t>(d)] += base.result.access[i] * base.cells[i].pop65;
      acc_pop[static_cast<std::size_t>(d)] += base.cells[i].pop65;
    }
  std::vector<DistrictMetrics> metrics;
  for (std::size_t d = 0; d < nd; ++d)
    metrics.push_back(
        district_metrics(in.districts[d], d, base.result.layers[access_layer], acc_sum[d], acc_pop[d]));
  return metrics;
}

// The ranking (see analyze_job.hpp): indices into `districts`, most underserved first;
// sets each district's rank.
std::vector<std::size_t> rank_districts(std::vector<DistrictMetrics>& districts) {
  std::vector<std::size_t> ranking(districts.size());
  for (std::size_t d = 0; d < districts.size(); ++d) ranking[d] = d;
  std::sort(ranking.begin(), ranking.end(), [&](std::size_t a, std::size_t b) {
    const DistrictMetrics &x = districts[a], &y = districts[b];
    if (x.uncovered_share != y.uncovered_share) return x.uncovered_share > y.uncovered_share;
    if (x.night_gap_hours != y.night_gap_hours) return x.night_gap_hours > y.night_gap_hours;
    if (x.weekend_gap_hours != y.weekend_gap_hours) return x.weekend_gap_hours > y.weekend_gap_hours;
    if (x.fragile_share != y.fragile_share) return x.fragile_share > y.fragile_share;
    if (x.accessibility != y.accessibility) return x.accessibility < y.accessibility;
    return x.id < y.id;
  });
  for (std::size_t r = 0; r < ranking.size(); ++r) districts[ranking[r]].rank = static_cast<int>(r + 1);
  return ranking;
}

// The covered part of each district per layer: for analysis.gpkg and the coverage map.
CoveredPolygons covered_polygons(const geometry::AnalysisInput& in, const AnalyzeOptions& opt) {
  if (opt.progress) opt.progress("coverage polygons");
  CoveredPolygons covered;
  for (const geometry::AnalysisLayer& layer : in.layers) {
    std::vector<geometry::XY> centres;
    for (const auto& p : layer.providers) centres.push_back(p.at);
    covered.push_back(
        geometry::covered_polygons(in.districts, centres, layer.radius_m, opt.settings.disc_segments, opt.threads));
  }
  if (opt.progress) opt.progress("");
  return covered;
}

// What the maps draw of the analysis (AnalyzeOptions::keep_map_data); base_cells: the
// base year's cells (built.cells holds the last year's).
AnalysisMapData map_data(const BuiltInput& built, const std::vector<const PopulationCell*>& base_cells,
                         const YearRun& base, const AnalyzeOptions& opt, std::size_t access_layer,
                         const CoveredPolygons& covered) {
  AnalysisMapData md;
  md.districts = built.districts;
  for (const geometry::AnalysisDistrict& d : built.input.districts) md.district_shapes.push_back(d.geometry);
  for (std::size_t l = 0; l < built.input.layers.size(); ++l) {
    AnalysisMapData::Layer ml;
    ml.name = opt.layers[l].name;
    ml.label = opt.layers[l].label;
    ml.radius_m = opt.layers[l].radius_m;
    ml.providers = built.providers[l];
    ml.covered = covered[l];
    ml.uncovered = base.result.layers[l].uncovered;
    ml.fragile = base.result.layers[l].fragile;
    md.layers.push_back(std::move(ml));
  }
  md.access_layer = access_layer;
  md.cells = base_cells;
  md.access = base.result.access;
  md.access_providers = base.result.access_providers;
  md.cell_district = base.result.cell_district;
  return md;
}

}  // namespace

AnalyzeOutcome run_analyze(const Registry& reg, const AnalyzeOptions& opt) {
  if (opt.layers.empty()) throw config_error("no provider layers to analyse");
  const std::size_t access_layer = access_layer_index(opt);
  if (reg.population.empty()) throw config_error("the registry has no population cells: import a population file");

  std::vector<int> years{opt.settings.base_year};
  for (int y : opt.settings.future_years) years.push_back(y);
  const InputOptions io = input_options(opt, years.front());
  const geometry::Projection proj(analysis_epsg(reg, io));
  BuiltInput built = build_analysis_input(reg, io, proj);
  const std::vector<const PopulationCell*> base_cells = built.cells;  // later years replace built.cells
  const std::vector<YearRun> runs = analyse_years(reg, opt, access_layer, years, proj, built);

  AnalyzeOutcome out;
  out.epsg = built.epsg;
  out.crs_name = built.crs_name;
  out.base_year = runs.front().year;
  for (const Facility& f : reg.facilities) count_location(out.facility_locations, f);
  for (const auto& layer : built.providers) {
    LocationCounts& c = out.provider_locations.emplace_back();
    for (const Facility* f : layer) count_location(c, *f);
  }
  out.districts = compute_metrics(built.input, runs.front(), access_layer);
  out.ranking = rank_districts(out.districts);
  CoveredPolygons covered;
  if (!opt.out_dir.empty() || opt.keep_map_data) covered = covered_polygons(built.input, opt);
  if (opt.keep_map_data) out.map_data = map_data(built, base_cells, runs.front(), opt, access_layer, covered);
  if (opt.out_dir.empty()) return out;

  std::filesystem::create_directories(opt.out_dir);
  const detail::AnalysisRuns written_from{opt, built, runs, access_layer, out, "EPSG:" + std::to_string(out.epsg)};
  detail::write_analysis_tables(written_from, out.written);
  if (opt.progress) opt.progress("writing analysis.gpkg");
  out.written.push_back(detail::write_analysis_geopackage(written_from, covered, proj));
  if (opt.progress) opt.progress("");
  return out;
}

}  // namespace careatlas::app
