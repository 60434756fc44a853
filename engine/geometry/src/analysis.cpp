// The analysis engine (see analysis.hpp for the conventions it implements).
//
// Pipeline, each step parallel over independent items with a fixed partition so that
// results do not depend on the number of threads:
//  1. cell → district: PlanarLocator (band index), parallel over cells;
//  2. area coverage per district and layer: covered_areas() (exact overlay);
//  3. E2SFCA step 1, provider-centric: R_j = S_j / Σ_k W(d_kj) D_k over a PointGrid of
//     cells, parallel over providers (each sum in the grid's fixed order);
//  4. cell-centric pass per layer over a PointGrid of providers: for each cell the
//     saturating count (0, 1, ≥2) of open providers in reach for all 168 hours as two
//     bit masks, "reached at all", and for the E2SFCA layer A_i = 1000 Σ_j W(d_ij) R_j
//     and n_i, parallel over cells — each cell's sum in fixed order;
//  5. aggregation per district (population sums are integers in doubles: exact).
// A drive-time layer (AnalysisLayer::travel) takes steps 3 and 4 over its travel times
// instead of distances (road_reach.cpp) and has no area overlay.
#include "careatlas/geometry/analysis.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <thread>

#include <boost/geometry.hpp>

#include "careatlas/geometry/coverage_area.hpp"
#include "careatlas/geometry/planar_locator.hpp"
#include "careatlas/geometry/point_grid.hpp"
#include "pair_kernels.hpp"
#include "careatlas/geometry/parallel.hpp"
#include "road_reach.hpp"

namespace careatlas::geometry {

namespace {

using detail::Mask;
static_assert(kGapSlots == 3 * 64);

constexpr Mask kAllHours = {~std::uint64_t{0}, ~std::uint64_t{0}, ~std::uint64_t{0}};


std::vector<Mask> provider_masks(const AnalysisLayer& L) {
  std::vector<Mask> m(L.providers.size());
  for (std::size_t j = 0; j < L.providers.size(); ++j) m[j] = slot_mask(L.providers[j].open, L.providers[j].holiday_open);
  return m;
}

// Step 3 for a straight-line access layer: R_j = S_j / Σ_k W(d_kj) D_k over a PointGrid of
// cells, parallel over providers (each sum in the grid's fixed order).
std::vector<double> straight_line_ratios(const AnalysisLayer& L, const std::vector<AnalysisCell>& cells,
                                         const std::vector<XY>& cell_xy, double d0, const detail::GaussianWeight& w,
                                         unsigned threads) {
  const PointGrid grid(cell_xy, std::max(500.0, d0 / 16.0));
  std::vector<double> demand(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) demand[i] = cells[i].pop65;
  demand = grid.in_scan_order(demand);
  std::vector<double> ratio(L.providers.size(), 0.0);
  parallel_for(L.providers.size(), threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t j = b; j < e; ++j) {
      const double den = detail::weighted_sum(grid, demand.data(), L.providers[j].at, w);  // Σ_k W(d_kj) D_k
      ratio[j] = den > 0.0 ? L.providers[j].supply / den : 0.0;
    }
  });
  return ratio;
}

// Step 4 for a straight-line layer over a PointGrid of providers: for each cell the
// saturating count (0, 1, ≥2) of open providers within radius_m for all slots, "reached at
// all", and — with `ratio` — A_i = 1000 Σ_j W(d_ij) R_j and n_i.
detail::CellPass straight_line_cell_pass(const AnalysisLayer& L, const std::vector<XY>& cell_xy,
                                         const std::vector<double>* ratio, double d0, const detail::GaussianWeight& w,
                                         std::vector<double>* access, std::vector<int>* within_d0, unsigned threads) {
  const std::size_t nc = cell_xy.size();
  std::vector<XY> prov_xy(L.providers.size());
  for (std::size_t j = 0; j < L.providers.size(); ++j) prov_xy[j] = L.providers[j].at;
  const double reach = ratio ? std::max(L.radius_m, d0) : L.radius_m;
  const PointGrid providers(prov_xy, std::max(1000.0, reach / 4.0));
  // Per-provider data in the grid's scan order, so the pair loops read it linearly.
  const std::vector<Mask> mask = providers.in_scan_order(provider_masks(L));
  std::vector<std::uint64_t> mask_words[3];
  for (std::size_t word = 0; word < 3; ++word) {
    mask_words[word].resize(mask.size());
    for (std::size_t k = 0; k < mask.size(); ++k) mask_words[word][k] = mask[k][word];
  }
  const std::vector<double> ratio_k = ratio ? providers.in_scan_order(*ratio) : std::vector<double>();
  const detail::ProviderColumns columns{{mask_words[0].data(), mask_words[1].data(), mask_words[2].data()},
                                        ratio_k.data()};
  const double* px = providers.xs();
  const double* py = providers.ys();
  detail::CellPass out;
  out.one.assign(nc, Mask{0, 0, 0});
  out.two.assign(nc, Mask{0, 0, 0});
  out.reached.assign(nc, 0);
  const double r2 = L.radius_m * L.radius_m;
  parallel_for(nc, threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      const XY c = cell_xy[i];
      if (ratio) {
        const detail::CellReach cr = detail::reach_and_access(providers, columns, c, L.radius_m, w);
        out.one[i] = cr.one;
        out.two[i] = cr.two;
        out.reached[i] = cr.any ? 1 : 0;
        (*access)[i] = 1000.0 * cr.weighted;
        (*within_d0)[i] = cr.within_d0;
        continue;
      }
      // Reach only: saturating count of open providers in reach per slot (o = at
      // least one, t = at least two); stop as soon as every slot has two.
      std::uint64_t o0 = 0, o1 = 0, o2 = 0, t0 = 0, t1 = 0, t2 = 0;
      bool any = false;  // some provider within r, open or not
      providers.for_each_run(c, reach, [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k) {
          const double dx = px[k] - c.x, dy = py[k] - c.y;
          if (dx * dx + dy * dy <= r2) {
            any = true;
            const Mask& m = mask[k];
            t0 |= o0 & m[0], t1 |= o1 & m[1], t2 |= o2 & m[2];
            o0 |= m[0], o1 |= m[1], o2 |= m[2];
          }
        }
        return (t0 & t1 & t2) != ~std::uint64_t{0};
      });
      out.one[i] = {o0, o1, o2};
      out.two[i] = {t0, t1, t2};
      out.reached[i] = any ? 1 : 0;
    }
  });
  return out;
}

