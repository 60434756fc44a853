#pragma once
// The facility numbers printed on map markers: the contact booklet's entry numbers, so a
// number on a map finds its entry in the booklet. They come from plan_booklet (the
// project's [booklet] settings: sections by district or kind, kinds and filters, 五十音順
// by ICU's Japanese collation inside each group). A facility the booklet does not list
// (a kind or filter of [booklet] leaves it out) has number 0 and is drawn unnumbered.
// Unlocated facilities are numbered too: they are listed in the booklet, only not drawn.
#include <vector>

#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"

namespace careatlas::app {

// numbers[i] is the entry number (1-based) of reg.facilities[i], 0 when not listed:
// plan_booklet(reg, project).numbers. Throws what plan_booklet throws.
std::vector<int> facility_numbers(const Registry& reg, const project::ProjectConfig& project);

}  // namespace careatlas::app
