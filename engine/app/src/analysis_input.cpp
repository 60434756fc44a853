#include "careatlas/app/analysis_input.hpp"

#include <algorithm>
#include <stdexcept>

#include "careatlas/model/config_error.hpp"
#include "careatlas/model/mesh_code.hpp"

namespace careatlas::app {

bool counts_as_24h(const Facility& f, bool count_hints) {
  if (f.support_24h.value.has_value()) return *f.support_24h.value;
  return count_hints && !f.support_24h_hint.empty();
}

std::bitset<kHoursPerWeek> assumed_open_hours(const Facility& f, TimeBand daytime, bool count_24h_hints) {
  const WeeklySchedule& s = f.availability;
  if (counts_as_24h(f, count_24h_hints)) return WeeklySchedule::always_open().hours;
  if (s.detail == WeeklySchedule::Detail::hourly) return s.hours;
  WeeklySchedule assumed;
  const DaySet days = s.detail == WeeklySchedule::Detail::days_only ? s.open_days : DaySet::weekdays();
  for (int d = 0; d < kDaysPerWeek; ++d)
    if (days.has(static_cast<Weekday>(d))) assumed.open_band(static_cast<Weekday>(d), daytime);
  return assumed.hours;
}

std::bitset<24> assumed_holiday_hours(const Facility& f, TimeBand daytime, bool count_24h_hints) {
  const WeeklySchedule& s = f.availability;
  if (counts_as_24h(f, count_24h_hints)) return WeeklySchedule::always_open().holiday_hours;
  if (s.holidays_open != true) return {};
  if (s.holiday_hours.any() || s.detail == WeeklySchedule::Detail::hourly) return s.holiday_hours;
  WeeklySchedule assumed;
  assumed.open_holiday_band(daytime);
  return assumed.holiday_hours;
}

LonLat cell_centre(std::uint64_t mesh_code) {
  // Half-mesh centroids exactly as WORKLOAD.md §3 computes them; other levels: the centre
  // of the decoded cell. (Codes were validated on import.)
  if (const auto half = mesh::half_mesh_centroid(mesh_code)) return *half;
  if (const auto b = mesh::decode(mesh_code)) return b->centre();
  return {};
}

void set_population_year(BuiltInput& out, const Registry& reg, int year, const geometry::Projection& proj,
                         unsigned threads) {
  out.year = year;
  if (out.year == 0 && !reg.population.empty()) {
    out.year = reg.population.front().year;
    for (const auto& c : reg.population) out.year = std::min(out.year, c.year);
  }
  out.cells.clear();
  for (const PopulationCell& c : reg.population)
    if (c.year == out.year) out.cells.push_back(&c);
  const auto by_code = [](const PopulationCell* a, const PopulationCell* b) { return a->mesh_code < b->mesh_code; };
  if (!std::is_sorted(out.cells.begin(), out.cells.end(), by_code))  // files usually come sorted
    std::sort(out.cells.begin(), out.cells.end(), by_code);
  std::vector<LonLat> centres(out.cells.size());
  for (std::size_t i = 0; i < out.cells.size(); ++i) centres[i] = cell_centre(out.cells[i]->mesh_code);
  std::vector<geometry::XY> xy(centres.size());
  proj.forward(centres.data(), xy.data(), centres.size(), threads);
  auto& cells = out.input.cells;
  cells.clear();
  cells.reserve(out.cells.size());
  for (std::size_t i = 0; i < out.cells.size(); ++i)
    cells.push_back({out.cells[i]->mesh_code, xy[i], out.cells[i]->age65plus.value_or(0.0)});
}

std::vector<const District*> analysed_districts(const Registry& reg, std::optional<DistrictLevel> level,
                                                const geometry::ProjectArea* area) {
  std::vector<const District*> candidates;
  for (const District& d : reg.districts)
    if (!area || area->contains(d)) candidates.push_back(&d);
  if (!level) {
    for (auto l : {DistrictLevel::daily_life_area, DistrictLevel::municipality})
      if (std::any_of(candidates.begin(), candidates.end(), [l](const District* d) { return d->level == l; })) {
        level = l;
        break;
      }
  }
  std::vector<const District*> out;
  for (const District* d : candidates)
    if (!level || d->level == *level) out.push_back(d);
  if (out.empty())
    throw config_error(area && !reg.districts.empty()
                           ? "none of the " + std::to_string(reg.districts.size()) +
                                 " districts in the registry belongs to the project area " + area->codes().describe()
                           : "the registry has no districts to analyse");
  std::sort(out.begin(), out.end(), [](const District* a, const District* b) { return a->id < b->id; });
  return out;
}

namespace {

int epsg_for(const Registry& reg, const std::vector<const District*>& districts, int configured,
             const geometry::ProjectArea* area) {
  if (configured != 0) return configured;
  std::vector<std::string> codes;
  if (area) codes = area->codes().codes();  // the area's zone, whatever zone its neighbours lie in
  else
  for (const Facility& f : reg.facilities)
    if (!f.municipality_code.empty()) codes.push_back(f.municipality_code);
  for (const District* d : districts)
    if (d->level == DistrictLevel::municipality) codes.push_back(d->id);
  std::optional<LonLat> centre;
  if (!districts.front()->geometry.empty() && !districts.front()->geometry.front().outer().empty())
    centre = districts.front()->geometry.front().outer().front();
  return geometry::plane_rectangular_zone(codes, centre);
}

}  // namespace

int analysis_epsg(const Registry& reg, const InputOptions& opt) {
  return epsg_for(reg, analysed_districts(reg, opt.level, opt.area), opt.epsg, opt.area);
}

BuiltInput build_analysis_input(const Registry& reg, const InputOptions& opt) {
  const geometry::Projection proj(analysis_epsg(reg, opt));
  return build_analysis_input(reg, opt, proj);
}

namespace {

BuiltInput build_with(const Registry& reg, const InputOptions& opt, const geometry::Projection& proj,
                      std::vector<geometry::PlanarMultiPolygon>* projected) {
  BuiltInput out;
  out.districts = analysed_districts(reg, opt.level, opt.area);
  out.epsg = proj.epsg();
  out.crs_name = proj.name();

  geometry::AnalysisInput& in = out.input;
  std::vector<geometry::PlanarMultiPolygon> planar;
  if (projected) {
    if (projected->size() != reg.districts.size())
      throw std::logic_error("build_analysis_input: projected districts do not match the registry");
    for (const District* d : out.districts)
      planar.push_back(std::move((*projected)[static_cast<std::size_t>(d - reg.districts.data())]));
  } else {
    std::vector<const MultiPolygon*> shapes;
    for (const District* d : out.districts) shapes.push_back(&d->geometry);
    planar = proj.forward(shapes, opt.threads);
  }
  for (std::size_t i = 0; i < out.districts.size(); ++i)
    in.districts.push_back({out.districts[i]->id, out.districts[i]->name, std::move(planar[i])});
  set_population_year(out, reg, opt.population_year, proj, opt.threads);

  for (const LayerConfig& lc : opt.layers) {
    geometry::AnalysisLayer layer;
    layer.name = lc.name;
    layer.radius_m = lc.radius_m;
    // A view of the layer (reach_views): straight-line, or by road within travel_minutes.
    layer.travel_minutes = lc.straight_line ? 0 : lc.travel_minutes;
    std::vector<const Facility*> members;
    for (std::size_t k = 0; k < reg.facilities.size(); ++k) {
      const Facility& f = reg.facilities[k];
      if (!f.location || !lc.matches(f)) continue;
      geometry::AnalysisProvider p;
      p.at = proj.forward(*f.location);
      p.supply = f.doctors.value_or(0);
      p.open = assumed_open_hours(f, {9 * 60, 18 * 60}, opt.count_24h_hints);
      p.holiday_open = assumed_holiday_hours(f, {9 * 60, 18 * 60}, opt.count_24h_hints);
      p.source = k;
      layer.providers.push_back(p);
      members.push_back(&f);
    }
    in.layers.push_back(std::move(layer));
    out.providers.push_back(std::move(members));
    out.travel.emplace_back();
  }
  return out;
}

}  // namespace

BuiltInput build_analysis_input(const Registry& reg, const InputOptions& opt, const geometry::Projection& proj) {
  return build_with(reg, opt, proj, nullptr);
}

BuiltInput build_analysis_input(const Registry& reg, const InputOptions& opt, const geometry::Projection& proj,
                                std::vector<geometry::PlanarMultiPolygon> projected) {
  return build_with(reg, opt, proj, &projected);
}

}  // namespace careatlas::app
