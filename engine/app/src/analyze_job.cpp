#include "careatlas/app/analyze_job.hpp"

#include <algorithm>
#include <filesystem>

#include "analyze_outputs.hpp"
#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/district_metrics.hpp"
#include "careatlas/app/reach_views.hpp"
#include "careatlas/geometry/coverage_area.hpp"
#include "careatlas/model/config_error.hpp"

namespace careatlas::app {

namespace {

using detail::YearRun;
using CoveredPolygons = std::vector<std::vector<geometry::PlanarMultiPolygon>>;  // [layer][district]

// The layer whose providers are the E2SFCA supply and whose results rank the districts.
std::size_t access_layer_index(const AnalyzeOptions& opt) {
  if (opt.settings.access_layer.empty()) return 0;
  auto it = std::find_if(opt.layers.begin(), opt.layers.end(),
                         [&](const ProviderLayer& l) { return l.name == opt.settings.access_layer; });
  if (it == opt.layers.end()) throw config_error("access_layer \"" + opt.settings.access_layer + "\" is not a layer");
  return static_cast<std::size_t>(it - opt.layers.begin());
}

// The drive-time view of the access layer: its twin right after it (reach_views), or
// none when the access layer has no travel_minutes or is itself by road only.
std::optional<std::size_t> road_view_of(const std::vector<ProviderLayer>& views, std::size_t access) {
  const std::size_t twin = access + 1;
  if (!views[access].straight_line || twin >= views.size() || views[twin].straight_line) return std::nullopt;
  if (views[twin].name != views[access].name + "_" + minutes_text(views[twin].travel_minutes) + "min") return std::nullopt;
  return twin;
}

// The E2SFCA catchment by road: [analysis] e2sfca_d0_minutes, else the minutes of the
// access layer's road view (or of the access layer, when it is by road only), else 30.
double road_d0_minutes(const AnalyzeOptions& opt, std::size_t access, std::optional<std::size_t> road_view) {
  if (opt.settings.e2sfca_d0_minutes > 0) return opt.settings.e2sfca_d0_minutes;
  if (road_view) return opt.layers[*road_view].travel_minutes;
  if (!opt.layers[access].straight_line) return opt.layers[access].travel_minutes;
  return 30;
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
                                   const std::vector<int>& years, const geometry::Projection& proj, BuiltInput& built,
                                   AnalyzeOutcome& out) {
  std::vector<YearRun> runs;
  RoadTravelOptions road;
  road.speeds = opt.road_speeds;
  road.road_access_layer = out.road_view.value_or(static_cast<std::size_t>(-1));
  road.e2sfca_d0_minutes = road_d0_minutes(opt, access_layer, out.road_view);
  road.threads = opt.threads;
  const bool by_road = std::any_of(opt.layers.begin(), opt.layers.end(), [](const ProviderLayer& l) { return !l.straight_line; });
  if (by_road && opt.progress) opt.progress("travel times over the road network");
  const RoadTravel travel(reg, proj, built, road);  // every year's cells, searched once (none: no layer by road)
  for (int y : years) {
    if (opt.progress) opt.progress("analysing " + (y ? std::to_string(y) : std::string("the base year")));
    if (!runs.empty()) set_population_year(built, reg, y, proj, opt.threads);
    if (built.cells.empty()) throw config_error("no population cells for the year " + std::to_string(built.year));
    if (!travel.empty()) {
      RoadTravelReport rep = travel.attach(built);
      if (runs.empty()) out.road = std::move(rep);
    }
    YearRun run;
    run.year = built.year;
    geometry::AnalysisOptions ao;
    ao.access_layer = access_layer;
    ao.road_access_layer = road.road_access_layer;
    ao.e2sfca_d0_minutes = road.e2sfca_d0_minutes;
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

// The covered part of each district per layer: for analysis.gpkg and the coverage map.
CoveredPolygons covered_polygons(const geometry::AnalysisInput& in, const AnalyzeOptions& opt) {
  if (opt.progress) opt.progress("coverage polygons");
  CoveredPolygons covered;
  for (const geometry::AnalysisLayer& layer : in.layers) {
    if (layer.travel_minutes > 0) {  // by road: the reached cells are drawn, not discs
      covered.emplace_back(in.districts.size());
      continue;
    }
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
    ml.travel_minutes = opt.layers[l].straight_line ? 0 : opt.layers[l].travel_minutes;
    ml.reached = base.result.layers[l].reached;
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

AnalyzeOptions analyze_options(const project::ProjectConfig& project) {
  AnalyzeOptions ao;
  ao.settings = project.analysis;
  ao.layers = project.layers.empty() ? default_provider_layers() : project.layers;
  ao.road_speeds = project.network_speeds;
  return ao;
}

AnalyzeOutcome run_analyze(const Registry& reg, const AnalyzeOptions& project_opt) {
  if (project_opt.layers.empty()) throw config_error("no provider layers to analyse");
  AnalyzeOptions opt = project_opt;  // from here on, the layers are the views
  opt.layers = reach_views(project_opt.layers);
  const std::size_t access_layer = access_layer_index(opt);
  AnalyzeOutcome out;
  out.views = opt.layers;
  out.road_view = road_view_of(opt.layers, access_layer);
  if (out.road_view) out.road_minutes = opt.layers[*out.road_view].travel_minutes;
  if (reg.population.empty()) throw config_error("the registry has no population cells: import a population file");

  std::vector<int> years{opt.settings.base_year};
  for (int y : opt.settings.future_years) years.push_back(y);
  const InputOptions io = input_options(opt, years.front());
  const geometry::Projection proj(analysis_epsg(reg, io));
  BuiltInput built = build_analysis_input(reg, io, proj);
  const std::vector<const PopulationCell*> base_cells = built.cells;  // later years replace built.cells
  const std::vector<YearRun> runs = analyse_years(reg, opt, access_layer, years, proj, built, out);

  out.epsg = built.epsg;
  out.crs_name = built.crs_name;
  out.base_year = runs.front().year;
  for (const Facility& f : reg.facilities) count_location(out.facility_locations, f);
  for (const auto& layer : built.providers) {
    LocationCounts& c = out.provider_locations.emplace_back();
    for (const Facility* f : layer) count_location(c, *f);
  }
  out.districts = compute_metrics(built.input.districts, runs.front().cells, runs.front().result, access_layer, out.road_view);
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
