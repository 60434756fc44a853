#pragma once
// The files of the analyze job (see analyze_job.hpp), written from what run_analyze
// computed: the CSV tables (analyze_tables.cpp) and analysis.gpkg (analyze_gpkg.cpp).
#include <cstddef>
#include <string>
#include <vector>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/analyze_job.hpp"
#include "careatlas/geometry/analysis.hpp"
#include "careatlas/geometry/projection.hpp"

namespace careatlas::app::detail {

// One analysed population year; districts and providers are shared by every year.
struct YearRun {
  int year = 0;
  std::vector<geometry::AnalysisCell> cells;
  geometry::AnalysisResult result;
};

// What the outputs are written from. built.input holds the districts and layers of every
// run (its cells are the last year's: each run has its own); runs.front() is the base year.
struct AnalysisRuns {
  const AnalyzeOptions& opt;
  const BuiltInput& built;
  const std::vector<YearRun>& runs;
  std::size_t access_layer = 0;  // index into opt.layers and the runs' layers
  const AnalyzeOutcome& out;     // districts and ranking
  std::string crs;               // "EPSG:<code>"
};

// The tables as text (UTF-8 with BOM, CRLF: csv::Writer's Excel dialect).
std::string district_summary_csv(const AnalysisRuns& a);
std::string coverage_csv(const AnalysisRuns& a);
std::string gaps_csv(const AnalysisRuns& a);
std::string access_csv(const AnalysisRuns& a);
std::string analysis_parameters_csv(const AnalysisRuns& a);

// Writes district_summary.csv, coverage.csv, gaps.csv, access.csv and
// analysis_parameters.csv into a.opt.out_dir, appending each path to `written`.
void write_analysis_tables(const AnalysisRuns& a, std::vector<std::string>& written);

// Writes analysis.gpkg into a.opt.out_dir: the metrics on the districts, the covered part
// of each district per layer (covered[layer][district], in the analysis CRS; `proj` takes
// them back to EPSG:6668) and the cells of every year. Returns its path.
std::string write_analysis_geopackage(const AnalysisRuns& a,
                                      const std::vector<std::vector<geometry::PlanarMultiPolygon>>& covered,
                                      const geometry::Projection& proj);

}  // namespace careatlas::app::detail
