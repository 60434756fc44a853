#include "careatlas/address/locator.hpp"

#include <cmath>
#include <cstdio>

namespace careatlas::address {

namespace {

std::string point_text(LonLat p) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6f,%.6f", p.lat, p.lon);
  return buf;
}

// 12,345 m
std::string metres(double m) {
  std::string digits = std::to_string(static_cast<long long>(std::lround(m)));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits + " m";
}

std::string level_text(AddressLevel l) {
  return std::string(japanese_label(l)) + " (" + std::string(to_string(l)) + ")";
}

}  // namespace

AddressLocator::AddressLocator(const AddressIndex& index, LocatePolicy policy, MunicipalityTest inside)
    : index_(index), policy_(policy), inside_(std::move(inside)) {}

void AddressLocator::locate(Facility& f, std::vector<LocateNote>& notes) const {
  f.location_source = f.location ? LocationSource::published : LocationSource::none;
  f.address_match = {};
  const std::optional<Found> m = f.address.empty() ? std::nullopt : index_.match(f.address, f.municipality_code);
  if (m) {
    f.address_match.level = m->level;
    f.address_match.text = m->text;
    f.address_match.point = m->point;
  }
  if (f.location) {
    if (m && m->level != AddressLevel::municipality) check(f, *m, notes);
    return;
  }
  if (m && m->level <= policy_.coarsest) {
    f.location = m->point;
    f.location_source = location_source_of(m->level);
    notes.push_back({DiagCode::located_by_address, "address", f.address,
                     "no usable published point; located from the address at " + level_text(m->level) + " level: " +
                         m->text + " (" + point_text(m->point) + ")"});
    return;
  }
  std::string why = f.address.empty() ? "the facility has no address"
                    : m ? "the address matched only at " + level_text(m->level) + " level (" + m->text +
                              "), coarser than [locate] coarsest_level = " + std::string(to_string(policy_.coarsest))
                        : "the address matched no 位置参照情報 entry";
  notes.push_back({DiagCode::address_unmatched, "address", f.address, "no usable published point, and " + why + "; unlocated"});
}

void AddressLocator::check(Facility& f, const Found& m, std::vector<LocateNote>& notes) const {
  const LonLat published = *f.location;
  const double d = ground_distance_m(published, m.point);
  f.address_match.distance_m = d;
  const bool far = d > policy_.suspect_distance_m;
  std::optional<bool> inside;
  if (inside_ && !f.municipality_code.empty()) inside = inside_(f.municipality_code, published);
  const bool outside = inside && !*inside;
  if (!far && !outside) return;
  f.address_match.suspect = true;
  std::string why = "the published point " + point_text(published) + " lies " + metres(d) + " from its address's match, " +
                    m.text + " (" + level_text(m.level) + ", " + point_text(m.point) + ")";
  if (outside) why += ", and outside its own municipality " + f.municipality_code;
  if (policy_.replace_suspect) {
    f.location = m.point;
    f.location_source = location_source_of(m.level);
    f.address_match.replaced = true;
    why += "; replaced by the address's point ([locate] replace_suspect)";
  } else {
    why += "; kept (set [locate] replace_suspect = true to use the address's point)";
  }
  notes.push_back({DiagCode::location_suspect, "location", point_text(published), why});
}

}  // namespace careatlas::address
