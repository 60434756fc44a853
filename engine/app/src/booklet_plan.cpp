#include "careatlas/app/booklet_plan.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "booklet_facts.hpp"
#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/project_area.hpp"
#include "careatlas/geometry/district_index.hpp"
#include "careatlas/model/config_error.hpp"

namespace careatlas::app {

namespace {

using detail::has_caremanager_contact;
using detail::is_medical;

constexpr const char* kOutsideTitle = "区域外の施設";
constexpr const char* kUnlocatedTitle = "所在地不明（地図に表示なし）";
constexpr const char* kNeighboursTitle = "近隣市町村の事業所";

// Where a listed facility is filed when grouped by district.
constexpr int kOutside = -1;
constexpr int kUnlocated = -2;

const JapaneseCollator& collator() {
  static const JapaneseCollator c;  // ICU only reads it: shared by every thread
  return c;
}

// Whether [booklet.filter] applies to a kind: the kinds it names, else the medical kinds
// (the ones the survey asks).
bool filtered_kind(FacilityKind k, const project::BookletSettings& s) {
  if (s.filter_kinds.empty()) return is_medical(k);
  return std::find(s.filter_kinds.begin(), s.filter_kinds.end(), k) != s.filter_kinds.end();
}

bool passes(const Facility& f, const project::BookletSettings& s) {
  if (!filtered_kind(f.kind, s)) return true;
  if (s.only_caremanager_contact && !has_caremanager_contact(f.survey)) return false;
  if (s.home_visit && f.home_visit.value != s.home_visit) return false;
  if (s.support_24h && f.support_24h.value != s.support_24h) return false;
  if (s.only_survey_answered && !f.survey.answered) return false;
  return true;
}

// The analysis level's districts (analysed_districts order), with a clearer message than
// the analysis's when the project names a level the registry lacks.
std::vector<const District*> booklet_districts(const Registry& reg, const project::ProjectConfig& project,
                                              const geometry::ProjectArea* area) {
  if (const auto level = project.analysis.district_level;
      level && std::none_of(reg.districts.begin(), reg.districts.end(),
                            [&](const District& d) { return d.level == *level; }))
    throw config_error("[analysis] district_level = \"" + std::string(to_string(*level)) +
                       "\": the registry has no districts of that level to file the booklet's facilities under");
  return analysed_districts(reg, project.analysis.district_level, area);
}

// filed[i] for each registry index in `which`: the position in `districts` of the district
// facility i is filed under, kOutside or kUnlocated. One R-tree over all of reg.districts
// (no polygon is copied); a hit counts only when its district is one of `districts`, the
// first such in registry order (what a DistrictIndex over those districts alone would find).
std::vector<int> file_by_district(const Registry& reg, const std::vector<const District*>& districts,
                                  const std::vector<std::size_t>& which) {
  std::vector<int> pos_of(reg.districts.size(), -1);
  std::map<std::string, int> municipality_by_id;
  for (std::size_t k = 0; k < districts.size(); ++k) {
    pos_of[static_cast<std::size_t>(districts[k] - reg.districts.data())] = static_cast<int>(k);
    if (districts[k]->level == DistrictLevel::municipality)
      municipality_by_id.emplace(districts[k]->id, static_cast<int>(k));
  }
  std::vector<int> filed(reg.facilities.size(), kUnlocated);
  std::optional<geometry::DistrictIndex> index;
  for (std::size_t i : which) {
    const Facility& f = reg.facilities[i];
    if (f.location) {
      if (!index) index.emplace(reg.districts);
      filed[i] = kOutside;
      for (std::size_t j : index->find_all(*f.location))
        if (pos_of[j] >= 0) {
          filed[i] = pos_of[j];
          break;
        }
    } else if (const auto it = municipality_by_id.find(f.municipality_code);
               !f.municipality_code.empty() && it != municipality_by_id.end()) {
      filed[i] = it->second;
    }
  }
  return filed;
}

// The sort keys of the facilities' readings (ICU's Japanese collation): keys[i] for each
// registry index i in `which`, "" for the others. Made once per facility, for every sort.
std::vector<std::string> reading_keys(const Registry& reg, const std::vector<std::size_t>& which) {
  const JapaneseCollator& coll = collator();
  std::vector<std::string> keys(reg.facilities.size());
  for (const std::size_t i : which) keys[i] = coll.sort_key(booklet_reading(reg.facilities[i]));
  return keys;
}

// Sorts registry indices by their readings' keys (bytewise: the collation's order), then
// by tie_less(a, b) on the registry indices.
template <class TieLess>
void sort_by_reading(const std::vector<std::string>& keys, std::vector<std::size_t>& v, TieLess tie_less) {
  std::stable_sort(v.begin(), v.end(), [&](std::size_t a, std::size_t b) {
    if (const int c = keys[a].compare(keys[b]); c != 0) return c < 0;
    return tie_less(a, b);
  });
}

// The booklet's kinds, in their order, with each kind's position among them.
struct KindOrder {
  std::vector<FacilityKind> kinds;
  std::array<int, static_cast<std::size_t>(FacilityKind::other_care_service) + 1> pos;  // -1: not listed

