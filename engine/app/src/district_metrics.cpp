// District metrics and the ranking order (district_metrics.hpp).
#include "careatlas/app/district_metrics.hpp"

#include <algorithm>

namespace careatlas::app {

namespace {

bool night(int h) { const int hh = h % 24; return hh >= 22 || hh < 6; }
bool weekend(int h) { return h / 24 >= 5; }

// The ranking metrics of district d from the base year's results of the access layer;
// accessibility: the district's 65+-weighted mean E2SFCA.
DistrictMetrics district_metrics(const geometry::AnalysisDistrict& district, std::size_t d,
                                 const geometry::LayerResult& prim, double accessibility) {
  DistrictMetrics m;
  m.id = district.id;
  m.name = district.name;
  m.pop65 = prim.coverage[d].pop65_total;
  const double pop = m.pop65 > 0 ? m.pop65 : 1.0;
  m.uncovered_share = (m.pop65 - prim.coverage[d].pop65_covered) / pop;
  double night_sum = 0, fragile_sum = 0;
  int night_hours = 0;
  for (int h = 0; h < kHoursPerWeek; ++h) {
    const double u = prim.uncovered[d * geometry::kGapSlots + static_cast<std::size_t>(h)];
    fragile_sum += prim.fragile[d * geometry::kGapSlots + static_cast<std::size_t>(h)] / pop;
    if (u > 0) {
      ++m.gap_hours;
      if (night(h)) ++m.night_gap_hours;
      if (weekend(h)) ++m.weekend_gap_hours;
    }
    if (night(h)) {
      night_sum += u / pop;
      ++night_hours;
    }
  }
  for (std::size_t h = geometry::kHolidaySlot0; h < geometry::kGapSlots; ++h)
    if (prim.uncovered[d * geometry::kGapSlots + h] > 0) ++m.holiday_gap_hours;
  m.night_uncovered_share = night_hours ? night_sum / night_hours : 0;
  m.fragile_share = fragile_sum / kHoursPerWeek;
  m.accessibility = accessibility;
  return m;
}

// Per district: Σ value × 65+ over its cells / Σ 65+ (0 without 65+ or without values).
std::vector<double> weighted_by_district(const std::vector<geometry::AnalysisCell>& cells,
                                         const geometry::AnalysisResult& res, const std::vector<double>& value,
                                         std::size_t nd) {
  std::vector<double> sum(nd, 0.0), pop(nd, 0.0);
  if (value.empty()) return sum;
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (const int d = res.cell_district[i]; d >= 0) {
      sum[static_cast<std::size_t>(d)] += value[i] * cells[i].pop65;
      pop[static_cast<std::size_t>(d)] += cells[i].pop65;
    }
  for (std::size_t d = 0; d < nd; ++d) sum[d] = pop[d] > 0 ? sum[d] / pop[d] : 0;
  return sum;
}

// Every district's metrics, in district id order (the order of the analysis input); with
// a road view of the access layer, its figures beside them.
}  // namespace

std::vector<DistrictMetrics> compute_metrics(const std::vector<geometry::AnalysisDistrict>& districts,
                                             const std::vector<geometry::AnalysisCell>& cells,
                                             const geometry::AnalysisResult& res, std::size_t access_layer,
                                             std::optional<std::size_t> road_view) {
  const std::size_t nd = districts.size();
  const std::vector<double> access = weighted_by_district(cells, res, res.access, nd);
  const std::vector<double> road_access = weighted_by_district(cells, res, res.road_access, nd);
  std::vector<DistrictMetrics> metrics;
  for (std::size_t d = 0; d < nd; ++d) {
    DistrictMetrics m = district_metrics(districts[d], d, res.layers[access_layer], access[d]);
    if (road_view) {
      const DistrictMetrics r = district_metrics(districts[d], d, res.layers[*road_view], road_access[d]);
      m.road_uncovered_share = r.uncovered_share;
      m.road_night_gap_hours = r.night_gap_hours;
      m.road_accessibility = r.accessibility;
    }
    metrics.push_back(std::move(m));
  }
  return metrics;
}

std::vector<std::size_t> rank_districts(std::vector<DistrictMetrics>& districts) {
  std::vector<std::size_t> ranking(districts.size());
  for (std::size_t d = 0; d < districts.size(); ++d) ranking[d] = d;
  std::sort(ranking.begin(), ranking.end(), [&](std::size_t a, std::size_t b) {
    const DistrictMetrics &x = districts[a], &y = districts[b];
    if (x.uncovered_share != y.uncovered_share) return x.uncovered_share > y.uncovered_share;
    if (x.night_gap_hours != y.night_gap_hours) return x.night_gap_hours > y.night_gap_hours;
    if (x.weekend_gap_hours != y.weekend_gap_hours) return x.weekend_gap_hours > y.weekend_gap_hours;
    if (x.fragile_share != y.fragile_share) return x.fragile_share > y.fragile_share;
    if (x.accessibility != y.accessibility) return x.accessibility < y.accessibility;
    return x.id < y.id;
  });
  for (std::size_t r = 0; r < ranking.size(); ++r) districts[ranking[r]].rank = static_cast<int>(r + 1);
  return ranking;
}

}  // namespace careatlas::app