// Step 5: population covered, uncovered and fragile per district and slot.
void aggregate(const AnalysisInput& in, const std::vector<int>& cell_district, const detail::CellPass& pass,
               LayerResult& out) {
  const std::size_t nd = in.districts.size();
  out.coverage.assign(nd, CoverageRow{});
  out.uncovered.assign(nd * kGapSlots, 0.0);
  out.fragile.assign(nd * kGapSlots, 0.0);
  for (std::size_t i = 0; i < in.cells.size(); ++i) {
    const int d = cell_district[i];
    if (d < 0) continue;
    const double pop = in.cells[i].pop65;
    CoverageRow& row = out.coverage[static_cast<std::size_t>(d)];
    if (pass.reached[i]) row.pop65_covered += pop;
    if (pop == 0.0 || (pass.one[i] == kAllHours && pass.two[i] == kAllHours)) continue;
    double* unc = &out.uncovered[static_cast<std::size_t>(d) * kGapSlots];
    double* fra = &out.fragile[static_cast<std::size_t>(d) * kGapSlots];
    for (std::size_t word = 0; word < 3; ++word) {  // visit the set bits only
      for (std::uint64_t u = ~pass.one[i][word]; u != 0; u &= u - 1)
        unc[word * 64 + static_cast<std::size_t>(std::countr_zero(u))] += pop;
      for (std::uint64_t f = pass.one[i][word] & ~pass.two[i][word]; f != 0; f &= f - 1)
        fra[word * 64 + static_cast<std::size_t>(std::countr_zero(f))] += pop;
    }
  }
}

// Step 1: the district of every cell (−1: none).
std::vector<int> locate_cells(const AnalysisInput& in, unsigned threads) {
  std::vector<const PlanarMultiPolygon*> polys;
  polys.reserve(in.districts.size());
  for (const auto& d : in.districts) polys.push_back(&d.geometry);
  const PlanarLocator locator(polys, threads);
  std::vector<int> out(in.cells.size(), -1);
  parallel_for(in.cells.size(), threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) out[i] = locator.locate(in.cells[i].centre);
  });
  return out;
}

}  // namespace

SlotMask slot_mask(const std::bitset<kHoursPerWeek>& week, const std::bitset<24>& holiday) {
  SlotMask m{0, 0, 0};
  for (std::size_t h = 0; h < kHoursPerWeek; ++h)
    if (week.test(h)) m[h / 64] |= std::uint64_t{1} << (h % 64);
  for (std::size_t h = 0; h < 24; ++h)
    if (holiday.test(h)) m[(kHolidaySlot0 + h) / 64] |= std::uint64_t{1} << ((kHolidaySlot0 + h) % 64);
  return m;
}

CellHours cell_hours(const AnalysisInput& in, std::size_t layer, unsigned threads) {
  const AnalysisLayer& L = in.layers.at(layer);
  threads = thread_count(threads);
  detail::CellPass pass;
  if (L.by_road()) {
    pass = detail::road_cell_pass(L, in.cells.size(), provider_masks(L), nullptr, detail::GaussianWeight(1.0), nullptr,
                                  nullptr, threads);
  } else {
    std::vector<XY> cell_xy(in.cells.size());
    for (std::size_t i = 0; i < in.cells.size(); ++i) cell_xy[i] = in.cells[i].centre;
    pass = straight_line_cell_pass(L, cell_xy, nullptr, 0.0, detail::GaussianWeight(1.0), nullptr, nullptr, threads);
  }
  return {std::move(pass.one), std::move(pass.two), std::move(pass.reached)};
}

