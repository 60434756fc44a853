#pragma once
// The analysis's passes for drive-time layers (AnalysisLayer::travel): E2SFCA step 1 and
// the cell pass of reach, hour masks and E2SFCA step 2, over the travel times the routing
// engine computed, instead of over straight-line distances (analysis.cpp).
#include <array>
#include <cstdint>
#include <vector>

#include "careatlas/geometry/analysis.hpp"
#include "pair_kernels.hpp"

namespace careatlas::geometry::detail {

using Mask = SlotMask;  // the 192 gap slots as bits

// Per cell: open providers in reach per slot, saturating at two (one: ≥ 1, two: ≥ 2), and
// whether any provider reaches the cell at all, open or not.
struct CellPass {
  std::vector<Mask> one, two;
  std::vector<std::uint8_t> reached;
};

// R_j = S_j / Σ_k W(t_kj) D_k over the cells k of provider j's row with t_kj < d0 minutes
// (the weight is 0 from d0 on); 0 when the sum is 0. Each sum in the row's (cell) order.
std::vector<double> road_ratios(const AnalysisLayer& layer, const std::vector<AnalysisCell>& cells,
                                const GaussianWeight& w, unsigned threads);

// The cell pass of a drive-time layer: providers with t ≤ travel_minutes set the masks
// and `reached`. With `ratio` (the layer is the road E2SFCA supply), also
// access[i] = 1000 Σ_j W(t_ij) R_j and within_d0[i] = #{j : t_ij ≤ d0}, each sum over the
// providers in ascending order (deterministic for any thread count).
CellPass road_cell_pass(const AnalysisLayer& layer, std::size_t cell_count, const std::vector<Mask>& provider_mask,
                        const std::vector<double>* ratio, const GaussianWeight& w, std::vector<double>* access,
                        std::vector<int>* within_d0, unsigned threads);

}  // namespace careatlas::geometry::detail
