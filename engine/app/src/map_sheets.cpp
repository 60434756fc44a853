// The sheets of each map kind: what each shows and the file it goes to.
#include "map_sheets.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "careatlas/geometry/analysis.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/render/heatmap.hpp"
#include "map_features.hpp"

namespace careatlas::app::detail {

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

// resource_map.pdf, coverage_map_home_nursing.svg (`part`: the layer or metric), district_atlas.pdf.
std::string file_name(const MapSheets& m, MapKind kind, const std::string& part = "") {
  const MapKindInfo& k = map_kind_info(kind);
  return std::string(k.file_stem) + (part.empty() ? "" : "_" + part) + (k.always_pdf ? ".pdf" : extension(m.opt.format));
}

std::string path_of(const MapSheets& m, const std::string& name) {
  return (std::filesystem::path(m.opt.out_dir) / name).string();
}

render::RenderOptions render_options(const MapSheets& m, MapKind kind) {
  render::RenderOptions ro;
  ro.format = map_kind_info(kind).always_pdf ? render::Format::pdf : m.opt.format;
  ro.dpi = m.opt.dpi;
  ro.creation_date = m.opt.production_date;
  return ro;
}

// The base sheet as a map of `kind`, its 出典 lines those of the registry, then those of
// the context layers it draws.
render::MapSheet sheet_of(const MapSheets& m, MapKind kind) {
  render::MapSheet s = m.base;
  s.kind = std::string(to_string(kind));
  for (const std::string& a : attributions_drawn(m.context, m.style, s.kind))
    if (std::find(s.sources.begin(), s.sources.end(), a) == s.sources.end()) s.sources.push_back(a);
  return s;
}

// The sheet is moved, not copied: a nation's facilities are some 100 MB of features.
void write(const MapSheets& m, render::MapSheet&& sheet, MapKind kind, const std::string& name) {
  std::vector<render::MapSheet> sheets;
  sheets.push_back(std::move(sheet));
  m.out.reports.push_back(render::render(sheets, m.style, path_of(m, name), render_options(m, kind)));
  m.out.written.push_back(path_of(m, name));
}

std::string layer_name(const AnalysisMapData::Layer& layer) { return layer.label.empty() ? layer.name : layer.label; }

void resource_map(const MapSheets& m) {
  render::MapSheet s = sheet_of(m, MapKind::resource);
  s.subtitle = "在宅医療・介護資源の分布（記号内の番号は連絡帳の番号）" + m.edition;
  s.data.push_back(facility_features(m.reg, m.numbers, m.proj));  // built per sheet: a nation's are ~100 MB
  write(m, std::move(s), MapKind::resource, file_name(m, MapKind::resource));
}

// The straight-line view of a drive-time view (its name + "_<N>min"), if the layer has one.
std::optional<std::size_t> straight_view_of(const AnalysisMapData& md, std::size_t road) {
  const AnalysisMapData::Layer& r = md.layers[road];
  for (std::size_t k = 0; k < md.layers.size(); ++k)
    if (md.layers[k].travel_minutes == 0 && md.layers[k].name + "_" + minutes_text(r.travel_minutes) + "min" == r.name)
      return k;
  return std::nullopt;
}

// A drive-time view: the populated cells by reach (by road / straight-line only / neither)
// with the road network over them, by class.
void drive_time_map(const MapSheets& m, std::size_t l) {
  const AnalysisMapData::Layer& layer = m.md->layers[l];
  const std::optional<std::size_t> straight = straight_view_of(*m.md, l);
  render::MapSheet s = sheet_of(m, MapKind::coverage);
  const std::string minutes = minutes_text(layer.travel_minutes);
  // "訪問診療：道路で30分以内に届く範囲と、直線 16 km では届くが道路では届かない範囲"
  const std::string label = layer_name(straight ? m.md->layers[*straight] : layer);
  std::string reach = label + "：道路で" + minutes + "分以内に届く範囲";
  if (straight) reach += "と、直線 " + km(m.md->layers[*straight].radius_m) + " では届くが道路では届かない範囲";
  s.subtitle = reach + m.edition;
  s.data.insert(s.data.begin(), reach_features(*m.md, l, straight, m.proj, m.opt.threads));
  s.data.push_back(road_features(m.reg.roads, m.proj, context_area(m.planar), m.opt.threads));
  s.data.push_back(facility_features(m.reg, m.numbers, m.proj, &layer.providers));
  if (std::find(s.sources.begin(), s.sources.end(), m.reg.roads.attribution) == s.sources.end())
    s.sources.push_back(m.reg.roads.attribution);
  write(m, std::move(s), MapKind::coverage, file_name(m, MapKind::coverage, layer.name));
}

void coverage_maps(const MapSheets& m) {
  for (std::size_t l = 0; l < m.md->layers.size(); ++l) {
    const AnalysisMapData::Layer& layer = m.md->layers[l];
    if (layer.travel_minutes > 0) {
      drive_time_map(m, l);
      continue;
    }
    render::MapSheet s = sheet_of(m, MapKind::coverage);
    // "訪問看護（10km）の到達圏"; a label that does not give the radius gets it added.
    const std::string label = layer_name(layer);
    const std::string reach =
        label + "の到達圏" + (label.find("km") == std::string::npos ? "（半径 " + km(layer.radius_m) + "）" : "");
    s.subtitle = reach + m.edition;
    s.legend_text["coverage"] = reach;
    s.data.push_back(coverage_features(*m.md, l));
    s.data.push_back(facility_features(m.reg, m.numbers, m.proj, &layer.providers));
    write(m, std::move(s), MapKind::coverage, file_name(m, MapKind::coverage, layer.name));
  }
}

void gap_maps(const MapSheets& m) {
  const AnalysisMapData::Layer& primary = m.md->layers[m.md->access_layer];
  for (const std::string& metric : m.opt.gap_metrics) {
    render::MapSheet s = sheet_of(m, MapKind::gap);
    const MetricText mt = metric_text(metric);
    s.subtitle = std::string(mt.caption) + "（" + layer_name(primary) + "）" + m.edition;
    s.classes_field = metric;
    s.classes_caption = mt.caption;
    s.classes_format = mt.format;
    s.classes_scale = mt.scale;
    s.classes_higher_is_better = mt.higher_is_better;
    write(m, std::move(s), MapKind::gap, file_name(m, MapKind::gap, metric));
  }
}

void access_map(const MapSheets& m) {
  render::MapSheet s = sheet_of(m, MapKind::access);
  const AnalysisMapData::Layer& supply = m.md->layers[m.md->access_layer];
  s.subtitle = "500 m メッシュごとのアクセシビリティ（E2SFCA、" + layer_name(supply) + "の医師数、距離減衰 " +
               km(m.project.analysis.e2sfca_d0) + "）" + m.edition;
  s.data.insert(s.data.begin(), cell_features(*m.md, m.proj, m.opt.threads));
  write(m, std::move(s), MapKind::access, file_name(m, MapKind::access));
}

// One page per district (or only opt.district), always PDF.
void district_atlas(const MapSheets& m) {
  render::MapSheet s = sheet_of(m, MapKind::atlas);
  s.data.push_back(facility_features(m.reg, m.numbers, m.proj));  // built per sheet: a nation's are ~100 MB
  for (std::size_t i = 0; i < m.districts.size(); ++i) {
    const District& d = *m.districts[i];
    if (!m.opt.district.empty() && d.id != m.opt.district) continue;
    s.atlas.push_back({m.base.title + "　" + d.name, "地区別資源地図（" + d.id + "）" + m.edition,
                       bounds_of(m.planar[i], 0.08), d.id});
  }
  if (s.atlas.empty()) throw config_error("no districts to draw");
  write(m, std::move(s), MapKind::atlas, file_name(m, MapKind::atlas));
}

// The rows of a heatmap: the districts in ranking order, each with its 192 slots of `v`.
void heatmap_rows(const AnalyzeOutcome& analysis, const std::vector<double>& v, render::HeatmapSheet& h) {
  std::map<std::string, int> name_count;
  for (const DistrictMetrics& dm : analysis.districts) ++name_count[dm.name];
  for (const std::size_t d : analysis.ranking) {
    // A name two districts share (府中市, 中部圏域 …) gets the id, so rows stay apart.
    const DistrictMetrics& dm = analysis.districts[d];
    h.row_labels.push_back(name_count[dm.name] > 1 ? dm.name + "（" + dm.id + "）" : dm.name);
    const auto at = v.begin() + static_cast<std::ptrdiff_t>(d * geometry::kGapSlots);
    h.values.emplace_back(at, at + static_cast<std::ptrdiff_t>(geometry::kGapSlots));
  }
}

// One per provider layer, districts in ranking order.
void heatmaps(const MapSheets& m) {
  const bool fragile = m.opt.heatmap_values == "fragile";
  for (const AnalysisMapData::Layer& layer : m.md->layers) {
    render::HeatmapSheet h;
    h.page = m.opt.page;
    h.title = m.base.title;
    h.subtitle = layer_name(layer) +
                 (fragile ? "：対応できる事業所が1か所だけの65歳以上人口（曜日・時刻別、上から優先度順）"
                          : "：対応できる事業所がない65歳以上人口（曜日・時刻別、上から優先度順）") +
                 m.edition;
    h.value_caption = fragile ? "1か所だけが対応できる65歳以上人口（人）" : "対応できる事業所がない65歳以上人口（人）";
    heatmap_rows(*m.analysis, fragile ? layer.fragile : layer.uncovered, h);
    h.sources = m.base.sources;
    h.footer = m.base.footer;
    const std::string name = file_name(m, MapKind::heatmap, layer.name + (fragile ? "_fragile" : ""));
    m.out.reports.push_back(render::render_heatmap(h, m.style, path_of(m, name), render_options(m, MapKind::heatmap)));
    m.out.written.push_back(path_of(m, name));
  }
}

}  // namespace

void draw_maps(const MapSheets& m, MapKind kind) {
  switch (kind) {
    case MapKind::resource: return resource_map(m);
    case MapKind::coverage: return coverage_maps(m);
    case MapKind::gap: return gap_maps(m);
    case MapKind::access: return access_map(m);
    case MapKind::atlas: return district_atlas(m);
    case MapKind::heatmap: return heatmaps(m);
  }
}

}  // namespace careatlas::app::detail
