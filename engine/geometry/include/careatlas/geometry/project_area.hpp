#pragma once
// ProjectArea: the municipalities a project is about ([project] area), as a shape, and
// the neighbours within reach of it.
//
// The area is the union of the polygons of its municipalities among the imported
// districts: municipality-level districts (N03) whose code the area's codes contain, or,
// when there are none, districts whose parent is such a municipality (a town's own
// 日常生活圏域 layer). Without such polygons the area is known by codes only.
//
// "Within reach" is a point inside the area or at most `margin_m` metres from its
// boundary (measured in the JGD2011 plane rectangular zone of the area; exact: the
// nearest boundary segment decides). It is the import filter of a project cut from a
// national file (careatlas/model/project_area.hpp):
//   - a facility is kept when its municipality code is in the area, or when it is located
//     within reach (a neighbour that serves the area's residents), or when it has no code
//     and either no location or no area polygon to measure it against (nothing says it is
//     elsewhere: it is kept, not lost);
//   - a population cell is kept when its centre is within reach;
//   - a road (a way of the network) is kept when one of its nodes lies within the area's
//     bounds grown by twice the margin: every road a trip within reach between a kept
//     provider and a kept cell can use (the margin by road is the distance the fastest
//     class covers in the layer's minutes);
//   - a district is kept when it is in the area or one of its vertices is within reach
//     (or it contains the area), so that maps can grey the neighbours around the area.
// Not thread-safe (one PROJ transformation): use one per thread.
#include <memory>
#include <optional>
#include <vector>

#include "careatlas/model/project_area.hpp"

namespace careatlas::geometry {

struct LonLatBox {
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};

class ProjectArea final : public AreaFilter {
 public:
  // `codes` must not be empty; `districts`: every imported district, of any level.
  ProjectArea(AreaCodes codes, const std::vector<District>& districts, double margin_m);
  ~ProjectArea() override;
  ProjectArea(ProjectArea&&) noexcept;
  ProjectArea& operator=(ProjectArea&&) noexcept;

  const AreaCodes& codes() const;
  double margin_m() const;
  // Whether the area's shape is known (some imported district is one of its polygons).
  bool has_polygons() const;
  // Indices (into the districts given) of the polygons whose union is the area.
  const std::vector<std::size_t>& polygons() const;
  // The lon/lat bounds of the area's polygons (nullopt without polygons).
  std::optional<LonLatBox> bounds() const;

  // In the area itself (not a neighbour): by municipality code, else by location (a
  // facility with neither, or without polygons to place it, counts as the area's).
  bool contains(const Facility& f) const;
  // A district of the area: its id (municipality level) or parent is an area code, or —
  // without codes — a point inside it lies inside the area (or there is no polygon of the
  // area to tell: a town's own 日常生活圏域 without a parent column stays the town's).
  bool contains(const District& d) const;
  // Inside the area or within margin_m of it (false without polygons).
  bool within_reach(LonLat p) const;

  // AreaFilter, for the importers.
  bool keep(const Facility& f) const override;
  bool keep(const District& d) const override;
  bool keep_cell(LonLat centre) const override;
  bool keep_place(std::string_view municipality_code, LonLat p) const override;
  // Inside the area's bounds grown by 2 × margin_m (in degrees, 10 % generous); every
  // point without polygons.
  bool keep_road(LonLat p) const override;
  std::string description() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace careatlas::geometry
