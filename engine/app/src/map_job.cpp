#include "careatlas/app/map_job.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/facility_numbers.hpp"
#include "careatlas/app/map_context.hpp"
#include "careatlas/app/project_area.hpp"
#include "careatlas/geometry/analysis.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/style/style.hpp"
#include "careatlas/version.hpp"
#include "map_features.hpp"
#include "map_sheets.hpp"

#ifndef CAREATLAS_SOURCE_STYLES_DIR
#error "CAREATLAS_SOURCE_STYLES_DIR comes from engine/app/CMakeLists.txt"
#endif

namespace careatlas::app {

namespace fs = std::filesystem;

std::string default_style_path() {
  if (const char* env = std::getenv("CAREATLAS_STYLES_DIR"); env && *env) return (fs::path(env) / "default.toml").string();
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "careatlas" / "styles" / "default.toml";
    if (fs::exists(installed, ec)) return installed.string();
  }
  return (fs::path(CAREATLAS_SOURCE_STYLES_DIR) / "default.toml").string();
}

const std::vector<std::string>& gap_metrics() {
  static const std::vector<std::string> m = {"uncovered_share", "night_gap_hours", "weekend_gap_hours",
                                             "holiday_gap_hours", "fragile_share", "accessibility"};
  return m;
}

namespace {

void check_options(const MapOptions& opt) {
  for (const std::string& m : opt.gap_metrics)
    if (std::find(gap_metrics().begin(), gap_metrics().end(), m) == gap_metrics().end())
      throw config_error("unknown gap metric \"" + m + "\"");
  if (opt.heatmap_values != "uncovered" && opt.heatmap_values != "fragile")
    throw config_error("heatmap values must be uncovered or fragile, not \"" + opt.heatmap_values + "\"");
}

// The analysis, when a kind draws its results: the one handed in, else one run into `own`
// (null when no kind needs it). It hands back the projected districts, so that they are
// projected once.
const AnalyzeOutcome* analysis_for(const Registry& reg, const project::ProjectConfig& project, const MapOptions& opt,
                                   const geometry::ProjectArea* area, AnalyzeOutcome& own) {
  if (std::none_of(opt.kinds.begin(), opt.kinds.end(), needs_analysis)) return opt.analysis;
  if (opt.analysis && opt.analysis->map_data) return opt.analysis;
  AnalyzeOptions ao = analyze_options(project);
  ao.threads = opt.threads;
  ao.keep_map_data = true;
  ao.area = area;
  own = run_analyze(reg, ao);
  return &own;
}

// The districts of the analysis level, in the analysis CRS: the analysis's when there is
// one, else projected here.
struct MappedDistricts {
  std::vector<const District*> districts;
  std::vector<geometry::PlanarMultiPolygon> planar;  // parallel to districts
};

MappedDistricts mapped_districts(const Registry& reg, std::optional<DistrictLevel> level, const AnalysisMapData* md,
                                 const geometry::ProjectArea* area, const geometry::Projection& proj, unsigned threads) {
  if (md) return {md->districts, md->district_shapes};
  MappedDistricts m;
  m.districts = analysed_districts(reg, level, area);
  std::vector<const MultiPolygon*> shapes;
  for (const District* d : m.districts) shapes.push_back(&d->geometry);
  m.planar = proj.forward(shapes, threads);
  return m;
}

// The districts as the maps draw them, with the metrics of the analysis when there is one;
// with a project area, then the municipalities around it (in_focus = false: the style
// greys them).
render::SourceData district_data(const Registry& reg, const MappedDistricts& mapped, const AnalyzeOutcome* analysis,
                                 const geometry::ProjectArea* area, const geometry::Projection& proj, unsigned threads) {
  std::map<std::string, const DistrictMetrics*> metrics;
  if (analysis)
    for (const DistrictMetrics& m : analysis->districts) metrics[m.id] = &m;
  render::SourceData data = detail::district_features(mapped.districts, mapped.planar, metrics);
  if (!area) return data;
  for (render::Feature& f : detail::neighbour_features(reg, *area, proj, threads).features)
    data.features.push_back(std::move(f));
  return data;
}

// The frame of a project area's maps: its own districts, as the renderer frames the
// districts drawn when there are no neighbours (the neighbours greyed around them must not
// widen it); empty without an area.
render::MapExtent area_frame(const MappedDistricts& mapped, const geometry::ProjectArea* area) {
  return area ? detail::bounds_of_all(mapped.planar) : render::MapExtent{};
}

// The booklet's entry numbers, for the kinds that print them (the plan sorts and locates
// every facility: not worth it for a gap map); zeros otherwise.
std::vector<int> entry_numbers(const Registry& reg, const project::ProjectConfig& project,
                               const std::vector<MapKind>& kinds) {
  if (std::none_of(kinds.begin(), kinds.end(), [](MapKind k) { return map_kind_info(k).draws_numbers; }))
    return std::vector<int>(reg.facilities.size(), 0);
  return facility_numbers(reg, project);
}

// What every sheet starts from: page, title, the registry's 出典 lines, footer, the
// context layers and the districts (with the analysis metrics, when there is an analysis).
render::MapSheet base_sheet(const Registry& reg, const project::ProjectConfig& project, const MapOptions& opt,
                            const geometry::Projection& proj, const MapContext& context,
                            render::SourceData district_data) {
  render::MapSheet base;
  base.page = opt.page;
  base.title = project.title.empty() ? reg.title : project.title;
  base.sources = detail::registry_sources(reg);
  base.footer = "作成 " + opt.production_date + "　careatlas " + kVersion + "　座標系 " + proj.name() +
                (project.issuer.empty() ? "" : "　" + project.issuer);
  base.data = context.sources;
  base.data.push_back(std::move(district_data));
  return base;
}

// Context layers no style layer draws, and features outside the mapped area.
std::vector<std::string> context_warnings(const MapContext& context, const style::Style& st) {
  std::vector<std::string> warnings;
  for (const render::SourceData& c : context.sources)
    if (std::none_of(st.layers.begin(), st.layers.end(), [&](const style::Layer& l) {
          return l.source == style::Source::context && l.context == c.context;
        }))
      warnings.push_back("context \"" + c.context + "\": no layer of the style draws it (the default style draws " +
                         "water, rivers, roads and railways)");
  if (context.outside_area > 0)
    warnings.push_back(std::to_string(context.outside_area) + " context features lie outside the mapped area and are not drawn");
  return warnings;
}

}  // namespace