AnalysisResult run_analysis(const AnalysisInput& in, const AnalysisOptions& opt) {
  const unsigned threads = thread_count(opt.threads);
  const std::size_t nd = in.districts.size(), nc = in.cells.size();
  AnalysisResult res;
  auto clock = std::chrono::steady_clock::now();
  auto lap = [&](const char* what) {
    const auto now = std::chrono::steady_clock::now();
    res.timings.emplace_back(what, std::chrono::duration<double>(now - clock).count());
    clock = now;
  };

  res.cell_district = locate_cells(in, threads);
  lap("cells to districts");
  std::vector<double> pop65_total(nd, 0.0);
  for (std::size_t i = 0; i < nc; ++i)
    if (const int d = res.cell_district[i]; d >= 0) pop65_total[static_cast<std::size_t>(d)] += in.cells[i].pop65;
  std::vector<XY> cell_xy(nc);
  for (std::size_t i = 0; i < nc; ++i) cell_xy[i] = in.cells[i].centre;

  // 3. E2SFCA step 1 (provider-centric), straight-line and over the road network. An
  // access layer by road weighs minutes (d0 = e2sfca_d0_minutes), as the road access does.
  const bool want_access = opt.access_layer < in.layers.size();
  const bool want_road_access = opt.road_access_layer < in.layers.size() && opt.road_access_layer != opt.access_layer &&
                                in.layers[opt.road_access_layer].by_road();
  const detail::GaussianWeight w_line(opt.e2sfca_d0), w_road(opt.e2sfca_d0_minutes);
  const detail::GaussianWeight& w = want_access && in.layers[opt.access_layer].by_road() ? w_road : w_line;
  std::vector<double> ratio, road_ratio;  // R_j
  if (want_access) {
    const AnalysisLayer& L = in.layers[opt.access_layer];
    ratio = L.by_road() ? detail::road_ratios(L, in.cells, w, threads)
                        : straight_line_ratios(L, in.cells, cell_xy, opt.e2sfca_d0, w, threads);
    for (std::size_t j = 0; j < L.providers.size(); ++j)
      if (ratio[j] > 0.0) res.access_supply_used += L.providers[j].supply;
    res.access.assign(nc, 0.0);
    res.access_providers.assign(nc, 0);
    lap("E2SFCA step 1");
  }
  if (want_road_access) {
    const AnalysisLayer& L = in.layers[opt.road_access_layer];
    road_ratio = detail::road_ratios(L, in.cells, w_road, threads);
    for (std::size_t j = 0; j < L.providers.size(); ++j)
      if (road_ratio[j] > 0.0) res.road_access_supply_used += L.providers[j].supply;
    res.road_access.assign(nc, 0.0);
    res.road_access_providers.assign(nc, 0);
    lap("E2SFCA step 1 by road");
  }

  // 4. cell-centric pass per layer, 5. aggregation
  res.layers.resize(in.layers.size());
  for (std::size_t li = 0; li < in.layers.size(); ++li) {
    const AnalysisLayer& L = in.layers[li];
    LayerResult& out = res.layers[li];
    const bool access_here = want_access && li == opt.access_layer;
    const bool road_access_here = want_road_access && li == opt.road_access_layer;
    detail::CellPass pass;
    if (L.by_road() && road_access_here)
      pass = detail::road_cell_pass(L, nc, provider_masks(L), &road_ratio, w_road, &res.road_access,
                                    &res.road_access_providers, threads);
    else if (L.by_road())
      pass = detail::road_cell_pass(L, nc, provider_masks(L), access_here ? &ratio : nullptr, w, &res.access,
                                    &res.access_providers, threads);
    else
      pass = straight_line_cell_pass(L, cell_xy, access_here ? &ratio : nullptr, opt.e2sfca_d0, w, &res.access,
                                     &res.access_providers, threads);
    lap(access_here || road_access_here ? "reach, hours, E2SFCA step 2" : "reach, hours");
    aggregate(in, res.cell_district, pass, out);
    out.reached = std::move(pass.reached);
    lap("gaps and redundancy per district");
    std::vector<XY> centres(L.providers.size());
    for (std::size_t j = 0; j < L.providers.size(); ++j) centres[j] = L.providers[j].at;
    const bool areas = opt.coverage_areas && !L.by_road();
    const std::vector<double> covered = areas ? covered_areas(in.districts, centres, L.radius_m, opt.disc_segments, threads)
                                              : std::vector<double>(nd, 0.0);
    for (std::size_t d = 0; d < nd; ++d) {
      if (opt.coverage_areas) out.coverage[d].area_m2 = boost::geometry::area(in.districts[d].geometry);
      out.coverage[d].covered_m2 = covered[d];
      out.coverage[d].pop65_total = pop65_total[d];
    }
    lap("coverage areas");
  }
  return res;
}

}  // namespace careatlas::geometry
