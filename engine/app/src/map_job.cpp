#include "careatlas/app/map_job.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/analyze_job.hpp"
#include "careatlas/app/facility_numbers.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/style/style.hpp"
#include "careatlas/version.hpp"

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

struct MetricText {
  const char* caption;
  const char* format;
  double scale = 1;
};

MetricText metric_text(const std::string& m) {
  if (m == "uncovered_share") return {"到達圏外の65歳以上人口の割合", "%.0f %%", 100};
  if (m == "night_gap_hours") return {"夜間（22時〜6時）に対応できない時間数（週あたり）", "%.0f"};
  if (m == "weekend_gap_hours") return {"土日に対応できない時間数", "%.0f"};
  if (m == "holiday_gap_hours") return {"祝日に対応できない時間数", "%.0f"};
  if (m == "fragile_share") return {"対応できる事業所が1か所だけの65歳以上人口の割合（週平均）", "%.0f %%", 100};
  return {"アクセシビリティ（E2SFCA、65歳以上人口あたり医師数）", "%.2e"};
}

std::string extension(render::Format f) {
  switch (f) {
    case render::Format::pdf: return ".pdf";
    case render::Format::svg: return ".svg";
    case render::Format::png: return ".png";
  }
  return ".pdf";
}

void set_metric_attributes(render::Feature& f, const DistrictMetrics& m) {
  f.attributes["pop65"] = m.pop65;
  f.attributes["uncovered_share"] = m.uncovered_share;
  f.attributes["night_gap_hours"] = static_cast<long long>(m.night_gap_hours);
  f.attributes["weekend_gap_hours"] = static_cast<long long>(m.weekend_gap_hours);
  f.attributes["holiday_gap_hours"] = static_cast<long long>(m.holiday_gap_hours);
  f.attributes["fragile_share"] = m.fragile_share;
  f.attributes["accessibility"] = m.accessibility;
  f.attributes["rank"] = static_cast<long long>(m.rank);
}

render::MapExtent bounds_of(const geometry::PlanarMultiPolygon& mp, double grow) {
  render::MapExtent e{1e300, 1e300, -1e300, -1e300};
  for (const auto& p : mp)
    for (const geometry::XY& q : p.outer()) {
      e.x0 = std::min(e.x0, q.x);
      e.y0 = std::min(e.y0, q.y);
      e.x1 = std::max(e.x1, q.x);
      e.y1 = std::max(e.y1, q.y);
    }
  const double g = std::max(e.x1 - e.x0, e.y1 - e.y0) * grow;
  return {e.x0 - g, e.y0 - g, e.x1 + g, e.y1 + g};
}

}  // namespace

