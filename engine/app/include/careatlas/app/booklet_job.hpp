#pragma once
// The booklet job: registry → the care-manager contact booklet (PDF) and its table (CSV).
#include <string>
#include <vector>

#include "careatlas/app/booklet_plan.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/render/booklet.hpp"

namespace careatlas::app {

struct BookletOptions {
  std::string out_dir;
  std::string paper;             // "" = the project's [booklet] paper; else A4 | A5
  std::string style_path;        // empty: default_style_path()
  std::string production_date;   // YYYY-MM-DD printed in the footer and the PDF metadata
  int split = -1;                // -1: the project's [booklet] split; 0 / 1 override
  unsigned threads = 0;
};

struct BookletOutcome {
  std::vector<std::string> written;
  BookletPlan plan;
  render::BookletReport report;             // of the whole booklet
  std::vector<render::BookletReport> split_reports;  // per district file, when split
  std::vector<std::string> warnings;
};

BookletOutcome run_booklet(const Registry& reg, const project::ProjectConfig& project, const BookletOptions& opt);

}  // namespace careatlas::app
