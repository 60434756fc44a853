// Facility changes between two registry editions (registry_changes.hpp).
#include "careatlas/model/registry_changes.hpp"

#include <algorithm>
#include <map>

#include "careatlas/model/address.hpp"

namespace careatlas {

namespace {

struct FieldCheck {
  std::string_view name;
  bool (*same)(const Facility&, const Facility&);
};

const std::vector<FieldCheck>& field_checks() {
  static const std::vector<FieldCheck> table = {
      {"name", [](const Facility& a, const Facility& b) { return a.name == b.name; }},
      {"address", [](const Facility& a, const Facility& b) { return a.address == b.address; }},
      {"phone", [](const Facility& a, const Facility& b) { return a.phone == b.phone; }},
      {"kind", [](const Facility& a, const Facility& b) { return a.kind == b.kind; }},
      {"home_visit", [](const Facility& a, const Facility& b) { return a.home_visit.value == b.home_visit.value; }},
      {"support_24h", [](const Facility& a, const Facility& b) { return a.support_24h.value == b.support_24h.value; }},
      {"hours", [](const Facility& a, const Facility& b) { return a.availability == b.availability; }},
      {"doctors", [](const Facility& a, const Facility& b) { return a.doctors == b.doctors; }},
      {"caremanager_time",
       [](const Facility& a, const Facility& b) {
         return a.survey.caremanager_slots == b.survey.caremanager_slots &&
                a.survey.caremanager_time_text == b.survey.caremanager_time_text;
       }},
      {"appointment",
       [](const Facility& a, const Facility& b) {
         return a.survey.appointment_required == b.survey.appointment_required &&
                a.survey.appointment_days_ahead == b.survey.appointment_days_ahead;
       }},
      {"discharge_conference",
       [](const Facility& a, const Facility& b) { return a.survey.discharge_conference == b.survey.discharge_conference; }},
  };
  return table;
}

std::vector<std::string> differing(const Facility& a, const Facility& b) {
  std::vector<std::string> out;
  for (const FieldCheck& c : field_checks())
    if (!c.same(a, b)) out.emplace_back(c.name);
  return out;
}

double distance(const Facility& a, const Facility& b) {
  return a.located() && b.located() ? ground_distance_m(*a.location, *b.location) : 0.0;
}

std::map<std::string_view, const Facility*> by_id(const std::vector<Facility>& fs) {
  std::map<std::string_view, const Facility*> m;
  for (const Facility& f : fs) m.emplace(f.facility_id, &f);
  return m;
}

}  // namespace

std::string_view to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::opened: return "opened";
    case ChangeKind::closed: return "closed";
    case ChangeKind::re_registered: return "re_registered";
    case ChangeKind::moved: return "moved";
    case ChangeKind::changed: return "changed";
  }
  return "changed";
}

const std::vector<std::string_view>& changed_fields() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> n;
    for (const FieldCheck& c : field_checks()) n.push_back(c.name);
    return n;
  }();
  return names;
}

std::vector<FacilityChange> registry_changes(const std::vector<Facility>& before, const std::vector<Facility>& after,
                                             const ChangeOptions& opt) {
  const auto norm = [&](const std::string& s) { return opt.normalise ? opt.normalise(s) : s; };
  const auto old_ids = by_id(before), new_ids = by_id(after);
  std::vector<FacilityChange> out;
  std::vector<const Facility*> vanished, appeared;
  for (const auto& [id, f] : old_ids) {
    const auto it = new_ids.find(id);
    if (it == new_ids.end()) {
      vanished.push_back(f);
      continue;
    }
    FacilityChange c{ChangeKind::changed, f, it->second, distance(*f, *it->second), differing(*f, *it->second)};
    if (c.moved_m > opt.moved_m) c.kind = ChangeKind::moved;
    if (c.kind == ChangeKind::moved || !c.fields.empty()) out.push_back(std::move(c));
  }
  for (const auto& [id, f] : new_ids)
    if (!old_ids.count(id)) appeared.push_back(f);
  // Pass 2: re-registered (new ID, same place).
  // Each text normalised once: name, address, phone.
  struct Keys {
    std::string name, address, phone;
  };
  const auto keys_of = [&](const std::vector<const Facility*>& fs) {
    std::vector<Keys> k;
    for (const Facility* f : fs) k.push_back({norm(f->name), norm(f->address), norm(f->phone)});
    return k;
  };
  const std::vector<Keys> old_keys = keys_of(vanished), new_keys = keys_of(appeared);
  std::vector<std::uint8_t> taken(appeared.size(), 0);
  for (std::size_t v = 0; v < vanished.size(); ++v) {
    const Facility* f = vanished[v];
    const Keys& fk = old_keys[v];
    std::size_t best = appeared.size();
    double best_d = 0;
    for (std::size_t j = 0; j < appeared.size(); ++j) {
      const Facility* g = appeared[j];
      const Keys& gk = new_keys[j];
      if (taken[j] || g->kind != f->kind || !f->located() || !g->located() || fk.name != gk.name) continue;
      const bool same_address = !f->address.empty() && fk.address == gk.address;
      const bool same_phone = !f->phone.empty() && fk.phone == gk.phone;
      if (!same_address && !same_phone) continue;
      const double d = distance(*f, *g);
      if (d > opt.re_registered_m) continue;
      if (best == appeared.size() || d < best_d) best = j, best_d = d;
    }
    if (best == appeared.size()) {
      out.push_back({ChangeKind::closed, f, nullptr, 0, {}});
      continue;
    }
    taken[best] = 1;
    out.push_back({ChangeKind::re_registered, f, appeared[best], best_d, differing(*f, *appeared[best])});
  }
  for (std::size_t j = 0; j < appeared.size(); ++j)
    if (!taken[j]) out.push_back({ChangeKind::opened, nullptr, appeared[j], 0, {}});
  std::stable_sort(out.begin(), out.end(), [](const FacilityChange& a, const FacilityChange& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    const Facility* fa = a.after ? a.after : a.before;
    const Facility* fb = b.after ? b.after : b.before;
    return fa->facility_id < fb->facility_id;
  });
  return out;
}

}  // namespace careatlas
