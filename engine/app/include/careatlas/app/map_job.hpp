#pragma once
// The map job: registry (+ the analysis) → printable map sheets.
//
//   resource  facilities by kind, numbered as in the booklet, over the districts
//   coverage  per provider layer: the covered part of each district and the layer's providers
//   gap       districts classed by analysis metrics (uncovered 65+ share, night gap hours …)
//   access    E2SFCA accessibility of the 500 m cells
//   atlas     one page per district, zoomed, neighbours greyed (PDF)
//   heatmap   per provider layer: districts × 168 hours of the week (+ a public holiday),
//             the 65+ no open provider reaches (or only one reaches)
// Files go to out_dir as resource_map.<ext>, coverage_map_<layer>.<ext>,
// gap_map_<metric>.<ext>, access_map.<ext>, district_atlas.pdf, heatmap_<layer>.<ext>.
#include <string>
#include <vector>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/app/map_kind.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/render/map.hpp"

namespace careatlas::app {

struct MapOptions {
  std::vector<MapKind> kinds = {MapKind::resource};
  std::string district;          // atlas: only this district id (empty = all)
  std::vector<std::string> gap_metrics = {"uncovered_share", "night_gap_hours"};  // one gap map each
  std::string heatmap_values = "uncovered";  // uncovered | fragile
  std::string style_path;        // empty: default_style_path()
  std::string out_dir;
  render::Format format = render::Format::pdf;
  render::Page page;
  double dpi = 150;
  std::string production_date;   // YYYY-MM-DD printed in the footer and the PDF metadata
  unsigned threads = 0;
  // An analysis already run with keep_map_data on the same registry and project (careatlas
  // run); null: the job runs it when a map kind needs it.
  const AnalyzeOutcome* analysis = nullptr;
};

struct MapOutcome {
  std::vector<std::string> written;
  std::vector<render::RenderReport> reports;  // parallel to written
  std::vector<FileReport> context_reports;    // one per [[context]] entry: read = drawn + skipped
  std::vector<Diagnostic> context_diagnostics;  // every context feature left out, with its reason
  std::vector<std::string> warnings;            // e.g. a context layer no style layer draws
};

// styles/default.toml: $CAREATLAS_STYLES_DIR, else beside the executable
// (../share/careatlas/styles), else the source tree's styles/.
std::string default_style_path();

// The metrics a gap map can class districts by (DistrictMetrics fields).
const std::vector<std::string>& gap_metrics();

// Throws config_error for a bad option, std::runtime_error when a file cannot be written.
MapOutcome run_maps(const Registry& reg, const project::ProjectConfig& project, const MapOptions& opt);

}  // namespace careatlas::app
