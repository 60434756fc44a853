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

namespace careatlas::geometry {

namespace {

// The 192 gap slots as bits: 168 hours of the week, then 24 holiday hours.
using Mask = std::array<std::uint64_t, 3>;
static_assert(kGapSlots == 3 * 64);

Mask to_mask(const std::bitset<kHoursPerWeek>& week, const std::bitset<24>& holiday) {
  Mask m{0, 0, 0};
  for (std::size_t h = 0; h < kHoursPerWeek; ++h)
    if (week.test(h)) m[h / 64] |= std::uint64_t{1} << (h % 64);
  for (std::size_t h = 0; h < 24; ++h)
    if (holiday.test(h)) m[(kHolidaySlot0 + h) / 64] |= std::uint64_t{1} << ((kHolidaySlot0 + h) % 64);
  return m;
}

constexpr Mask kAllHours = {~std::uint64_t{0}, ~std::uint64_t{0}, ~std::uint64_t{0}};

unsigned thread_count(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

// Runs f(begin, end) over [0, n) in `threads` contiguous chunks.
template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n / 256, 1)));
  if (threads <= 1) {
    f(std::size_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  const std::size_t chunk = (n + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t b = t * chunk, e = std::min(n, b + chunk);
    if (b >= e) break;
    pool.emplace_back([&f, b, e] { f(b, e); });
  }
  for (auto& th : pool) th.join();
}


}  // namespace

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

  // 1. cell → district
  {
    std::vector<const PlanarMultiPolygon*> polys;
    polys.reserve(nd);
    for (const auto& d : in.districts) polys.push_back(&d.geometry);
    const PlanarLocator locator(polys, threads);
    res.cell_district.assign(nc, -1);
    parallel_for(nc, threads, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) res.cell_district[i] = locator.locate(in.cells[i].centre);
    });
  }
  lap("cells to districts");
  std::vector<double> pop65_total(nd, 0.0);
  for (std::size_t i = 0; i < nc; ++i)
    if (const int d = res.cell_district[i]; d >= 0) pop65_total[static_cast<std::size_t>(d)] += in.cells[i].pop65;

  std::vector<XY> cell_xy(nc);
  for (std::size_t i = 0; i < nc; ++i) cell_xy[i] = in.cells[i].centre;

  // 3. E2SFCA step 1 (provider-centric)
  const bool want_access = opt.access_layer < in.layers.size();
  std::vector<double> ratio;  // R_j
  const detail::GaussianWeight w(opt.e2sfca_d0);
  if (want_access) {
    const AnalysisLayer& L = in.layers[opt.access_layer];
    const PointGrid cells(cell_xy, std::max(500.0, opt.e2sfca_d0 / 16.0));
    std::vector<double> demand(nc);
    for (std::size_t i = 0; i < nc; ++i) demand[i] = in.cells[i].pop65;
    demand = cells.in_scan_order(demand);
    ratio.assign(L.providers.size(), 0.0);
    parallel_for(L.providers.size(), threads, [&](std::size_t b, std::size_t e) {
      for (std::size_t j = b; j < e; ++j) {
        const double den = detail::weighted_sum(cells, demand.data(), L.providers[j].at, w);  // Σ_k W(d_kj) D_k
        ratio[j] = den > 0.0 ? L.providers[j].supply / den : 0.0;
      }
    });
    for (std::size_t j = 0; j < L.providers.size(); ++j)
      if (ratio[j] > 0.0) res.access_supply_used += L.providers[j].supply;
    res.access.assign(nc, 0.0);
    res.access_providers.assign(nc, 0);
    lap("E2SFCA step 1");
  }

  // 4. cell-centric pass per layer, 5. aggregation
  res.layers.resize(in.layers.size());
  for (std::size_t li = 0; li < in.layers.size(); ++li) {
    const AnalysisLayer& L = in.layers[li];
    LayerResult& out = res.layers[li];
    std::vector<XY> prov_xy(L.providers.size());
    std::vector<Mask> prov_mask(L.providers.size());
    for (std::size_t j = 0; j < L.providers.size(); ++j) {
      prov_xy[j] = L.providers[j].at;
      prov_mask[j] = to_mask(L.providers[j].open, L.providers[j].holiday_open);
    }
    const bool access_here = want_access && li == opt.access_layer;
    const double reach = access_here ? std::max(L.radius_m, opt.e2sfca_d0) : L.radius_m;
    const PointGrid providers(prov_xy, std::max(1000.0, reach / 4.0));
    // Per-provider data in the grid's scan order, so the pair loops read it linearly.
    const std::vector<Mask> mask = providers.in_scan_order(prov_mask);
    std::vector<std::uint64_t> mask_words[3];
    for (std::size_t word = 0; word < 3; ++word) {
      mask_words[word].resize(mask.size());
      for (std::size_t k = 0; k < mask.size(); ++k) mask_words[word][k] = mask[k][word];
    }
    const std::vector<double> ratio_k = access_here ? providers.in_scan_order(ratio) : std::vector<double>();
    const detail::ProviderColumns columns{{mask_words[0].data(), mask_words[1].data(), mask_words[2].data()},
                                          ratio_k.data()};
    const double* px = providers.xs();
    const double* py = providers.ys();
    std::vector<Mask> one(nc, Mask{0, 0, 0}), two(nc, Mask{0, 0, 0});
    std::vector<std::uint8_t> reached(nc, 0);
    const double r2 = L.radius_m * L.radius_m;
    parallel_for(nc, threads, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        const XY c = cell_xy[i];
        if (access_here) {
          const detail::CellReach cr = detail::reach_and_access(providers, columns, c, L.radius_m, w);
          one[i] = cr.one;
          two[i] = cr.two;
          reached[i] = cr.any ? 1 : 0;
          res.access[i] = 1000.0 * cr.weighted;
          res.access_providers[i] = cr.within_d0;
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
        one[i] = {o0, o1, o2};
        two[i] = {t0, t1, t2};
        reached[i] = any ? 1 : 0;
      }
    });

    lap(access_here ? "reach, hours, E2SFCA step 2" : "reach, hours");
    out.coverage.assign(nd, CoverageRow{});
    out.uncovered.assign(nd * kGapSlots, 0.0);
    out.fragile.assign(nd * kGapSlots, 0.0);
    for (std::size_t i = 0; i < nc; ++i) {
      const int d = res.cell_district[i];
      if (d < 0) continue;
      const double pop = in.cells[i].pop65;
      CoverageRow& row = out.coverage[static_cast<std::size_t>(d)];
      if (reached[i]) row.pop65_covered += pop;
      if (pop == 0.0 || (one[i] == kAllHours && two[i] == kAllHours)) continue;
      double* unc = &out.uncovered[static_cast<std::size_t>(d) * kGapSlots];
      double* fra = &out.fragile[static_cast<std::size_t>(d) * kGapSlots];
      for (std::size_t word = 0; word < 3; ++word) {  // visit the set bits only
        for (std::uint64_t u = ~one[i][word]; u != 0; u &= u - 1)
          unc[word * 64 + static_cast<std::size_t>(std::countr_zero(u))] += pop;
        for (std::uint64_t f = one[i][word] & ~two[i][word]; f != 0; f &= f - 1)
          fra[word * 64 + static_cast<std::size_t>(std::countr_zero(f))] += pop;
      }
    }
    lap("gaps and redundancy per district");
    std::vector<XY> centres(L.providers.size());
    for (std::size_t j = 0; j < L.providers.size(); ++j) centres[j] = L.providers[j].at;
    const std::vector<double> covered =
        opt.coverage_areas ? covered_areas(in.districts, centres, L.radius_m, opt.disc_segments, threads)
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
