#include "careatlas/model/provider_layer.hpp"

#include <cstdio>
#include <string_view>

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

namespace {

// Whether `item` is a distance as labels write it: a number (ASCII or full-width digits,
// a point), maybe a space, then km / ｋｍ / キロ.
bool is_number(std::string_view s) {
  bool digit = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c >= '0' && c <= '9') || c == '.') {
      digit = digit || c != '.', ++i;
    } else if (s.substr(i, 2) == "\xEF\xBC" && i + 2 < s.size() &&
               static_cast<unsigned char>(s[i + 2]) >= 0x8E && static_cast<unsigned char>(s[i + 2]) <= 0x99 &&
               static_cast<unsigned char>(s[i + 2]) != 0x8F) {  // ．０ … ９ (U+FF0E, U+FF10 … U+FF19)
      digit = digit || s[i + 2] != '\x8E', i += 3;
    } else {
      return false;
    }
  }
  return digit;
}

bool is_distance(std::string_view item) {
  for (const std::string_view km : {"km", "ｋｍ", "キロ"}) {
    if (!item.ends_with(km)) continue;
    item.remove_suffix(km.size());
    for (bool trimmed = true; trimmed;) {
      trimmed = false;
      for (const std::string_view space : {" ", "　"})
        if (item.ends_with(space)) item.remove_suffix(space.size()), trimmed = true;
    }
    return is_number(item);
  }
  return false;
}

}  // namespace

std::string road_label(const std::string& label, double minutes) {
  const std::string by_car = "車で" + minutes_text(minutes) + "分";
  constexpr std::string_view open = "（", close = "）", comma = "、";
  const std::size_t at = label.rfind(open);
  if (!label.ends_with(close) || at == std::string::npos) return label + std::string(open) + by_car + std::string(close);
  const std::size_t inner = at + open.size(), end = label.size() - close.size();
  const std::size_t sep = label.rfind(comma, end);
  const std::size_t item = sep != std::string::npos && sep >= inner ? sep + comma.size() : inner;
  if (is_distance(std::string_view(label).substr(item, end - item))) return label.substr(0, item) + by_car + std::string(close);
  return label.substr(0, end) + std::string(comma) + by_car + std::string(close);
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
        road.label = road_label(l.label, l.travel_minutes);
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
