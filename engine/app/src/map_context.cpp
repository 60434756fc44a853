#include "careatlas/app/map_context.hpp"

#include <algorithm>

#include "careatlas/importers/context_reader.hpp"

namespace careatlas::app {

namespace {

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

struct Bounds {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  void add(geometry::XY p) {
    x0 = std::min(x0, p.x);
    y0 = std::min(y0, p.y);
    x1 = std::max(x1, p.x);
    y1 = std::max(y1, p.y);
  }
  bool meets(const render::MapExtent& a) const { return x0 <= a.x1 && x1 >= a.x0 && y0 <= a.y1 && y1 >= a.y0; }
};

// The feature in map metres: a Lines and/or a polygon feature, each labelled.
std::vector<render::Feature> project_feature(const ContextFeature& cf, const geometry::Projection& proj,
                                             Bounds& bounds) {
  std::vector<render::Feature> out;
  auto labelled = [&](render::Feature f) {
    if (!cf.label.empty()) f.attributes["label"] = cf.label;
    out.push_back(std::move(f));
  };
  if (!cf.lines.empty()) {
    render::Lines lines;
    for (const LonLatLine& l : cf.lines) {
      std::vector<geometry::XY> xy(l.size());
      proj.forward(l.data(), xy.data(), l.size());
      for (const geometry::XY& p : xy) bounds.add(p);
      lines.push_back(std::move(xy));
    }
    labelled(render::Feature{std::move(lines), {}});
  }
  if (!cf.polygons.empty()) {
    geometry::PlanarMultiPolygon mp = proj.forward(cf.polygons);
    for (const auto& p : mp)
      for (const geometry::XY& q : p.outer()) bounds.add(q);
    labelled(render::Feature{std::move(mp), {}});
  }
  return out;
}

}  // namespace

MapContext read_map_context(const project::ProjectConfig& project, const geometry::Projection& proj,
                            const render::MapExtent& area) {
  MapContext out;
  for (const ContextSpec& spec : project.context) {
    DiagnosticCollector sink;
    ContextRead read = read_context_layer(spec, sink);
    for (Diagnostic& d : sink.take()) out.diagnostics.push_back(std::move(d));
    out.reports.push_back(read.report);

    auto it = std::find_if(out.sources.begin(), out.sources.end(),
                           [&](const render::SourceData& s) { return s.context == spec.name; });
    if (it == out.sources.end()) {
      out.sources.push_back(render::SourceData{style::Source::context, spec.name, {}});
      out.source_attributions.emplace_back();
      it = out.sources.end() - 1;
    }
    const std::size_t k = static_cast<std::size_t>(it - out.sources.begin());
    std::size_t kept = 0;
    for (const ContextFeature& cf : read.layer.features) {
      Bounds b;
      std::vector<render::Feature> fs = project_feature(cf, proj, b);
      if (!area.empty() && !b.meets(area)) {
        ++out.outside_area;
        continue;
      }
      for (render::Feature& f : fs) out.sources[k].features.push_back(std::move(f));
      ++kept;
    }
    // A layer with nothing on the map is not drawn, so it needs no 出典 line.
    if (kept > 0) add_unique(out.source_attributions[k], read.layer.attribution);
  }
  for (const auto& lines : out.source_attributions)
    for (const std::string& a : lines) add_unique(out.attributions, a);
  return out;
}

std::vector<std::string> attributions_drawn(const MapContext& context, const style::Style& style,
                                            std::string_view kind) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < context.sources.size(); ++i) {
    const render::SourceData& s = context.sources[i];
    if (s.features.empty()) continue;
    const bool drawn = std::any_of(style.layers.begin(), style.layers.end(), [&](const style::Layer& l) {
      return l.source == style::Source::context && l.context == s.context &&
             (l.maps.empty() || std::find(l.maps.begin(), l.maps.end(), kind) != l.maps.end());
    });
    if (drawn)
      for (const std::string& a : context.source_attributions[i]) add_unique(out, a);
  }
  return out;
}

}  // namespace careatlas::app
