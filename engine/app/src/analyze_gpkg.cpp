// analysis.gpkg of the analyze job, for QGIS: metrics on the districts, coverage polygons,
// cells of every year.
#include <filesystem>

#include "analyze_outputs.hpp"
#include "careatlas/importers/analysis_store.hpp"

namespace careatlas::app::detail {

namespace {

AnalysisGpkg::DistrictRow district_row(const AnalysisRuns& a, std::size_t d) {
  const DistrictMetrics& m = a.out.districts[d];
  AnalysisGpkg::DistrictRow row;
  row.district = a.built.districts[d];
  row.metrics = {{"rank", m.rank},
                 {"pop65", m.pop65},
                 {"uncovered_share", m.uncovered_share},
                 {"gap_hours", m.gap_hours},
                 {"night_gap_hours", m.night_gap_hours},
                 {"weekend_gap_hours", m.weekend_gap_hours},
                 {"holiday_gap_hours", m.holiday_gap_hours},
                 {"night_uncovered_share", m.night_uncovered_share},
                 {"fragile_share", m.fragile_share},
                 {"accessibility", m.accessibility}};
  for (std::size_t l = 0; l < a.opt.layers.size(); ++l) {
    const auto& cr = a.runs.front().result.layers[l].coverage[d];
    row.metrics.emplace_back(a.opt.layers[l].name + "_area_fraction", cr.area_m2 > 0 ? cr.covered_m2 / cr.area_m2 : 0);
    row.metrics.emplace_back(a.opt.layers[l].name + "_pop65_share",
                             cr.pop65_total > 0 ? cr.pop65_covered / cr.pop65_total : 0);
  }
  return row;
}

}  // namespace

std::string write_analysis_geopackage(const AnalysisRuns& a,
                                      const std::vector<std::vector<geometry::PlanarMultiPolygon>>& covered,
                                      const geometry::Projection& proj) {
  const auto& in = a.built.input;
  const std::size_t nd = in.districts.size();
  AnalysisGpkg g;
  g.crs_note = a.crs + " " + a.out.crs_name;
  for (std::size_t d = 0; d < nd; ++d) g.districts.push_back(district_row(a, d));
  for (std::size_t l = 0; l < in.layers.size(); ++l)
    for (std::size_t d = 0; d < nd; ++d)
      if (!covered[l][d].empty())
        g.coverage.push_back({in.districts[d].id, in.layers[l].name, in.layers[l].radius_m, proj.inverse(covered[l][d])});
  for (const YearRun& run : a.runs) {
    for (std::size_t i = 0; i < run.cells.size(); ++i) {
      const int d = run.result.cell_district[i];
      g.cells.push_back({run.cells[i].mesh_code, run.year, d >= 0 ? in.districts[static_cast<std::size_t>(d)].id : "",
                         run.cells[i].pop65, run.result.access_providers[i], run.result.access[i]});
    }
  }
  const std::string path = (std::filesystem::path(a.opt.out_dir) / "analysis.gpkg").string();
  write_analysis_gpkg(path, g);
  return path;
}

}  // namespace careatlas::app::detail
