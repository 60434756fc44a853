#include "careatlas/app/analysis_input.hpp"

#include <algorithm>

#include "careatlas/model/config_error.hpp"
#include "careatlas/model/mesh_code.hpp"

namespace careatlas::app {

std::bitset<kHoursPerWeek> assumed_open_hours(const Facility& f, TimeBand daytime) {
  const WeeklySchedule& s = f.availability;
  if (f.support_24h.value == true) return WeeklySchedule::always_open().hours;
  if (s.detail == WeeklySchedule::Detail::hourly) return s.hours;
  WeeklySchedule assumed;
  const DaySet days = s.detail == WeeklySchedule::Detail::days_only ? s.open_days : DaySet::weekdays();
  for (int d = 0; d < kDaysPerWeek; ++d)
    if (days.has(static_cast<Weekday>(d))) assumed.open_band(static_cast<Weekday>(d), daytime);
  return assumed.hours;
}

std::bitset<24> assumed_holiday_hours(const Facility& f, TimeBand daytime) {
  const WeeklySchedule& s = f.availability;
  if (f.support_24h.value == true) return WeeklySchedule::always_open().holiday_hours;
  if (s.holidays_open != true) return {};
  if (s.holiday_hours.any() || s.detail == WeeklySchedule::Detail::hourly) return s.holiday_hours;
  WeeklySchedule assumed;
  assumed.open_holiday_band(daytime);
  return assumed.holiday_hours;
}

void set_population_year(BuiltInput& out, const Registry& reg, int year, const geometry::Projection& proj) {
  out.year = year;
  if (out.year == 0 && !reg.population.empty()) {
    out.year = reg.population.front().year;
    for (const auto& c : reg.population) out.year = std::min(out.year, c.year);
  }
  out.cells.clear();
  for (const PopulationCell& c : reg.population)
    if (c.year == out.year) out.cells.push_back(&c);
  std::sort(out.cells.begin(), out.cells.end(),
            [](const PopulationCell* a, const PopulationCell* b) { return a->mesh_code < b->mesh_code; });
  std::vector<LonLat> centres(out.cells.size());
  for (std::size_t i = 0; i < out.cells.size(); ++i) {
    // Half-mesh centroids exactly as WORKLOAD.md §3 computes them; other levels: the
    // centre of the decoded cell. (Codes were validated on import.)
    const std::uint64_t code = out.cells[i]->mesh_code;
    if (const auto half = mesh::half_mesh_centroid(code)) centres[i] = *half;
    else if (const auto b = mesh::decode(code)) centres[i] = b->centre();
  }
  std::vector<geometry::XY> xy(centres.size());
  proj.forward(centres.data(), xy.data(), centres.size());
  auto& cells = out.input.cells;
  cells.clear();
  cells.reserve(out.cells.size());
  for (std::size_t i = 0; i < out.cells.size(); ++i)
    cells.push_back({out.cells[i]->mesh_code, xy[i], out.cells[i]->age65plus.value_or(0.0)});
}

BuiltInput build_analysis_input(const Registry& reg, const InputOptions& opt) {
  BuiltInput out;
  // Districts: the requested level, sorted by id (byte order).
  std::optional<DistrictLevel> level = opt.level;
  if (!level) {
    for (auto l : {DistrictLevel::daily_life_area, DistrictLevel::municipality})
      if (std::any_of(reg.districts.begin(), reg.districts.end(), [l](const District& d) { return d.level == l; })) {
        level = l;
        break;
      }
  }
  for (const District& d : reg.districts)
    if (!level || d.level == *level) out.districts.push_back(&d);
  if (out.districts.empty()) throw config_error("the registry has no districts to analyse");
  std::sort(out.districts.begin(), out.districts.end(), [](const District* a, const District* b) { return a->id < b->id; });

  // CRS.
  out.epsg = opt.epsg;
  if (out.epsg == 0) {
    std::vector<std::string> codes;
    for (const Facility& f : reg.facilities)
      if (!f.municipality_code.empty()) codes.push_back(f.municipality_code);
    for (const District* d : out.districts)
      if (d->level == DistrictLevel::municipality) codes.push_back(d->id);
    std::optional<LonLat> centre;
    if (!out.districts.front()->geometry.empty() && !out.districts.front()->geometry.front().outer().empty())
      centre = out.districts.front()->geometry.front().outer().front();
    out.epsg = geometry::plane_rectangular_zone(codes, centre);
  }
  const geometry::Projection proj(out.epsg);
  out.crs_name = proj.name();

  geometry::AnalysisInput& in = out.input;
  for (const District* d : out.districts) in.districts.push_back({d->id, d->name, proj.forward(d->geometry)});
  set_population_year(out, reg, opt.population_year, proj);

  for (const LayerConfig& lc : opt.layers) {
    geometry::AnalysisLayer layer;
    layer.name = lc.name;
    layer.radius_m = lc.radius_m;
    std::vector<const Facility*> members;
    for (std::size_t k = 0; k < reg.facilities.size(); ++k) {
      const Facility& f = reg.facilities[k];
      if (!f.location || !lc.matches(f)) continue;
      geometry::AnalysisProvider p;
      p.at = proj.forward(*f.location);
      p.supply = f.doctors.value_or(0);
      p.open = assumed_open_hours(f);
      p.holiday_open = assumed_holiday_hours(f);
      p.source = k;
      layer.providers.push_back(p);
      members.push_back(&f);
    }
    in.layers.push_back(std::move(layer));
    out.providers.push_back(std::move(members));
  }
  return out;
}

}  // namespace careatlas::app
