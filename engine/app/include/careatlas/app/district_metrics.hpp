#pragma once
// The ranking metrics of the districts (DistrictMetrics, analyze_job.hpp) from one run of
// the analysis engine, and the ranking order — shared by the analyze job and the jobs
// that rank again after a change (plan: after the additions).
#include <cstddef>
#include <optional>
#include <vector>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/geometry/analysis.hpp"

namespace careatlas::app {

// Every district's metrics, in the order of `districts`, from the results `res` of a run
// over `cells` (the run's own year: the cells the result's cell_district indexes), of the
// access layer; with a road view of it, its figures beside them. Accessibility: the
// district's 65+-weighted mean E2SFCA.
std::vector<DistrictMetrics> compute_metrics(const std::vector<geometry::AnalysisDistrict>& districts,
                                             const std::vector<geometry::AnalysisCell>& cells,
                                             const geometry::AnalysisResult& res, std::size_t access_layer,
                                             std::optional<std::size_t> road_view);

// The ranking (see analyze_job.hpp): indices into `districts`, most underserved first;
// sets each district's rank.
std::vector<std::size_t> rank_districts(std::vector<DistrictMetrics>& districts);

}  // namespace careatlas::app
