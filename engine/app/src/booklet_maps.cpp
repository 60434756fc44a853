#include "booklet_maps.hpp"

#include <algorithm>
#include <boost/geometry.hpp>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/map_context.hpp"
#include "careatlas/app/project_area.hpp"
#include "map_features.hpp"

namespace careatlas::app::detail {

namespace {

bool overlaps(const render::MapExtent& a, const render::MapExtent& b) {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

// What a district map may show beyond its district: the frame is fitted to the focus
// with a margin and the page's aspect ratio, so a square around the focus, half as wide
// again, holds everything the frame can show.
render::MapExtent visible_around(const render::MapExtent& focus) {
  const double cx = (focus.x0 + focus.x1) / 2, cy = (focus.y0 + focus.y1) / 2;
  const double h = 0.75 * std::max(focus.x1 - focus.x0, focus.y1 - focus.y0);
  return {cx - h, cy - h, cx + h, cy + h};
}

bool inside(const render::MapExtent& a, const render::MapExtent& b) {
  return a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;
}

// The features of `data` that can show inside `view`, polygons cut to it (a district map
// needs its neighbours' edges, not their whole outlines: the cut edges lie beyond the
// frame, and a page holds a few hundred vertices instead of thousands).
std::vector<render::SourceData> clipped_to(const std::vector<render::SourceData>& data, const render::MapExtent& view) {
  const geometry::PlanarBox box{{view.x0, view.y0}, {view.x1, view.y1}};
  std::vector<render::SourceData> out;
  for (const render::SourceData& d : data) {
    render::SourceData c{d.source, d.context, {}};
    for (const render::Feature& f : d.features) {
      const render::MapExtent e = feature_extent(f);
      if (!overlaps(e, view)) continue;
      const auto* mp = std::get_if<geometry::PlanarMultiPolygon>(&f.shape);
      if (!mp || inside(e, view)) {
        c.features.push_back(f);
        continue;
      }
      render::Feature cut;
      cut.attributes = f.attributes;
      geometry::PlanarMultiPolygon part;
      boost::geometry::intersection(box, *mp, part);
      if (part.empty()) continue;
      cut.shape = std::move(part);
      c.features.push_back(std::move(cut));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

BookletMaps booklet_maps(const Registry& reg, const project::ProjectConfig& project, const style::Style& st,
                         const BookletPlan& plan, const std::vector<const Facility*>& listed, unsigned threads) {
  BookletMaps m;
  m.base.sources = registry_sources(reg);
  if (reg.districts.empty()) return m;
  InputOptions io;
  io.epsg = project.analysis.epsg;
  io.level = project.analysis.district_level;
  const auto area = project_area_of(reg, project);
  io.area = area.get();
  m.districts = analysed_districts(reg, io.level, io.area);
  m.proj.emplace(analysis_epsg(reg, io));
  std::vector<const MultiPolygon*> shapes;
  for (const District* d : m.districts) shapes.push_back(&d->geometry);
  m.planar = m.proj->forward(shapes, threads);
  const MapContext context = read_map_context(project, *m.proj, context_area(m.planar));
  m.base.page = {render::PaperSize::a4, false, 10};
  m.base.kind = "booklet";
  for (const std::string& a : attributions_drawn(context, st, "booklet"))
    if (std::find(m.base.sources.begin(), m.base.sources.end(), a) == m.base.sources.end()) m.base.sources.push_back(a);
  m.base.data = context.sources;
  m.base.data.push_back(district_features(m.districts, m.planar, {}));
  if (area)  // the municipalities around the area, greyed
    for (render::Feature& f : neighbour_features(reg, *area, *m.proj, threads).features)
      m.base.data.back().features.push_back(std::move(f));
  m.base.data.push_back(facility_features(reg, plan.numbers, *m.proj, &listed));
  return m;
}

render::MapSheet overview_map(const BookletMaps& maps, const std::string& edition) {
  render::MapSheet overview = maps.base;
  overview.title = "全体図";
  overview.subtitle = "記号の中の番号は、この冊子の掲載番号です" + edition;
  render::MapExtent focus = context_area(maps.planar);
  for (const render::Feature& f : maps.base.data.back().features) {
    const render::MapExtent e = feature_extent(f);
    focus = {std::min(focus.x0, e.x0), std::min(focus.y0, e.y0), std::max(focus.x1, e.x1), std::max(focus.y1, e.y1)};
  }
  overview.focus = focus;
  return overview;
}

render::MapSheet district_map(const BookletMaps& maps, std::size_t d, const PlanSection& section,
                              const std::string& edition) {
  const render::MapExtent focus = bounds_of(maps.planar[d], 0.08);
  render::MapSheet m;
  m.page = maps.base.page;
  m.kind = "booklet";
  m.title = section.title;
  m.sources = maps.base.sources;
  m.data = clipped_to(maps.base.data, visible_around(focus));
  m.atlas.push_back({section.title + "の地図", "記号の中の番号は、この冊子の掲載番号です" + edition, focus,
                     section.district->id});
  return m;
}

}  // namespace careatlas::app::detail
