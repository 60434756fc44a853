#include "map_features.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "careatlas/model/mesh_code.hpp"

namespace careatlas::app::detail {

namespace {

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

}  // namespace

render::SourceData district_features(const std::vector<const District*>& districts,
                                     const std::vector<geometry::PlanarMultiPolygon>& shapes,
                                     const std::map<std::string, const DistrictMetrics*>& metrics) {
  render::SourceData out{style::Source::districts, "", {}};
  out.features.reserve(districts.size());
  for (std::size_t i = 0; i < districts.size(); ++i) {
    const District& d = *districts[i];
    render::Feature f;
    f.shape = shapes[i];
    f.attributes["id"] = d.id;
    f.attributes["name"] = d.name;
    f.attributes["level"] = std::string(to_string(d.level));
    if (const auto it = metrics.find(d.id); it != metrics.end()) set_metric_attributes(f, *it->second);
    out.features.push_back(std::move(f));
  }
  return out;
}

render::SourceData neighbour_features(const Registry& reg, const geometry::ProjectArea& area,
                                      const geometry::Projection& proj, unsigned threads) {
  std::vector<const District*> around;
  std::vector<const MultiPolygon*> shapes;
  for (const District& d : reg.districts)
    if (d.level == DistrictLevel::municipality && !area.contains(d)) {
      around.push_back(&d);
      shapes.push_back(&d.geometry);
    }
  render::SourceData out = district_features(around, proj.forward(shapes, threads), {});
  for (render::Feature& f : out.features) f.attributes["in_focus"] = false;
  return out;
}

render::SourceData facility_features(const Registry& reg, const std::vector<int>& numbers,
                                     const geometry::Projection& proj, const std::vector<const Facility*>* only) {
  render::SourceData out{style::Source::facilities, "", {}};
  auto add = [&](std::size_t i) {
    const Facility& fac = reg.facilities[i];
    if (!fac.location) return;
    render::Feature f;
    f.shape = proj.forward(*fac.location);
    f.attributes["id"] = fac.facility_id;
    f.attributes["kind"] = std::string(to_string(fac.kind));
    f.attributes["name"] = fac.short_name.empty() ? fac.name : fac.short_name;
    // 0: not in the booklet ([booklet] kinds or filters): drawn without a number.
    if (i < numbers.size() && numbers[i] != 0) f.attributes["number"] = static_cast<long long>(numbers[i]);
    f.attributes["home_visit"] = fac.home_visit.value.value_or(false);
    f.attributes["support_24h"] = fac.support_24h.value.value_or(false);
    f.attributes["municipality_code"] = fac.municipality_code;
    // published | address: whether the point is the source's or careatlas's estimate.
    f.attributes["location"] = std::string(by_address(fac.location_source) ? "address" : "published");
    out.features.push_back(std::move(f));
  };
  if (only)
    for (const Facility* f : *only) {
      // An analysis handed in must have run on this very registry.
      if (f < reg.facilities.data() || f >= reg.facilities.data() + reg.facilities.size())
        throw std::logic_error("facility_features: a provider is not in this registry");
      add(static_cast<std::size_t>(f - reg.facilities.data()));
    }
  else
    for (std::size_t i = 0; i < reg.facilities.size(); ++i) add(i);
  return out;
}

render::SourceData coverage_features(const AnalysisMapData& md, std::size_t layer) {
  const AnalysisMapData::Layer& l = md.layers[layer];
  render::SourceData out{style::Source::coverage, "", {}};
  for (std::size_t d = 0; d < l.covered.size(); ++d) {
    if (l.covered[d].empty()) continue;
    render::Feature f;
    f.shape = l.covered[d];
    f.attributes["layer"] = l.name;
    f.attributes["label"] = l.label;
    f.attributes["radius_m"] = l.radius_m;
    f.attributes["district_id"] = md.districts[d]->id;
    out.features.push_back(std::move(f));
  }
  return out;
}

namespace {

// The base year's cells as squares: kept[k] is the cell index of squares[k].
struct CellSquares {
  std::vector<std::size_t> kept;
  std::vector<geometry::PlanarMultiPolygon> squares;
};

CellSquares cell_squares(const AnalysisMapData& md, const geometry::Projection& proj, unsigned threads) {
  // The four corners of every cell, projected in one threaded call; 500 m edges stay
  // straight to well under a millimetre on paper.
  std::vector<LonLat> corners;
  corners.reserve(md.cells.size() * 4);
  CellSquares out;
  for (std::size_t i = 0; i < md.cells.size(); ++i) {
    const auto b = mesh::decode(md.cells[i]->mesh_code);
    if (!b) continue;  // codes were validated on import
    out.kept.push_back(i);
    corners.insert(corners.end(), {{b->west, b->south}, {b->west, b->north}, {b->east, b->north}, {b->east, b->south}});
  }
  std::vector<geometry::XY> xy(corners.size());
  proj.forward(corners.data(), xy.data(), corners.size(), threads);
  out.squares.reserve(out.kept.size());
  for (std::size_t k = 0; k < out.kept.size(); ++k) {
    geometry::PlanarPolygon square;  // clockwise, closed, as Boost.Geometry's default polygon
    square.outer() = {xy[4 * k], xy[4 * k + 1], xy[4 * k + 2], xy[4 * k + 3], xy[4 * k]};
    out.squares.push_back(geometry::PlanarMultiPolygon{std::move(square)});
  }
  return out;
}

}  // namespace

render::SourceData cell_features(const AnalysisMapData& md, const geometry::Projection& proj, unsigned threads) {
  CellSquares cs = cell_squares(md, proj, threads);
  render::SourceData out{style::Source::cells, "", {}};
  out.features.reserve(cs.kept.size());
  for (std::size_t k = 0; k < cs.kept.size(); ++k) {
    const std::size_t i = cs.kept[k];
    render::Feature f;
    f.shape = std::move(cs.squares[k]);
    f.attributes["pop65"] = md.cells[i]->age65plus.value_or(0.0);
    f.attributes["accessibility"] = md.access[i];
    f.attributes["n_providers"] = static_cast<long long>(md.access_providers[i]);
    out.features.push_back(std::move(f));
  }
  return out;
}

render::SourceData reach_features(const AnalysisMapData& md, std::size_t layer, std::optional<std::size_t> straight,
                                  const geometry::Projection& proj, unsigned threads) {
  CellSquares cs = cell_squares(md, proj, threads);
  const AnalysisMapData::Layer& road = md.layers[layer];
  render::SourceData out{style::Source::cells, "", {}};
  for (std::size_t k = 0; k < cs.kept.size(); ++k) {
    const std::size_t i = cs.kept[k];
    const double pop65 = md.cells[i]->age65plus.value_or(0.0);
    if (!(pop65 > 0)) continue;  // the classes are about the people reached
    const bool by_road = road.reached[i] != 0;
    const bool by_line = straight && md.layers[*straight].reached[i] != 0;
    render::Feature f;
    f.shape = std::move(cs.squares[k]);
    f.attributes["pop65"] = pop65;
    f.attributes["reach"] = std::string(by_road ? "road" : by_line ? "straight_only" : "none");
    out.features.push_back(std::move(f));
  }
  return out;
}

render::SourceData road_features(const RoadNetwork& net, const geometry::Projection& proj, const render::MapExtent& keep,
                                 unsigned threads) {
  std::vector<geometry::XY> xy(net.points.size());
  proj.forward(net.points.data(), xy.data(), net.points.size(), threads);
  render::SourceData out{style::Source::roads, "", {}};
  for (const RoadWay& w : net.ways) {
    render::Lines lines(1);
    bool inside = keep.empty();
    for (std::uint32_t n = w.first; n < w.first + w.count; ++n) {
      const geometry::XY p = xy[net.way_nodes[n]];
      lines.front().push_back(p);
      inside = inside || (p.x >= keep.x0 && p.x <= keep.x1 && p.y >= keep.y0 && p.y <= keep.y1);
    }
    if (!inside) continue;  // a prefecture's roads on a town's map would only cost time
    render::Feature f;
    f.shape = std::move(lines);
    f.attributes["highway"] = std::string(to_string(w.road_class));
    f.attributes["name"] = w.name;
    f.attributes["oneway"] = w.oneway != Oneway::no;
    out.features.push_back(std::move(f));
  }
  return out;
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

render::MapExtent feature_extent(const render::Feature& f) {
  if (const auto* p = std::get_if<geometry::XY>(&f.shape)) return {p->x, p->y, p->x, p->y};
  render::MapExtent e{1e300, 1e300, -1e300, -1e300};
  auto add = [&](const geometry::XY& q) {
    e = {std::min(e.x0, q.x), std::min(e.y0, q.y), std::max(e.x1, q.x), std::max(e.y1, q.y)};
  };
  if (const auto* mp = std::get_if<geometry::PlanarMultiPolygon>(&f.shape)) {
    for (const auto& poly : *mp)
      for (const geometry::XY& q : poly.outer()) add(q);
  } else {
    for (const auto& line : std::get<render::Lines>(f.shape))
      for (const geometry::XY& q : line) add(q);
  }
  return e;
}

render::MapExtent bounds_of_all(const std::vector<geometry::PlanarMultiPolygon>& shapes) {
  render::MapExtent area{1e300, 1e300, -1e300, -1e300};
  for (const auto& shape : shapes) {
    const render::MapExtent b = bounds_of(shape, 0.0);
    area = {std::min(area.x0, b.x0), std::min(area.y0, b.y0), std::max(area.x1, b.x1), std::max(area.y1, b.y1)};
  }
  return area.empty() ? render::MapExtent{} : area;
}

render::MapExtent context_area(const std::vector<geometry::PlanarMultiPolygon>& shapes) {
  const render::MapExtent area = bounds_of_all(shapes);
  if (area.empty()) return {};
  const double grow = 0.1 * std::max(area.x1 - area.x0, area.y1 - area.y0);
  return {area.x0 - grow, area.y0 - grow, area.x1 + grow, area.y1 + grow};
}

std::vector<std::string> registry_sources(const Registry& reg) {
  std::vector<std::string> lines;
  std::set<std::string> seen;
  for (const SourceInfo& s : reg.sources) {
    // The road network's line goes on the maps that draw it (map_sheets.cpp), not on all.
    if (s.format.starts_with("osm_")) continue;
    if (!s.attribution.empty() && seen.insert(s.attribution).second) lines.push_back(s.attribution);
  }
  return lines;
}

}  // namespace careatlas::app::detail
