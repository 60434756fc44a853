#pragma once
// The main job (careatlas run): one project, every output in one folder, in four named
// steps — import the inputs (registry and reports), analyse (the tables), draw the maps,
// print the booklet — each with what the user has:
//   - no population cells: no analysis; the maps that need none (resource map, atlas)
//     and the booklet are still made, and RunOutcome::notes says in one line which
//     outputs need population and which file gives it;
//   - no districts: no analysis and no maps (they frame and draw the districts); the
//     registry and the booklet, grouped by kind;
//   - no facilities at all: an error (config_error) — there is nothing to map.
// The steps report to a RunObserver as they finish, so that the CLI can print each part
// while the next one runs.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/app/booklet_job.hpp"
#include "careatlas/app/import_job.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/project/project_file.hpp"

namespace careatlas::app {

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void imported(const ImportOutcome&) {}
  virtual void analysed(const AnalyzeOutcome&) {}
  virtual void mapped(const MapOutcome&) {}
  virtual void booklet_printed(const BookletOutcome&) {}
  virtual void note(const std::string&) {}  // one line the user should read
};

struct RunOptions {
  std::string out;               // the output folder; empty: the project's [output] dir
  bool strict = false;           // --strict: see ImportOptions
  std::string production_date;   // YYYY-MM-DD printed on maps and booklet; empty: today
  unsigned threads = 0;
  std::function<void(const std::string&)> progress;  // as ImportOptions::progress
  RunObserver* observer = nullptr;
};

struct RunOutcome {
  std::string out;  // the folder written
  ImportOutcome import;
  std::optional<AnalyzeOutcome> analysis;  // nullopt without population cells or districts
  MapOutcome maps;
  BookletOutcome booklet;
  std::vector<std::string> notes;
};

RunOutcome run_project(const project::ProjectConfig& project, const RunOptions& opt, DiagnosticSink& sink);

// Today's date as YYYY-MM-DD (the default production date).
std::string today();

// The most underserved districts as lines for the terminal ("analysis: 6 districts, …",
// then one line per district of the first `top`).
std::string format_ranking(const AnalyzeOutcome& analysis, int top);

}  // namespace careatlas::app
