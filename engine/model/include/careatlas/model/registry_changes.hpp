#pragma once
// What changed between two editions of a registry (last year's import and this year's),
// facility by facility, for the council's yearly evaluation (careatlas compare).
//
// Matching, in two passes:
//  1. by facility_id (事業所番号 / 医療機関コード as the importers key them): a facility in
//     both is `moved` when its point moved more than moved_m, else `changed` when a
//     compared field differs (fields lists which, in the order of changed_fields()), else
//     not reported;
//  2. an ID only in the old edition against the IDs only in the new one: the same kind and
//     normalised name, and the same normalised address or phone, within re_registered_m —
//     `re_registered` (new ID, same place), rather than closed and opened. The nearest
//     such new facility wins (ties: the lower facility_id).
// What is left is `closed` (old only) and `opened` (new only). Changes come sorted by kind
// (table order), then facility_id of the new edition (old for closed).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/facility.hpp"

namespace careatlas {

enum class ChangeKind { opened, closed, re_registered, moved, changed };
std::string_view to_string(ChangeKind k);

struct FacilityChange {
  ChangeKind kind = ChangeKind::changed;
  const Facility* before = nullptr;  // null for opened
  const Facility* after = nullptr;   // null for closed
  double moved_m = 0;                // distance between the two points (both located)
  std::vector<std::string> fields;   // changed_fields() names that differ
};

struct ChangeOptions {
  double moved_m = 100;
  double re_registered_m = 500;
  // Text normalisation for names, addresses and phones (the app passes NFKC with spaces
  // and hyphens folded); identity when empty.
  std::function<std::string(std::string_view)> normalise;
};

// The fields compared, by name: name, address, phone, kind, home_visit, support_24h,
// hours, doctors, caremanager_time, appointment, discharge_conference.
const std::vector<std::string_view>& changed_fields();

std::vector<FacilityChange> registry_changes(const std::vector<Facility>& before, const std::vector<Facility>& after,
                                             const ChangeOptions& opt = {});

}  // namespace careatlas
