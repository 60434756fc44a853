#pragma once
// Projection from JGD2011 lon/lat (EPSG:6668) to a projected CRS in metres, through PROJ.
//
// The analysis CRS is a JGD2011 plane rectangular zone (EPSG:6669–6687, zones I–XIX) or
// any projected EPSG code the project file names. Output axis order is always x =
// easting, y = northing (proj_normalize_for_visualization), whatever the CRS's
// authority order says. A Projection is not thread-safe (its threaded calls make their
// own copies): use one per thread.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "careatlas/geometry/planar.hpp"
#include "careatlas/model/geo.hpp"

namespace careatlas::geometry {

class Projection {
 public:
  // Throws config_error when PROJ does not know the code or it is not a projected CRS.
  explicit Projection(int target_epsg);
  ~Projection();
  Projection(Projection&&) noexcept;
  Projection& operator=(Projection&&) noexcept;

  // The same transformation with its own PROJ context, for another thread.
  Projection copy() const;

  int epsg() const { return epsg_; }
  const std::string& name() const { return name_; }  // e.g. "JGD2011 / Japan Plane Rectangular CS IX"

  XY forward(LonLat p) const;
  void forward(const LonLat* in, XY* out, std::size_t n) const;
  PlanarMultiPolygon forward(const MultiPolygon& mp) const;  // every vertex; straight edges
  // The same on `threads` threads (0 = all cores), each with its own copy of the PROJ
  // transformation; the results are those of the calls above.
  void forward(const LonLat* in, XY* out, std::size_t n, unsigned threads) const;
  std::vector<PlanarMultiPolygon> forward(const std::vector<const MultiPolygon*>& mps, unsigned threads) const;
  LonLat inverse(XY p) const;
  MultiPolygon inverse(const PlanarMultiPolygon& mp) const;  // every vertex, back to lon/lat

 private:
  struct Impl;
  Projection() = default;
  std::unique_ptr<Impl> impl_;
  int epsg_ = 0;
  std::string name_;
};

// The plane rectangular zone (EPSG code) for an area. The zones are defined by
// prefecture (国土交通省告示): the prefecture of the most frequent municipality code
// decides; without codes (or for prefectures split between zones: 北海道, 東京都's
// islands, 沖縄県, 鹿児島県) the zone whose origin is nearest to `centre` is used.
int plane_rectangular_zone(const std::vector<std::string>& municipality_codes, std::optional<LonLat> centre);

}  // namespace careatlas::geometry
