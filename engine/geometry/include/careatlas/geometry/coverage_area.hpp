#pragma once
// Area coverage: the exact part of each district covered by the union of a layer's discs
// (WORKLOAD.md §3–§4: covered_area = area(district ∩ ∪ discs)), without building the
// layer's global union and without GEOS. The method (an adaptive box subdivision with
// exact polygon clipping and inclusion–exclusion at the leaves) is described at the top
// of src/coverage_area.cpp.
//
// All coordinates are planar metres in the analysis CRS; areas are m².
#include <cstddef>
#include <vector>

#include "careatlas/geometry/analysis.hpp"
#include "careatlas/geometry/planar.hpp"

namespace careatlas::geometry {

// The disc polygon of WORKLOAD.md §3 (GEOS buffer(point, R, quadsegs = segments / 4)):
// `segments` vertices (x + R cos θk, y + R sin θk), θk = −k·(2π/segments), k = 0 …
// segments−1 — vertex 0 due east, then clockwise — closed (vertex 0 repeated at the end).
// Computed exactly as GEOS computes it, so the vertices are bit-identical on the same libm.
// Throws std::invalid_argument when segments < 3 or radius is not finite and > 0.
PlanarPolygon disc(XY centre, double radius, int segments);

// area(district_i ∩ ∪_j disc(centres_j, radius, segments)) in m², for every district (same
// order as `districts`). Exact up to floating-point rounding (polygon clipping, no
// sampling). Districts must be valid polygons, outer rings clockwise and holes
// counter-clockwise (Boost.Geometry's orientation; a district with every ring the other way
// round gives the same result). Centres that occur more than once count once.
// `threads` = 0 uses std::thread::hardware_concurrency(); the result does not depend on it
// (each district is computed by one thread, in a fixed order). No centres, or radius ≤ 0,
// gives zeros. Throws std::invalid_argument for segments < 3 or a non-finite centre/radius.
std::vector<double> covered_areas(const std::vector<AnalysisDistrict>& districts, const std::vector<XY>& centres,
                                  double radius, int segments, unsigned threads);

// The covered part of each district (district ∩ ∪ discs) as polygons, for map layers.
// Built with Boost.Geometry overlay from the discs that the subdivision of covered_areas
// found to matter, and checked against the exact area of covered_areas (relative 1e-6 of
// the district's area); see src/coverage_area.cpp for the retry order when an overlay
// throws or disagrees. Deterministic and independent of `threads`, like covered_areas.
std::vector<PlanarMultiPolygon> covered_polygons(const std::vector<AnalysisDistrict>& districts,
                                                 const std::vector<XY>& centres, double radius, int segments,
                                                 unsigned threads);

namespace detail {

// Knobs of the subdivision, for tests and measurements. The defaults are what the public
// functions use.
struct CoverageTuning {
  int leaf_discs = 4;         // a box reached by at most this many discs is a leaf (inclusion–exclusion)
  int refine_discs = 32;      // edge tests only in boxes reached by at most this many discs (or small boxes)
  int prune_discs = 8;        // boxes reached by at most this many discs (or small boxes) drop redundant discs
  int prune_stalled = 4;      // … and boxes after this many halvings in a row that removed no disc (0 = off)
  int max_depth = 48;         // boxes this deep stop subdividing and go to the depth-limit leaf
  int ie_limit = 16;          // depth-limit leaf: inclusion–exclusion up to this many discs, overlay beyond
  bool fail_overlay = false;  // test hook: every Boost.Geometry overlay attempt counts as failed
};

struct CoverageStats {
  std::size_t boxes = 0;               // boxes visited (all districts)
  std::size_t covered_boxes = 0;       // boxes inside one disc (area of district ∩ box taken whole)
  std::size_t ie_leaves = 0;           // leaves solved by inclusion–exclusion
  std::size_t ie_terms = 0;            // non-empty intersection terms evaluated
  std::size_t depth_limit_leaves = 0;  // leaves at max_depth
  std::size_t overlay_leaves = 0;      // depth-limit leaves solved by Boost.Geometry overlay
  std::size_t overlay_failures = 0;    // overlay attempts that threw or disagreed (then retried)
  std::size_t polygon_fallbacks = 0;   // covered_polygons districts that needed a retry
  CoverageStats& operator+=(const CoverageStats& o);
};

std::vector<double> covered_areas(const std::vector<AnalysisDistrict>& districts, const std::vector<XY>& centres,
                                  double radius, int segments, unsigned threads, const CoverageTuning& tuning,
                                  CoverageStats* stats = nullptr);

std::vector<PlanarMultiPolygon> covered_polygons(const std::vector<AnalysisDistrict>& districts,
                                                 const std::vector<XY>& centres, double radius, int segments,
                                                 unsigned threads, const CoverageTuning& tuning,
                                                 CoverageStats* stats = nullptr);

}  // namespace detail

}  // namespace careatlas::geometry
