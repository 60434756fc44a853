#pragma once
// AddressLocator: the importers' FacilityLocator when a project reads 位置参照情報.
//
//   - A facility without a usable published point (missing, 0/0, outside Japan) is placed
//     at its address's match, when the match is at least as fine as policy.coarsest
//     (located_by_address, info); otherwise it stays unlocated (address_unmatched, info).
//   - A published point is checked against its address's match at 大字 level or finer: more
//     than policy.suspect_distance_m from it, or outside the facility's own municipality
//     (when `inside` can tell), it is suspect (location_suspect, warning, naming both
//     points); with policy.replace_suspect the address's point replaces it.
// A match at 市区町村 level locates but never judges a published point: it is too coarse.
#include <functional>
#include <optional>
#include <string_view>

#include "careatlas/address/address_index.hpp"
#include "careatlas/model/facility_locator.hpp"

namespace careatlas::address {

struct LocatePolicy {
  double suspect_distance_m = 2000;  // [locate] suspect_distance_m
  bool replace_suspect = false;      // [locate] replace_suspect
  AddressLevel coarsest = AddressLevel::municipality;  // [locate] coarsest_level
};

// Whether a point lies inside the polygon of a municipality (5-digit code): nullopt when
// there is no polygon for the code.
using MunicipalityTest = std::function<std::optional<bool>(std::string_view code, LonLat p)>;

class AddressLocator final : public FacilityLocator {
 public:
  // Keeps references to `index` and `inside`: both must outlive the locator.
  AddressLocator(const AddressIndex& index, LocatePolicy policy, MunicipalityTest inside = {});
  void locate(Facility& f, std::vector<LocateNote>& notes) const override;

 private:
  void check(Facility& f, const Found& m, std::vector<LocateNote>& notes) const;
  const AddressIndex& index_;
  LocatePolicy policy_;
  MunicipalityTest inside_;
};

}  // namespace careatlas::address
