#pragma once
// The sheets of each map kind (map_sheets.cpp), made from what run_maps prepared once for
// every kind (map_job.cpp).
#include <string>
#include <vector>

#include "careatlas/app/map_context.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/style/style.hpp"

namespace careatlas::app::detail {

// What every sheet of one run_maps call is made from.
struct MapSheets {
  const Registry& reg;
  const project::ProjectConfig& project;
  const MapOptions& opt;
  const style::Style& style;
  const AnalyzeOutcome* analysis;  // null when no kind drawn needs it
  const AnalysisMapData* md;       // analysis->map_data (null with analysis)
  const geometry::Projection& proj;
  const std::vector<const District*>& districts;            // of the analysis level
  const std::vector<geometry::PlanarMultiPolygon>& planar;  // parallel to districts
  const std::vector<int>& numbers;  // the booklet's entry numbers (zeros when no kind prints them)
  const MapContext& context;
  const render::MapSheet& base;  // page, title, sources, footer, context layers and districts
  std::string edition;           // "　データ時点 …" after each subtitle, or ""
  MapOutcome& out;               // gets each file written
};

// Writes the sheets of one kind into opt.out_dir: one file, or one per provider layer
// (coverage, heatmap) or per gap metric (gap).
void draw_maps(const MapSheets& m, MapKind kind);

}  // namespace careatlas::app::detail
