#include "road_reach.hpp"

#include <algorithm>
#include <cmath>

#include "careatlas/geometry/parallel.hpp"

namespace careatlas::geometry::detail {

namespace {

// The layer's reach turned round: for cell i, the providers j that reach it within `cut`
// minutes and the minutes, entries first[i] … first[i + 1] − 1, providers ascending.
struct CellRows {
  std::vector<std::size_t> first;
  std::vector<std::uint32_t> provider;
  std::vector<double> minutes;
};

CellRows cell_rows(const TravelReach& t, std::size_t providers, std::size_t cells, double cut) {
  CellRows rows;
  rows.first.assign(cells + 1, 0);
  for (std::size_t j = 0; j < providers; ++j)
    for (std::size_t e = t.offsets[j]; e < t.offsets[j + 1]; ++e)
      if (t.minutes[e] <= cut) ++rows.first[t.cell[e] + 1];
  for (std::size_t i = 0; i < cells; ++i) rows.first[i + 1] += rows.first[i];
  rows.provider.resize(rows.first[cells]);
  rows.minutes.resize(rows.first[cells]);
  std::vector<std::size_t> next(rows.first.begin(), rows.first.end() - 1);
  for (std::size_t j = 0; j < providers; ++j)  // providers in ascending order: each cell's list is sorted
    for (std::size_t e = t.offsets[j]; e < t.offsets[j + 1]; ++e)
      if (t.minutes[e] <= cut) {
        const std::size_t at = next[t.cell[e]]++;
        rows.provider[at] = static_cast<std::uint32_t>(j);
        rows.minutes[at] = t.minutes[e];
      }
  return rows;
}

}  // namespace

std::vector<double> road_ratios(const AnalysisLayer& layer, const std::vector<AnalysisCell>& cells,
                                const GaussianWeight& w, unsigned threads) {
  const TravelReach& t = *layer.travel;
  std::vector<double> ratio(layer.providers.size(), 0.0);
  parallel_for(layer.providers.size(), threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t j = b; j < e; ++j) {
      double den = 0;  // Σ_k W(t_kj) D_k
      for (std::size_t k = t.offsets[j]; k < t.offsets[j + 1]; ++k)
        den += w.weight(t.minutes[k] * t.minutes[k]) * cells[t.cell[k]].pop65;
      ratio[j] = den > 0.0 ? layer.providers[j].supply / den : 0.0;
    }
  });
  return ratio;
}

CellPass road_cell_pass(const AnalysisLayer& layer, std::size_t cell_count, const std::vector<Mask>& provider_mask,
                        const std::vector<double>* ratio, const GaussianWeight& w, std::vector<double>* access,
                        std::vector<int>* within_d0, unsigned threads) {
  const double cut = layer.travel_minutes;
  const double d0 = std::sqrt(w.d02);
  const CellRows rows = cell_rows(*layer.travel, layer.providers.size(), cell_count, ratio ? std::max(cut, d0) : cut);
  CellPass out;
  out.one.assign(cell_count, Mask{0, 0, 0});
  out.two.assign(cell_count, Mask{0, 0, 0});
  out.reached.assign(cell_count, 0);
  parallel_for(cell_count, threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      Mask o{0, 0, 0}, two{0, 0, 0};
      double weighted = 0;
      int near = 0;
      for (std::size_t k = rows.first[i]; k < rows.first[i + 1]; ++k) {
        const double m = rows.minutes[k];
        const std::size_t j = rows.provider[k];
        if (m <= cut) {
          out.reached[i] = 1;
          for (std::size_t word = 0; word < 3; ++word) {
            two[word] |= o[word] & provider_mask[j][word];
            o[word] |= provider_mask[j][word];
          }
        }
        if (ratio) {
          weighted += w.weight(m * m) * (*ratio)[j];
          if (m <= d0) ++near;
        }
      }
      out.one[i] = o;
      out.two[i] = two;
      if (ratio) {
        (*access)[i] = 1000.0 * weighted;
        (*within_d0)[i] = near;
      }
    }
  });
  return out;
}

}  // namespace careatlas::geometry::detail
