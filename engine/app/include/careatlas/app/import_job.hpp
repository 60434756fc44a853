#pragma once
// The import job: read every input, cross-check, write the registry and its reports.
// One call for the CLI's `import` and `run` commands and for tests.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "careatlas/address/locator.hpp"
#include "careatlas/geometry/municipality_check.hpp"
#include "careatlas/model/input_spec.hpp"
#include "careatlas/model/project_area.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"

namespace careatlas::app {

struct ImportOptions {
  std::vector<InputSpec> inputs;
  // Where to write. A path ending in .gpkg is the registry itself (reports beside it);
  // anything else is a folder that receives registry.gpkg, import_report.csv and
  // import_diagnostics.csv. Empty: nothing is written (dry run).
  std::string out;
  std::string title;
  // The project area ([project] area): rows outside it and farther than reach_margin_m
  // from its polygons are skipped (geometry/project_area.hpp). Empty: everything is kept.
  AreaCodes area;
  double reach_margin_m = 16000;
  // With 位置参照情報 inputs (role addresses): how facilities are located and checked by
  // their address (careatlas/address/locator.hpp).
  address::LocatePolicy locate;
  // --strict: any rejected row or warning fails the job (nothing is written).
  bool strict = false;
  // Stream the facilities into the registry as they are read (needs `out`): memory then
  // does not grow with the rows, and ImportOutcome::registry has no facilities (read the
  // registry file for them). `careatlas import` streams; `run` keeps them for the
  // analysis. stream_batch: facilities held in memory before they are written.
  bool stream = false;
  std::size_t stream_batch = 4096;
  // Called when a step starts ("reading kaigo/jigyosho_430.csv") and ends (""), for
  // progress output.
  std::function<void(const std::string& step)> progress;
};

struct ImportOutcome {
  Registry registry;  // without facilities when streamed
  std::size_t facilities = 0;  // imported (also when streamed)
  std::size_t located = 0;
  std::size_t peak_facilities_in_memory = 0;
  geometry::MunicipalityCheckResult municipality_check;
  // What the user should know about how the inputs were read (one line each), e.g. that
  // the project area's boundary was not among them.
  std::vector<std::string> notes;
  std::string registry_path;     // empty when nothing was written
  std::string report_path;
  std::string diagnostics_path;
};

// The project file's [locate] as the locator's policy.
address::LocatePolicy locate_policy(const project::LocateSettings& s);

// Thrown by run_import in strict mode when the data has defects.
class strict_failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws import_error (an input file is unusable), config_error, strict_failure, or
// std::runtime_error (outputs cannot be written). Nothing is written unless every input
// was read.
ImportOutcome run_import(const ImportOptions& opt, DiagnosticSink& sink);

// The import report as a text table for the terminal; the facility counts of the summary
// line are those of reg.facilities unless given (a streamed import).
std::string format_report_table(const Registry& reg);
std::string format_report_table(const Registry& reg, std::size_t facilities, std::size_t located);

}  // namespace careatlas::app