MapOutcome run_maps(const Registry& reg, const project::ProjectConfig& project, const MapOptions& opt) {
  check_options(opt);
  const style::Style st = style::load_style(opt.style_path.empty() ? default_style_path() : opt.style_path);
  const auto area = project_area_of(reg, project);
  AnalyzeOutcome own;
  const AnalyzeOutcome* analysis = analysis_for(reg, project, opt, area.get(), own);
  const AnalysisMapData* md = analysis && analysis->map_data ? &*analysis->map_data : nullptr;

  InputOptions io;
  io.epsg = project.analysis.epsg;
  io.level = project.analysis.district_level;
  io.area = area.get();
  const geometry::Projection proj(md ? analysis->epsg : analysis_epsg(reg, io));
  const MappedDistricts mapped = mapped_districts(reg, io.level, md, area.get(), proj, opt.threads);
  render::SourceData districts = district_data(reg, mapped, analysis, area.get(), proj, opt.threads);
  const std::vector<int> numbers = entry_numbers(reg, project, opt.kinds);
  if (!opt.district.empty() && std::none_of(mapped.districts.begin(), mapped.districts.end(),
                                            [&](const District* d) { return d->id == opt.district; }))
    throw config_error("no district \"" + opt.district + "\" to draw (district ids are those of registry.gpkg)");
  const MapContext context = read_map_context(project, proj, detail::context_area(mapped.planar));
  render::MapSheet base = base_sheet(reg, project, opt, proj, context, std::move(districts));
  base.focus = area_frame(mapped, area.get());

  MapOutcome out;
  out.context_reports = context.reports;
  out.context_diagnostics = context.diagnostics;
  out.warnings = context_warnings(context, st);
  fs::create_directories(opt.out_dir);
  const detail::MapSheets sheets{.reg = reg,
                                 .project = project,
                                 .opt = opt,
                                 .style = st,
                                 .analysis = analysis,
                                 .md = md,
                                 .proj = proj,
                                 .districts = mapped.districts,
                                 .planar = mapped.planar,
                                 .numbers = numbers,
                                 .context = context,
                                 .base = base,
                                 .edition = project.edition.empty() ? "" : "　データ時点 " + project.edition,
                                 .out = out};
  for (const MapKind kind : opt.kinds) detail::draw_maps(sheets, kind);
  return out;
}

}  // namespace careatlas::app
