#include "careatlas/app/facility_numbers.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace careatlas::app {

std::vector<int> facility_numbers(const Registry& reg) {
  std::vector<int> section(static_cast<std::size_t>(FacilityKind::other_care_service) + 1, 0);
  const std::vector<FacilityKind> kinds = all_facility_kinds();
  for (std::size_t i = 0; i < kinds.size(); ++i) section[static_cast<std::size_t>(kinds[i])] = static_cast<int>(i);
  std::vector<std::size_t> order(reg.facilities.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) {
    const Facility& f = reg.facilities[i];
    return std::tie(section[static_cast<std::size_t>(f.kind)], f.kana.empty() ? f.name : f.kana, f.facility_id);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  std::vector<int> numbers(order.size());
  for (std::size_t n = 0; n < order.size(); ++n) numbers[order[n]] = static_cast<int>(n + 1);
  return numbers;
}

}  // namespace careatlas::app
