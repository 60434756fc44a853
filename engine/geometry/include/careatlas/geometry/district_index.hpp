#pragma once
// DistrictIndex: which district contains a point.
//
// An R-tree over the districts' bounding boxes narrows the candidates; Boost.Geometry's
// covered_by decides (points on a boundary count as inside, so a facility on a shared
// border is found in both neighbours and `find` returns the first by index order).
// Coordinates are the model's lon/lat; the test is planar in degrees, as GDAL and GEOS
// do for EPSG:6668 data.
#include <memory>
#include <optional>
#include <vector>

#include "careatlas/model/district.hpp"

namespace careatlas::geometry {

class DistrictIndex {
 public:
  explicit DistrictIndex(const std::vector<District>& districts);
  ~DistrictIndex();
  DistrictIndex(DistrictIndex&&) noexcept;
  DistrictIndex& operator=(DistrictIndex&&) noexcept;

  // Index (into the vector given) of the first district that covers p.
  std::optional<std::size_t> find(LonLat p) const;
  // All districts that cover p, in index order.
  std::vector<std::size_t> find_all(LonLat p) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True when the district's polygon covers the point (boundary included).
bool covers(const District& d, LonLat p);

}  // namespace careatlas::geometry
