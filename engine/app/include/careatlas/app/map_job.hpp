#pragma once
// The map job: registry (+ the analysis, for gap maps) → printable map sheets.
//
//   resource  facilities by kind, numbered as in the booklet, over the districts
//   gap       districts classed by analysis metrics (uncovered 65+ share, night gap hours …)
//   atlas     one page per district, zoomed (PDF)
// Files go to out_dir as resource_map.<ext>, gap_map_<metric>.<ext>, district_atlas.pdf.
#include <string>
#include <vector>

#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/render/map.hpp"

namespace careatlas::app {

struct MapOptions {
  std::vector<std::string> kinds = {"resource"};  // resource, gap, atlas
  std::string district;          // atlas: only this district id (empty = all)
  std::vector<std::string> gap_metrics = {"uncovered_share", "night_gap_hours"};  // one gap map each
  std::string style_path;        // empty: default_style_path()
  std::string out_dir;
  render::Format format = render::Format::pdf;
  render::Page page;
  double dpi = 150;
  std::string production_date;   // YYYY-MM-DD printed in the footer and the PDF metadata
  unsigned threads = 0;
};

struct MapOutcome {
  std::vector<std::string> written;
  std::vector<render::RenderReport> reports;  // parallel to written
};

// styles/default.toml: $CAREATLAS_STYLES_DIR, else beside the executable
// (../share/careatlas/styles), else the source tree's styles/.
std::string default_style_path();

// The metrics a gap map can class districts by (DistrictMetrics fields).
const std::vector<std::string>& gap_metrics();

// Throws config_error for a bad option, std::runtime_error when a file cannot be written.
MapOutcome run_maps(const Registry& reg, const project::ProjectConfig& project, const MapOptions& opt);

}  // namespace careatlas::app