MapOutcome run_maps(const Registry& reg, const project::ProjectConfig& project, const MapOptions& opt) {
  static const std::set<std::string> known = {"resource", "gap", "atlas"};
  for (const std::string& k : opt.kinds)
    if (!known.count(k)) throw config_error("unknown map kind \"" + k + "\" (resource, gap, atlas)");
  for (const std::string& m : opt.gap_metrics)
    if (std::find(gap_metrics().begin(), gap_metrics().end(), m) == gap_metrics().end())
      throw config_error("unknown gap metric \"" + m + "\"");
  const style::Style st = style::load_style(opt.style_path.empty() ? default_style_path() : opt.style_path);

  InputOptions io;
  io.epsg = project.analysis.epsg;
  io.level = project.analysis.district_level;
  const geometry::Projection proj(analysis_epsg(reg, io));
  const std::vector<const District*> analysed = analysed_districts(reg, io.level);
  std::vector<const MultiPolygon*> shapes;
  for (const District* d : analysed) shapes.push_back(&d->geometry);
  const std::vector<geometry::PlanarMultiPolygon> planar = proj.forward(shapes, opt.threads);

  // Districts, with the analysis metrics when a gap map needs them.
  std::map<std::string, DistrictMetrics> metrics;
  if (std::find(opt.kinds.begin(), opt.kinds.end(), "gap") != opt.kinds.end()) {
    AnalyzeOptions ao;
    ao.settings = project.analysis;
    ao.layers = project.layers;
    ao.threads = opt.threads;
    for (const DistrictMetrics& m : run_analyze(reg, ao).districts) metrics[m.id] = m;
  }
  render::SourceData districts{style::Source::districts, "", {}};
  for (std::size_t i = 0; i < analysed.size(); ++i) {
    const District& d = *analysed[i];
    render::Feature f;
    f.shape = planar[i];
    f.attributes["id"] = d.id;
    f.attributes["name"] = d.name;
    f.attributes["level"] = std::string(to_string(d.level));
    if (const auto it = metrics.find(d.id); it != metrics.end()) set_metric_attributes(f, it->second);
    districts.features.push_back(std::move(f));
  }

  // Facilities, numbered as in the booklet.
  const std::vector<int> numbers = facility_numbers(reg);
  render::SourceData facilities{style::Source::facilities, "", {}};
  for (std::size_t i = 0; i < reg.facilities.size(); ++i) {
    const Facility& fac = reg.facilities[i];
    if (!fac.location) continue;
    render::Feature f;
    f.shape = proj.forward(*fac.location);
    f.attributes["kind"] = std::string(to_string(fac.kind));
    f.attributes["name"] = fac.short_name.empty() ? fac.name : fac.short_name;
    f.attributes["number"] = static_cast<long long>(numbers[i]);
    f.attributes["home_visit"] = fac.home_visit.value.value_or(false);
    f.attributes["support_24h"] = fac.support_24h.value.value_or(false);
    f.attributes["municipality_code"] = fac.municipality_code;
    facilities.features.push_back(std::move(f));
  }

  render::MapSheet base;
  base.page = opt.page;
  base.title = project.title.empty() ? reg.title : project.title;
  std::set<std::string> seen;
  for (const SourceInfo& s : reg.sources)
    if (!s.attribution.empty() && seen.insert(s.attribution).second) base.sources.push_back(s.attribution);
  base.footer = "作成 " + opt.production_date + "　careatlas " + kVersion + "　座標系 " + proj.name() +
                (project.issuer.empty() ? "" : "　" + project.issuer);
  base.data = {districts, facilities};
  const std::string edition = project.edition.empty() ? "" : "　データ時点 " + project.edition;

  MapOutcome out;
  fs::create_directories(opt.out_dir);
  render::RenderOptions ro;
  ro.format = opt.format;
  ro.dpi = opt.dpi;
  ro.creation_date = opt.production_date;
  auto write = [&](const std::vector<render::MapSheet>& sheets, const std::string& name, const render::RenderOptions& o) {
    const std::string path = (fs::path(opt.out_dir) / name).string();
    out.reports.push_back(render::render(sheets, st, path, o));
    out.written.push_back(path);
  };
  for (const std::string& kind : opt.kinds) {
    if (kind == "resource") {
      render::MapSheet s = base;
      s.kind = "resource";
      s.subtitle = "在宅医療・介護資源の分布（記号内の番号は連絡帳の番号）" + edition;
      write({s}, "resource_map" + extension(opt.format), ro);
    } else if (kind == "gap") {
      for (const std::string& metric : opt.gap_metrics) {
        render::MapSheet s = base;
        s.kind = "gap";
        const MetricText mt = metric_text(metric);
        s.subtitle = std::string(mt.caption) + "（" +
                     (project.layers.empty() ? std::string() : project.layers.front().label) + "）" + edition;
        s.classes_field = metric;
        s.classes_caption = mt.caption;
        s.classes_format = mt.format;
        s.classes_scale = mt.scale;
        write({s}, "gap_map_" + metric + extension(opt.format), ro);
      }
    } else {  // atlas: one page per district, always PDF
      std::vector<render::MapSheet> pages;
      for (std::size_t i = 0; i < analysed.size(); ++i) {
        const District& d = *analysed[i];
        if (!opt.district.empty() && d.id != opt.district) continue;
        render::MapSheet s = base;
        s.kind = "atlas";
        s.title = base.title + "　" + d.name;
        s.subtitle = "地区別資源地図（" + d.id + "）" + edition;
        s.focus = bounds_of(planar[i], 0.08);
        pages.push_back(std::move(s));
      }
      if (pages.empty()) throw config_error("no district \"" + opt.district + "\" to draw");
      render::RenderOptions pdf = ro;
      pdf.format = render::Format::pdf;
      write(pages, "district_atlas.pdf", pdf);
    }
  }
  return out;
}

}  // namespace careatlas::app
