#include "careatlas/app/map_job.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/facility_numbers.hpp"
#include "careatlas/app/map_context.hpp"
#include "careatlas/geometry/analysis.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/render/heatmap.hpp"
#include "careatlas/style/style.hpp"
#include "careatlas/version.hpp"
#include "map_features.hpp"

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

const std::vector<std::string>& map_kinds() {
  static const std::vector<std::string> k = {"resource", "coverage", "gap", "access", "atlas", "heatmap"};
  return k;
}

bool needs_analysis(const std::string& kind) {
  return kind == "coverage" || kind == "gap" || kind == "access" || kind == "heatmap";
}

const std::vector<std::string>& gap_metrics() {
  static const std::vector<std::string> m = {"uncovered_share", "night_gap_hours", "weekend_gap_hours",
                                             "holiday_gap_hours", "fragile_share", "accessibility"};
  return m;
}

namespace {

struct MetricText {
  const char* caption;
  const char* format;
  double scale = 1;
  bool higher_is_better = false;
};

MetricText metric_text(const std::string& m) {
  if (m == "uncovered_share") return {"到達圏外の65歳以上人口の割合", "%.0f %%", 100};
  if (m == "night_gap_hours") return {"夜間（22時〜6時）に対応できない時間数（週あたり）", "%.0f"};
  if (m == "weekend_gap_hours") return {"土日に対応できない時間数", "%.0f"};
  if (m == "holiday_gap_hours") return {"祝日に対応できない時間数", "%.0f"};
  if (m == "fragile_share") return {"対応できる事業所が1か所だけの65歳以上人口の割合（週平均）", "%.0f %%", 100};
  return {"アクセシビリティ（65歳以上千人あたり医師数、E2SFCA）", "%.2f", 1, true};
}

std::string extension(render::Format f) {
  switch (f) {
    case render::Format::pdf: return ".pdf";
    case render::Format::svg: return ".svg";
    case render::Format::png: return ".png";
  }
  return ".pdf";
}

// 16000 → "16 km", 2500 → "2.5 km".
std::string km(double metres) {
  char b[32];
  std::snprintf(b, sizeof b, "%g km", metres / 1000);
  return b;
}

}  // namespace

