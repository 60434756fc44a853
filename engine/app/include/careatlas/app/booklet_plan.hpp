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
// group_by = "kind", one section per kind.
//
// A project area ([project] area) lists its own facilities (municipality code, else
// location: geometry::ProjectArea::contains) under its own districts; the neighbours the
// import kept within reach are left out, unless [booklet] neighbours = true adds them after
// every other section as 「近隣市町村の事業所（<municipality>）」, one section per
// municipality by code, numbered on from the area's entries. Inside a group entries follow the readings in
// ICU's Japanese collation (kana, else the name), then the facility id. Entry numbers run
// 1, 2, 3 … in print order.
//
// District of a located facility: the first district of the analysis level, in the
// registry's order, whose polygon covers it (boundary included: a facility on a shared
// border goes to one district only, as DistrictIndex::find decides).
// Filters ([booklet.filter], all that are set must hold): caremanager_contact — the survey
// gives a ケアマネタイム (slots or text) or a contact method; home_visit / support_24h — the
// facility's flag has that value (an unknown flag fails either way); survey_answered — a
// survey row was joined to it. They apply to the facilities of the filter's kinds (its
// `kinds`, by default the medical kinds the survey asks: clinic, hospital, dental clinic);
// a facility of another kind the booklet lists passes them unconditionally — so 「only the
// clinics that take care managers' calls, and every nursing station and care office」 is
// caremanager_contact = true with the default kinds.
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
  std::vector<std::string> areas;      // parallel to listed: the title of the district it is
                                       // filed under (or 区域外の施設 / 所在地不明（地図に表示なし）);
                                       // with group_by = "kind" the same when the registry has
                                       // districts, else ""
  std::vector<std::size_t> index;      // registry indices of the listed facilities in 五十音順:
                                       // ICU Japanese collation of the reading (kana, else the
                                       // name), then the entry number
  // Facilities not listed, by reason (they add up with listed.size() to the registry's count).
  std::size_t left_out_kind = 0;       // a kind the settings do not include
  std::size_t left_out_filter = 0;     // failed a [booklet.filter] rule
  std::size_t left_out_area = 0;       // a neighbour outside the project area (without
                                       // [booklet] neighbours = true)
};

// Throws config_error when the settings name a district level the registry has no district
// of (while it has others), or when the booklet is grouped by district and the registry has
// no districts at all (grouped by kind, the 区域 of each entry is then left empty).
BookletPlan plan_booklet(const Registry& reg, const project::ProjectConfig& project);

// The reading a facility is sorted and indexed by: its kana, else its name — without a
// leading corporation (医療情報ネット writes 「イリョウホウジンウカイカイ　ウカイナイカ」 for
// 医療法人鵜飼会　鵜飼内科; care managers look the clinic up under ウ, not under イ). The
// part before the first space is dropped when it names a corporation (…ホウジン, …ガイシャ,
// …カイシャ; 法人, 会社 when there is no kana).
std::string booklet_reading(const Facility& f);

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
  // ICU's sort key of the text (UTF-8; ill-formed bytes read as U+FFFD, as compare() reads
  // them): comparing two keys bytewise (std::string::compare) gives compare()'s order, equal
  // keys for equal texts. Made once per text, it saves collating at every comparison.
  std::string sort_key(const std::string& utf8) const;

 private:
  void* collator_;  // UCollator*
};

// The entry as printed and written to the CSV: fields worded in Japanese; a question the
// survey did not answer (or a fact no source gave) reads 未回答 and is marked unanswered.
// Fields, in this order (labels as in booklet_field_labels()):
//   住所, 電話, FAX, URL                      every facility (未回答 when not given)
//   診療時間 (medical kinds) / 営業日・時間   the source's wording of the schedule (else a summary
//                                            of the days and hours known), 祝日休診 / 祝日休み
//                                            when the source says so, then the note
//                                            (その他の休診日 / 利用可能曜日特記事項) on its own line
//   ケアマネタイム, 担当者, 連絡方法, 予約, 退院前カンファレンス
//                                            survey questions: medical kinds and any facility a
//                                            survey row was joined to
//   訪問診療 (あり／なし)                     the same facilities
//   24時間対応 (あり／なし)                   the same, home-visit nursing stations, any facility
//                                            whose flag is known (24-hour service codes) and any
//                                            whose open-data note promises 24-hour response
//                                            (flag unknown: 「あり（特記事項より）」)
//   機能強化型 (はい／いいえ)                  survey facilities
//   備考                                     the survey's notes, when there are any
// Values may hold line breaks ('\n'): a note under the hours, the 予約 note under 要／不要.
// Medical kinds: clinic, hospital, dental clinic.
render::BookletEntry booklet_entry(const Facility& f, int number);

// Every label booklet_entry can print, in print order (the CSV's field columns).
const std::vector<std::string>& booklet_field_labels();

// The badges an entry can carry, with the how-to-read explanations.
std::vector<render::Badge> booklet_badges();

// The booklet as a table for Excel: UTF-8 with BOM, CRLF. One row per listed facility in
// entry-number order: 番号, 区域, 種別, 名称, ふりがな, then every entry field (same words
// as the PDF), 地図 (掲載 / 位置なし), 頁 (pages[i] is the page of plan.listed[i]; 0 or a
// shorter vector leaves it empty), 施設ID.
std::string booklet_csv(const Registry& reg, const BookletPlan& plan, const std::vector<int>& pages);

}  // namespace careatlas::app
