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
