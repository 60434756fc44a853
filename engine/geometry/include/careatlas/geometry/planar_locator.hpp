#pragma once
// PlanarLocator: which district contains a point, for hundreds of thousands of mesh
// cells against districts of thousands of vertices.
//
// Each district's edges are sorted into horizontal bands (slab decomposition); a
// point-in-polygon test (even–odd crossing rule, the same as GEOS's for points not on a
// boundary) then looks only at the edges of the point's band. A uniform grid of
// candidate lists (districts whose bounding box meets the bucket, ascending) finds the
// candidates; the first that contains the point is the answer. Points exactly on a boundary may go to either
// neighbour; the benchmark worlds keep every cell centroid ≥ 3.8 m away from boundaries.
#include <memory>
#include <vector>

#include "careatlas/geometry/planar.hpp"

namespace careatlas::geometry {

class PlanarLocator {
 public:
  explicit PlanarLocator(const std::vector<PlanarMultiPolygon>& districts);
  // The same over geometries owned elsewhere (not copied); the band indexes are built
  // with `threads` threads (0 = all cores).
  explicit PlanarLocator(const std::vector<const PlanarMultiPolygon*>& districts, unsigned threads = 1);
  ~PlanarLocator();
  PlanarLocator(PlanarLocator&&) noexcept;
  PlanarLocator& operator=(PlanarLocator&&) noexcept;

  // Index of the first district (in input order) containing p, or −1. Thread-safe.
  int locate(XY p) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace careatlas::geometry