  explicit KindOrder(const project::BookletSettings& settings)
      : kinds(settings.kinds.empty() ? all_facility_kinds() : settings.kinds) {
    pos.fill(-1);
    for (std::size_t k = 0; k < kinds.size(); ++k)
      if (pos[static_cast<std::size_t>(kinds[k])] < 0) pos[static_cast<std::size_t>(kinds[k])] = static_cast<int>(k);
  }
  int of(FacilityKind k) const { return pos[static_cast<std::size_t>(k)]; }
};

// The registry indices of the facilities the booklet lists in its sections (`chosen`) and,
// with [booklet] neighbours, under 「近隣市町村の事業所」 (`neighbours`: outside the project
// area); counts the others in `plan`.
struct Chosen {
  std::vector<std::size_t> chosen, neighbours;
};
Chosen chosen_facilities(const Registry& reg, const project::BookletSettings& settings, const KindOrder& order,
                         const geometry::ProjectArea* area, BookletPlan& plan) {
  Chosen c;
  for (std::size_t i = 0; i < reg.facilities.size(); ++i) {
    const Facility& f = reg.facilities[i];
    const bool own = !area || area->contains(f);
    if (!own && !settings.neighbours) ++plan.left_out_area;
    else if (order.of(f.kind) < 0) ++plan.left_out_kind;
    else if (!passes(f, settings)) ++plan.left_out_filter;
    else (own ? c.chosen : c.neighbours).push_back(i);
  }
  return c;
}

// 「近隣市町村の事業所（しおかぜ町）」: one section per municipality of the neighbours, by
// code (the name of its N03 polygon when imported), each grouped by kind.
std::vector<PlanSection> neighbour_sections(const Registry& reg, const std::vector<std::size_t>& neighbours,
                                            const KindOrder& order) {
  std::map<std::string, std::vector<std::size_t>> by_code;
  for (std::size_t i : neighbours) by_code[reg.facilities[i].municipality_code].push_back(i);
  std::map<std::string, std::string> names;
  for (const District& d : reg.districts)
    if (d.level == DistrictLevel::municipality) names.emplace(d.id, d.name);
  std::vector<PlanSection> out;
  for (auto& [code, members] : by_code) {
    PlanSection sec;
    sec.id = "neighbours" + (code.empty() ? std::string() : "-" + code);
    const auto name = names.find(code);
    sec.title = std::string(kNeighboursTitle) +
                (code.empty() ? "" : "（" + (name != names.end() ? name->second : code) + "）");
    for (std::size_t k = 0; k < order.kinds.size(); ++k) {
      PlanGroup g;
      g.kind = order.kinds[k];
      for (std::size_t i : members)
        if (static_cast<std::size_t>(order.of(reg.facilities[i].kind)) == k) g.facilities.push_back(i);
      if (!g.facilities.empty()) sec.groups.push_back(std::move(g));
    }
    out.push_back(std::move(sec));
  }
  return out;
}

// The districts the facilities are filed under: needed for the sections, and for the 区域
// column when grouped by kind (then only when the registry has districts).
std::vector<const District*> filing_districts(const Registry& reg, const project::ProjectConfig& project,
                                              bool by_kind, const geometry::ProjectArea* area) {
  if (!by_kind) {
    if (reg.districts.empty())
      throw config_error(
          "the registry has no districts to group the booklet by: import [[districts]] or set [booklet] "
          "group_by = \"kind\"");
    return booklet_districts(reg, project, area);
  }
  if (!reg.districts.empty()) return booklet_districts(reg, project, area);
  return {};
}

// The chosen facilities by section × kind: sections are the kinds (by_kind), else the
// districts, then 区域外, then 所在地不明.
using Buckets = std::vector<std::vector<std::vector<std::size_t>>>;
Buckets bucket_facilities(const Registry& reg, const std::vector<std::size_t>& chosen, const KindOrder& order,
                          bool by_kind, std::size_t n_districts, const std::vector<int>& filed) {
  const std::size_t n_sections = by_kind ? order.kinds.size() : n_districts + 2;
  Buckets buckets(n_sections, std::vector<std::vector<std::size_t>>(order.kinds.size()));
  for (std::size_t i : chosen) {
    const auto k = static_cast<std::size_t>(order.of(reg.facilities[i].kind));
    std::size_t s = k;
    if (!by_kind) {
      const int p = filed[i];
      s = p >= 0 ? static_cast<std::size_t>(p) : p == kOutside ? n_districts : n_districts + 1;
    }
    buckets[s][k].push_back(i);
  }
  return buckets;
}

// Section s, without its groups.
PlanSection section_head(std::size_t s, bool by_kind, const KindOrder& order,
                         const std::vector<const District*>& districts) {
  PlanSection sec;
  if (by_kind) {
    sec.id = std::string(to_string(order.kinds[s]));
    sec.title = std::string(japanese_label(order.kinds[s]));
  } else if (s < districts.size()) {
    sec.id = districts[s]->id;
    sec.title = districts[s]->name;
    sec.district = districts[s];
  } else if (s == districts.size()) {
    sec.id = "outside";
    sec.title = kOutsideTitle;
  } else {
    sec.id = "unlocated";
    sec.title = kUnlocatedTitle;
  }
  return sec;
}

}  // namespace

std::string booklet_reading(const Facility& f) {
  const std::string& r = f.kana.empty() ? f.name : f.kana;
  // The first space, full-width (U+3000) or ASCII.
  std::size_t space = r.find("\u3000"), width = 3;
  if (const std::size_t ascii = r.find(' '); ascii < space) {
    space = ascii;
    width = 1;
  }
  if (space == std::string::npos || space + width >= r.size()) return r;
  const std::string_view head(r.data(), space);
  for (std::string_view corporation : {"ホウジン", "ガイシャ", "カイシャ", "法人", "会社"})
    if (head.find(corporation) != std::string_view::npos) return r.substr(space + width);
  return r;
}

BookletPlan plan_booklet(const Registry& reg, const project::ProjectConfig& project) {
  const project::BookletSettings& settings = project.booklet;
  const KindOrder order(settings);
  BookletPlan plan;
  plan.numbers.assign(reg.facilities.size(), 0);
  const auto area = project_area_of(reg, project);
  const auto [chosen, neighbours] = chosen_facilities(reg, settings, order, area.get(), plan);

  const bool by_kind = settings.group_by == "kind";
  const std::vector<const District*> districts = filing_districts(reg, project, by_kind, area.get());
  std::vector<int> filed;
  if (!districts.empty()) filed = file_by_district(reg, districts, chosen);
  auto area_title = [&](std::size_t i) -> std::string {
    if (filed.empty()) return "";
    const int p = filed[i];
    return p == kOutside ? kOutsideTitle : p == kUnlocated ? kUnlocatedTitle : districts[static_cast<std::size_t>(p)]->name;
  };

  std::vector<std::size_t> readable = chosen;
  readable.insert(readable.end(), neighbours.begin(), neighbours.end());
  const std::vector<std::string> keys = reading_keys(reg, readable);
  const auto by_facility_id = [&](std::size_t a, std::size_t b) {
    return reg.facilities[a].facility_id < reg.facilities[b].facility_id;
  };
  // Numbers in print order: the area's sections, then the neighbours'.
  auto number = [&](PlanSection&& sec, const std::function<std::string(std::size_t)>& title_of) {
    for (PlanGroup& g : sec.groups) sort_by_reading(keys, g.facilities, by_facility_id);
    for (const PlanGroup& g : sec.groups)
      for (std::size_t i : g.facilities) {
        plan.listed.push_back(i);
        plan.numbers[i] = static_cast<int>(plan.listed.size());
        plan.areas.push_back(title_of(i));
      }
    plan.sections.push_back(std::move(sec));
  };
  Buckets buckets = bucket_facilities(reg, chosen, order, by_kind, districts.size(), filed);
  for (std::size_t s = 0; s < buckets.size(); ++s) {
    PlanSection sec = section_head(s, by_kind, order, districts);
    for (std::size_t k = 0; k < order.kinds.size(); ++k) {
      if (buckets[s][k].empty()) continue;
      sec.groups.push_back({order.kinds[k], std::move(buckets[s][k])});
    }
    // Every district section is kept (an empty one prints 「掲載なし」); the others only with entries.
    if (sec.groups.empty() && sec.district == nullptr) continue;
    number(std::move(sec), area_title);
  }
  for (PlanSection& sec : neighbour_sections(reg, neighbours, order)) {
    const std::string title = sec.title;
    number(std::move(sec), [&title](std::size_t) { return title; });
  }

  plan.index = plan.listed;
  sort_by_reading(keys, plan.index, [&](std::size_t a, std::size_t b) { return plan.numbers[a] < plan.numbers[b]; });
  return plan;
}

}  // namespace careatlas::app
