#include "careatlas/model/provider_layer.hpp"

#include <cstdio>

namespace careatlas {

bool ProviderLayer::matches(const Facility& f) const {
  if (!kinds.empty() && !kinds.contains(f.kind)) return false;
  if (home_visit && f.home_visit.value.value_or(false) != *home_visit) return false;
  if (support_24h && f.support_24h.value.value_or(false) != *support_24h) return false;
  if (!service_codes.empty() && !service_codes.contains(f.service_code)) return false;
  return true;
}

std::string minutes_text(double minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", minutes);
  return buf;
}

std::vector<ProviderLayer> reach_views(const std::vector<ProviderLayer>& layers) {
  std::vector<ProviderLayer> views;
  for (const ProviderLayer& l : layers) {
    if (l.straight_line) {
      ProviderLayer line = l;
      line.travel_minutes = 0;
      views.push_back(std::move(line));
    }
    if (l.travel_minutes > 0) {
      ProviderLayer road = l;
      road.straight_line = false;
      if (l.straight_line) {
        road.name = l.name + "_" + minutes_text(l.travel_minutes) + "min";
        road.label = l.label + "（車で" + minutes_text(l.travel_minutes) + "分）";
      }
      views.push_back(std::move(road));
    }
  }
  return views;
}

std::vector<ProviderLayer> default_provider_layers() {
  ProviderLayer doctors;
  doctors.name = "home_visit_clinics";
  doctors.label = "訪問診療（診療所・病院、16km）";
  doctors.radius_m = 16000.0;
  doctors.kinds = {FacilityKind::clinic, FacilityKind::hospital};
  doctors.home_visit = true;
  ProviderLayer nursing;
  nursing.name = "home_nursing";
  nursing.label = "訪問看護（10km）";
  nursing.radius_m = 10000.0;
  nursing.kinds = {FacilityKind::home_nursing};
  return {doctors, nursing};
}

}  // namespace careatlas
