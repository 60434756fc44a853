#pragma once
// The facility numbers printed on map markers and in the contact booklet: one sequence
// for the whole registry, so a number on the map finds its page in the booklet.
// Order: facility kind (the booklet's sections, in all_facility_kinds() order), then the
// reading (kana, else the name) in code-point order, then the facility id. Unlocated
// facilities are numbered too: they are listed in the booklet, only not drawn.
#include <vector>

#include "careatlas/model/registry.hpp"

namespace careatlas::app {

// numbers[i] is the number (1-based) of reg.facilities[i].
std::vector<int> facility_numbers(const Registry& reg);

}  // namespace careatlas::app
