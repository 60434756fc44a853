#pragma once
// A provider layer of the analysis: which facilities form it and how far they reach.
// Defined in the project file ([[layers]]) or by the defaults below.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "careatlas/model/facility.hpp"

namespace careatlas {

struct ProviderLayer {
  std::string name;                     // e.g. "home_visit_clinics" (ASCII, used in outputs)
  std::string label;                    // e.g. "訪問診療（16km）" for maps and summaries
  double radius_m = 16000.0;
  std::set<FacilityKind> kinds;         // empty = any kind
  std::optional<bool> home_visit;       // require this home_visit value
  std::optional<bool> support_24h;      // require this support_24h value
  std::set<std::string> service_codes;  // empty = any
  // Reach: straight-line within radius_m, and/or by road within travel_minutes (> 0; needs
  // the project's [network]). A layer with travel_minutes but no radius_m is by road only.
  bool straight_line = true;
  double travel_minutes = 0;
  bool matches(const Facility& f) const;
};

// "30" for 30 minutes, "12.5" for 12.5: the minutes as written in names and labels.
std::string minutes_text(double minutes);

// DEFAULT layers when a project names none: home-visit clinics and hospitals within 16 km
// (the 16 km rule for 往診・訪問診療) and home-visit nursing stations within 10 km.
std::vector<ProviderLayer> default_provider_layers();

}  // namespace careatlas