MapOutcome run_maps(const Registry& reg, const project::ProjectConfig& project, const MapOptions& opt) {
  for (const std::string& k : opt.kinds)
    if (std::find(map_kinds().begin(), map_kinds().end(), k) == map_kinds().end())
      throw config_error("unknown map kind \"" + k + "\" (resource, coverage, gap, access, atlas, heatmap)");
  for (const std::string& m : opt.gap_metrics)
    if (std::find(gap_metrics().begin(), gap_metrics().end(), m) == gap_metrics().end())
      throw config_error("unknown gap metric \"" + m + "\"");
  if (opt.heatmap_values != "uncovered" && opt.heatmap_values != "fragile")
    throw config_error("heatmap values must be uncovered or fragile, not \"" + opt.heatmap_values + "\"");
  const style::Style st = style::load_style(opt.style_path.empty() ? default_style_path() : opt.style_path);

  // The analysis, when a kind draws its results: it hands back the projected districts,
  // so that they are projected once.
  const bool analysed_kinds = std::any_of(opt.kinds.begin(), opt.kinds.end(), needs_analysis);
  AnalyzeOutcome own;
  const AnalyzeOutcome* analysis = opt.analysis;
  if (analysed_kinds && !(analysis && analysis->map_data)) {
    AnalyzeOptions ao;
    ao.settings = project.analysis;
    ao.layers = project.layers.empty() ? default_provider_layers() : project.layers;
    ao.threads = opt.threads;
    ao.keep_map_data = true;
    own = run_analyze(reg, ao);
    analysis = &own;
  }
  const AnalysisMapData* md = analysis && analysis->map_data ? &*analysis->map_data : nullptr;

  InputOptions io;
  io.epsg = project.analysis.epsg;
  io.level = project.analysis.district_level;
  const geometry::Projection proj(md ? analysis->epsg : analysis_epsg(reg, io));
  std::vector<const District*> districts;
  std::vector<geometry::PlanarMultiPolygon> planar;
  if (md) {
    districts = md->districts;
    planar = md->district_shapes;
  } else {
    districts = analysed_districts(reg, io.level);
    std::vector<const MultiPolygon*> shapes;
    for (const District* d : districts) shapes.push_back(&d->geometry);
    planar = proj.forward(shapes, opt.threads);
  }
  std::map<std::string, const DistrictMetrics*> metrics;
  if (analysis)
    for (const DistrictMetrics& m : analysis->districts) metrics[m.id] = &m;
  const render::SourceData district_data = detail::district_features(districts, planar, metrics);
  // The booklet's entry numbers, for the kinds that print them (the plan sorts and locates
  // every facility: not worth it for a gap map).
  const std::vector<int> numbers = std::any_of(opt.kinds.begin(), opt.kinds.end(), detail::draws_numbers)
                                       ? facility_numbers(reg, project)
                                       : std::vector<int>(reg.facilities.size(), 0);
  if (!opt.district.empty() && std::none_of(districts.begin(), districts.end(),
                                            [&](const District* d) { return d->id == opt.district; }))
    throw config_error("no district \"" + opt.district + "\" to draw (district ids are those of registry.gpkg)");
  const MapContext context = read_map_context(project, proj, detail::context_area(planar));

  render::MapSheet base;
  base.page = opt.page;
  base.title = project.title.empty() ? reg.title : project.title;
  base.sources = detail::registry_sources(reg);
  base.footer = "作成 " + opt.production_date + "　careatlas " + kVersion + "　座標系 " + proj.name() +
                (project.issuer.empty() ? "" : "　" + project.issuer);
  base.data = context.sources;
  base.data.push_back(district_data);
  const std::string edition = project.edition.empty() ? "" : "　データ時点 " + project.edition;

  MapOutcome out;
  out.context_reports = context.reports;
  out.context_diagnostics = context.diagnostics;
  for (const render::SourceData& c : context.sources)
    if (std::none_of(st.layers.begin(), st.layers.end(), [&](const style::Layer& l) {
          return l.source == style::Source::context && l.context == c.context;
        }))
      out.warnings.push_back("context \"" + c.context + "\": no layer of the style draws it (the default style draws " +
                             "water, rivers, roads and railways)");
  if (context.outside_area > 0)
    out.warnings.push_back(std::to_string(context.outside_area) + " context features lie outside the mapped area and are not drawn");
  // A sheet's 出典 lines: the registry's, then those of the context layers it draws.
  auto sources_for = [&](const std::string& kind) {
    std::vector<std::string> lines = base.sources;
    for (const std::string& a : attributions_drawn(context, st, kind))
      if (std::find(lines.begin(), lines.end(), a) == lines.end()) lines.push_back(a);
    return lines;
  };
  fs::create_directories(opt.out_dir);
  render::RenderOptions ro;
  ro.format = opt.format;
  ro.dpi = opt.dpi;
  ro.creation_date = opt.production_date;
  auto path_of = [&](const std::string& name) { return (fs::path(opt.out_dir) / name).string(); };
  // The sheet is moved, not copied: a nation's facilities are some 100 MB of features.
  auto write = [&](render::MapSheet&& sheet, const std::string& name, const render::RenderOptions& o) {
    std::vector<render::MapSheet> sheets;
    sheets.push_back(std::move(sheet));
    out.reports.push_back(render::render(sheets, st, path_of(name), o));
    out.written.push_back(path_of(name));
  };
  for (const std::string& kind : opt.kinds) {
    if (kind == "resource") {
      render::MapSheet s = base;
      s.kind = "resource";
      s.sources = sources_for(s.kind);
      s.subtitle = "在宅医療・介護資源の分布（記号内の番号は連絡帳の番号）" + edition;
      s.data.push_back(detail::facility_features(reg, numbers, proj));  // built per sheet: a nation's are ~100 MB
      write(std::move(s), "resource_map" + extension(opt.format), ro);
    } else if (kind == "coverage") {
      for (std::size_t l = 0; l < md->layers.size(); ++l) {
        const AnalysisMapData::Layer& layer = md->layers[l];
        render::MapSheet s = base;
        s.kind = "coverage";
        s.sources = sources_for(s.kind);
        // "訪問看護（10km）の到達圏"; a label that does not give the radius gets it added.
        const std::string label = layer.label.empty() ? layer.name : layer.label;
        const std::string reach =
            label + "の到達圏" + (label.find("km") == std::string::npos ? "（半径 " + km(layer.radius_m) + "）" : "");
        s.subtitle = reach + edition;
        s.legend_text["coverage"] = reach;
        s.data.push_back(detail::coverage_features(*md, l));
        s.data.push_back(detail::facility_features(reg, numbers, proj, &layer.providers));
        write(std::move(s), "coverage_map_" + layer.name + extension(opt.format), ro);
      }
    } else if (kind == "gap") {
      const AnalysisMapData::Layer& primary = md->layers[md->access_layer];
      for (const std::string& metric : opt.gap_metrics) {
        render::MapSheet s = base;
        s.kind = "gap";
        s.sources = sources_for(s.kind);
        const MetricText mt = metric_text(metric);
        s.subtitle = std::string(mt.caption) + "（" + (primary.label.empty() ? primary.name : primary.label) + "）" + edition;
        s.classes_field = metric;
        s.classes_caption = mt.caption;
        s.classes_format = mt.format;
        s.classes_scale = mt.scale;
        s.classes_higher_is_better = mt.higher_is_better;
        write(std::move(s), "gap_map_" + metric + extension(opt.format), ro);
      }
    } else if (kind == "access") {
      render::MapSheet s = base;
      s.kind = "access";
      s.sources = sources_for(s.kind);
      const AnalysisMapData::Layer& supply = md->layers[md->access_layer];
      s.subtitle = "500 m メッシュごとのアクセシビリティ（E2SFCA、" + (supply.label.empty() ? supply.name : supply.label) +
                   "の医師数、距離減衰 " + km(project.analysis.e2sfca_d0) + "）" + edition;
      s.data.insert(s.data.begin(), detail::cell_features(*md, proj, opt.threads));
      write(std::move(s), "access_map" + extension(opt.format), ro);
    } else if (kind == "atlas") {  // one page per district, always PDF
      render::MapSheet s = base;
      s.kind = "atlas";
      s.sources = sources_for(s.kind);
      s.data.push_back(detail::facility_features(reg, numbers, proj));  // built per sheet: a nation's are ~100 MB
      for (std::size_t i = 0; i < districts.size(); ++i) {
        const District& d = *districts[i];
        if (!opt.district.empty() && d.id != opt.district) continue;
        s.atlas.push_back({base.title + "　" + d.name, "地区別資源地図（" + d.id + "）" + edition,
                           detail::bounds_of(planar[i], 0.08), d.id});
      }
      if (s.atlas.empty()) throw config_error("no districts to draw");
      render::RenderOptions pdf = ro;
      pdf.format = render::Format::pdf;
      write(std::move(s), "district_atlas.pdf", pdf);
    } else {  // heatmap: one per provider layer, districts in ranking order
      const bool fragile = opt.heatmap_values == "fragile";
      for (const AnalysisMapData::Layer& layer : md->layers) {
        render::HeatmapSheet h;
        h.page = opt.page;
        h.title = base.title;
        const std::string name = layer.label.empty() ? layer.name : layer.label;
        h.subtitle = name + (fragile ? "：対応できる事業所が1か所だけの65歳以上人口（曜日・時刻別、上から優先度順）"
                                     : "：対応できる事業所がない65歳以上人口（曜日・時刻別、上から優先度順）") +
                     edition;
        h.value_caption = fragile ? "1か所だけが対応できる65歳以上人口（人）" : "対応できる事業所がない65歳以上人口（人）";
        const std::vector<double>& v = fragile ? layer.fragile : layer.uncovered;
        std::map<std::string, int> name_count;
        for (const DistrictMetrics& m : analysis->districts) ++name_count[m.name];
        for (const std::size_t d : analysis->ranking) {
          // A name two districts share (府中市, 中部圏域 …) gets the id, so rows stay apart.
          const DistrictMetrics& m = analysis->districts[d];
          h.row_labels.push_back(name_count[m.name] > 1 ? m.name + "（" + m.id + "）" : m.name);
          const auto at = v.begin() + static_cast<std::ptrdiff_t>(d * geometry::kGapSlots);
          h.values.emplace_back(at, at + static_cast<std::ptrdiff_t>(geometry::kGapSlots));
        }
        h.sources = base.sources;
        h.footer = base.footer;
        const std::string name_of_file =
            "heatmap_" + layer.name + (fragile ? "_fragile" : "") + extension(opt.format);
        out.reports.push_back(render::render_heatmap(h, st, path_of(name_of_file), ro));
        out.written.push_back(path_of(name_of_file));
      }
    }
  }
  return out;
}

}  // namespace careatlas::app
