#pragma once
// What the contact booklet lists, in what order and under which numbers — decided once,
// from the registry and the project's [booklet] settings, and shared by the booklet, its
// CSV and every map (the marker numbers are the entry numbers).
//
// Sections: with group_by = "district", one per district of the analysis level (the
// project's district_level, else 圏域 when present, else municipalities), in that order,
// each holding its facilities grouped by kind (the kinds' order of the settings); then,
// when there are any, 「区域外の施設」 (located outside every district) and
// 「所在地不明（地図に表示なし）」 (no location and no district to file it under; with
// municipal districts an unlocated facility is filed by its 市区町村コード). With
// group_by = "kind", one section per kind. Inside a group entries follow the readings in
// ICU's Japanese collation (kana, else the name), then the facility id. Entry numbers run
// 1, 2, 3 … in print order.
#include <cstddef>
#include <string>
#include <vector>

#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/render/booklet.hpp"

namespace careatlas::app {

struct PlanGroup {
  FacilityKind kind = FacilityKind::clinic;
  std::vector<std::size_t> facilities;  // indices into Registry::facilities, print order
};

struct PlanSection {
  std::string id;       // district id; "outside" / "unlocated" for the two trailing sections;
                        // the kind's ASCII name when grouped by kind
  std::string title;    // district name, 区域外の施設, 所在地不明（地図に表示なし）, or the kind's label
  const District* district = nullptr;  // the district (group_by = district), else null
  std::vector<PlanGroup> groups;       // only kinds with entries
};

struct BookletPlan {
  std::vector<PlanSection> sections;   // only sections with entries, except every district
                                       // section is kept (an empty district prints 「掲載なし」)
  std::vector<int> numbers;            // per registry facility: its entry number, 0 = not listed
  std::vector<std::size_t> listed;     // registry indices in entry-number order
  std::vector<std::size_t> index;      // registry indices of the listed facilities in 五十音順:
                                       // ICU Japanese collation of the reading (kana, else the
                                       // name), then the entry number
  // Facilities not listed, by reason (they add up with listed.size() to the registry's count).
  std::size_t left_out_kind = 0;       // a kind the settings do not include
  std::size_t left_out_filter = 0;     // failed a [booklet.filter] rule
};

// Throws config_error when the settings name a district level the registry lacks.
BookletPlan plan_booklet(const Registry& reg, const project::ProjectConfig& project);

// The reading a facility is sorted and indexed by: its kana, else its name.
const std::string& booklet_reading(const Facility& f);

// ICU's Japanese collation ("ja" locale, tertiary strength): true when a sorts before b.
// Katakana and hiragana readings of the same word sort together; 濁点 after 清音.
class JapaneseCollator {
 public:
  JapaneseCollator();
  ~JapaneseCollator();
  JapaneseCollator(const JapaneseCollator&) = delete;
  JapaneseCollator& operator=(const JapaneseCollator&) = delete;
  // <0, 0, >0 as a compares to b (UTF-8).
  int compare(const std::string& a, const std::string& b) const;
  bool less(const std::string& a, const std::string& b) const { return compare(a, b) < 0; }

 private:
  void* collator_;  // UCollator*
};

// The entry as printed and written to the CSV: fields worded in Japanese; a question the
// survey did not answer (or a fact no source gave) reads 未回答 and is marked unanswered.
// Survey fields (ケアマネタイム, 予約, 退院前カンファレンス, 機能強化型) are printed for
// medical facilities (clinic, hospital, dental clinic) and for any facility a survey row
// was joined to.
render::BookletEntry booklet_entry(const Facility& f, int number);

// The badges an entry can carry, with the how-to-read explanations.
std::vector<render::Badge> booklet_badges();

// The booklet as a table for Excel: UTF-8 with BOM, CRLF. One row per listed facility in
// entry-number order: 番号, 区域, 種別, 名称, ふりがな, then every entry field (same words
// as the PDF), 地図 (掲載 / 位置なし), 頁 (pages[i] is the page of plan.listed[i]; 0 or a
// shorter vector leaves it empty), 施設ID.
std::string booklet_csv(const Registry& reg, const BookletPlan& plan, const std::vector<int>& pages);

}  // namespace careatlas::app
