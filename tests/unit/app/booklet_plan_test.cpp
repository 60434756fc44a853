// The contact booklet's plan on the sample town (sample_data/misaki): which facilities are
// listed, in which section and order, under which numbers (the map markers' numbers); the
// Japanese collation; the entries' wording; the booklet CSV.
#include <gtest/gtest.h>
#include <unicode/ucol.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/booklet_plan.hpp"
#include "careatlas/app/facility_numbers.hpp"
#include "careatlas/app/import_job.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/geometry/district_index.hpp"
#include "careatlas/importers/csv.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/project/project_file.hpp"
#include "booklet_plan_support.hpp"
#include "sample_town.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {


int sign(int x) { return (x > 0) - (x < 0); }



// Readings that test a Japanese collation: 濁音・半濁音, 長音, small kana, half-width kana,
// hiragana against katakana, Latin, kanji, spaces, the empty reading.
const std::vector<std::string>& tricky_readings() {
  static const std::vector<std::string> words = {
      "アイ",   "アオ",   "カ",     "ガ",       "キ",     "あい",   "かー",   "カー",   "カア",
      "カイ",   "キッテ", "キツテ", "キテ",     "キャ",   "キヤ",   "キユ",   "ｱｲ",     "アイザワ",
      "ABC",    "abc",    "Ｂ病院", "阿部医院", "青木",   "医療法人", "いりょう", "ー",  "",
      "ミサキ", "みさき", "ミサキ　クリニック", "ミサキクリニック", "ハ", "バ", "パ", "ヴ", "ウ"};
  return words;
}



// The 圏域 (registry order) whose polygon covers a point, by brute force.
const District* covering_area(const Registry& reg, LonLat p) {
  for (const District& d : reg.districts)
    if (d.level == DistrictLevel::daily_life_area && geometry::covers(d, p)) return &d;
  return nullptr;
}

District square(const std::string& id, const std::string& name, double x0, double y0, double x1, double y1,
                DistrictLevel level = DistrictLevel::daily_life_area) {
  District d;
  d.id = id;
  d.name = name;
  d.level = level;
  Polygon p;
  p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};  // clockwise
  d.geometry.push_back(p);
  return d;
}

}  // namespace

// --- Japanese collation -----------------------------------------------------------------

TEST(BookletPlan, CollatorIsIcuJapanese) {
  const app::JapaneseCollator coll;
  const std::vector<std::string>& words = tricky_readings();
  for (const auto& a : words)
    for (const auto& b : words) EXPECT_EQ(sign(coll.compare(a, b)), sign(icu_compare(a, b))) << a << " / " << b;
  // Japanese facts (JIS X 4061 五十音順), checked by hand.
  EXPECT_TRUE(coll.less("アイ", "アオ"));
  EXPECT_TRUE(coll.less("アオ", "カ"));
  EXPECT_TRUE(coll.less("カ", "ガ")) << "濁音 after 清音";
  EXPECT_TRUE(coll.less("ガ", "キ")) << "濁音 only breaks a tie: ガ before キ";
  EXPECT_TRUE(coll.less("ハ", "バ"));
  EXPECT_TRUE(coll.less("バ", "パ")) << "半濁音 after 濁音";
  EXPECT_TRUE(coll.less("カ", "カー"));
  EXPECT_TRUE(coll.less("カー", "カイ")) << "ー reads as the vowel before it (カー = カア)";
  EXPECT_TRUE(coll.less("キッテ", "キテ")) << "small ッ sorts as ツ";
  EXPECT_TRUE(coll.less("キャ", "キユ")) << "small ャ sorts as ヤ";
  EXPECT_TRUE(coll.less("キモ", "キャ"));
  // Hiragana and katakana of one reading sort together: nothing falls between them.
  for (const auto& [hira, kata] : std::vector<std::pair<std::string, std::string>>{{"あい", "アイ"}, {"みさき", "ミサキ"}})
    for (const auto& other : {"アア", "アイザワ", "アウ", "ミサ", "ミサキクリニック", "ミシ", "カ"})
      EXPECT_EQ(sign(coll.compare(other, hira)), sign(coll.compare(other, kata))) << other << " " << hira;
  EXPECT_EQ(sign(coll.compare("ｱｲ", "アウ")), -1) << "half-width kana read as full width";
  // Latin before kana, kana before kanji (ICU's ja order).
  EXPECT_TRUE(coll.less("ABC", "アイ"));
  EXPECT_TRUE(coll.less("アイ", "阿部医院"));
  EXPECT_TRUE(coll.less("", "ア"));
  EXPECT_EQ(coll.compare("ミサキ", "ミサキ"), 0);
}

// The plan sorts by sort keys made once per facility: bytewise, they give compare()'s order.
TEST(BookletPlan, SortKeysOrderAsTheCollatorCompares) {
  const app::JapaneseCollator coll;
  std::vector<std::string> words = tricky_readings();
  // Ill-formed UTF-8 (a stray continuation byte, a cut-off sequence) reads as U+FFFD either way.
  for (const char* bad : {"ア\x80イ", "\xE3\x82", "\xFF"}) words.emplace_back(bad);
  std::vector<std::string> keys;
  for (const auto& w : words) keys.push_back(coll.sort_key(w));
  for (std::size_t a = 0; a < words.size(); ++a) {
    EXPECT_EQ(keys[a], coll.sort_key(words[a])) << "the same key every time: " << words[a];
    for (std::size_t b = 0; b < words.size(); ++b)
      EXPECT_EQ(sign(keys[a].compare(keys[b])), sign(coll.compare(words[a], words[b]))) << words[a] << " / " << words[b];
  }
  // Sorting by key is sorting by the collator.
  std::vector<std::string> by_key = words, by_compare = words;
  std::sort(by_key.begin(), by_key.end(),
            [&](const std::string& a, const std::string& b) { return coll.sort_key(a) < coll.sort_key(b); });
  std::stable_sort(by_compare.begin(), by_compare.end(), [&](const std::string& a, const std::string& b) { return coll.less(a, b); });
  for (std::size_t k = 0; k < words.size(); ++k) EXPECT_EQ(coll.compare(by_key[k], by_compare[k]), 0) << k;
  // A long reading: a key longer than the 64 bytes first tried.
  std::string long_reading;
  for (int k = 0; k < 400; ++k) long_reading += "ミサキ　ｱｲ病院ー";
  EXPECT_EQ(sign(coll.sort_key(long_reading).compare(coll.sort_key(long_reading + "ア"))), -1);
  EXPECT_EQ(sign(coll.sort_key(long_reading).compare(coll.sort_key("ミサキ"))),
            sign(coll.compare(long_reading, "ミサキ")));
}

// The clinic is looked up by its own name, not its corporation's.
TEST(BookletPlan, ReadingDropsTheCorporation) {
  Facility f;
  f.name = "医療法人鵜飼会　鵜飼内科";
  f.kana = "イリョウホウジンウカイカイ　ウカイナイカ";
  EXPECT_EQ(app::booklet_reading(f), "ウカイナイカ");
  f.kana = "シャカイフクシホウジン ミサキフクシカイ　トクベツヨウゴロウジンホーム";
  EXPECT_EQ(app::booklet_reading(f), "ミサキフクシカイ　トクベツヨウゴロウジンホーム");
  f.kana = "カブシキガイシャ　ケアサポート";
  EXPECT_EQ(app::booklet_reading(f), "ケアサポート");
  // A space inside the office's own name stays.
  f.kana = "ホウモンカンゴステーション　ニジ";
  EXPECT_EQ(app::booklet_reading(f), "ホウモンカンゴステーション　ニジ");
  // No kana: the name, without its corporation.
  f.kana.clear();
  EXPECT_EQ(app::booklet_reading(f), "鵜飼内科");
  f.name = "みさき内科";
  EXPECT_EQ(app::booklet_reading(f), "みさき内科");
  // On the sample town the clinics of 医療法人 are indexed under their own names.
  const Registry& reg = sample_registry();
  const auto it = std::find_if(reg.facilities.begin(), reg.facilities.end(),
                               [](const Facility& x) { return x.name == "医療法人鵜飼会　鵜飼内科"; });
  ASSERT_NE(it, reg.facilities.end());
  EXPECT_EQ(app::booklet_reading(*it), "ウカイナイカ");
}

// --- the plan on the sample town ------------------------------------------------------------

TEST(BookletPlan, SampleTownListsEveryFacilityOnceInOrder) {
  const Registry& reg = sample_registry();
  const app::BookletPlan& plan = sample_plan();
  expect_consistent(reg, plan, all_facility_kinds());
  // Every kind, no filter: everything is listed.
  EXPECT_EQ(plan.listed.size(), reg.facilities.size());
  EXPECT_EQ(plan.left_out_kind, 0u);
  EXPECT_EQ(plan.left_out_filter, 0u);
  EXPECT_GT(plan.listed.size(), 130u);
  // Sections: the six 日常生活圏域 (the analysis level) in analysed_districts order, then
  // 区域外の施設, which the sample town's station placed at sea fills. The two facilities
  // without coordinates are placed by their address (位置参照情報): no 所在地不明 section.
  const auto areas = app::analysed_districts(reg, DistrictLevel::daily_life_area);
  ASSERT_EQ(areas.size(), 6u);
  ASSERT_EQ(plan.sections.size(), 7u);
  for (std::size_t s = 0; s < 6; ++s) {
    EXPECT_EQ(plan.sections[s].id, areas[s]->id);
    EXPECT_EQ(plan.sections[s].title, areas[s]->name);
    EXPECT_EQ(plan.sections[s].district, areas[s]);
    EXPECT_FALSE(plan.sections[s].groups.empty());
  }
  EXPECT_EQ(plan.sections[0].id, "23999-01");
  EXPECT_EQ(plan.sections[0].title, "中央圏域");
  EXPECT_EQ(plan.sections[6].id, "outside");
  EXPECT_EQ(plan.sections[6].title, "区域外の施設");
  EXPECT_EQ(plan.sections[6].district, nullptr);
  // Each facility is where its location puts it (brute force over the 圏域 polygons).
  std::size_t n = 0;
  for (const auto& s : plan.sections)
    for (const auto& g : s.groups)
      for (std::size_t i : g.facilities) {
        const Facility& f = reg.facilities[i];
        if (!f.location) {
          EXPECT_EQ(s.id, "unlocated") << f.name;
        } else if (const District* d = covering_area(reg, *f.location)) {
          EXPECT_EQ(s.district, d) << f.name;
        } else {
          EXPECT_EQ(s.id, "outside") << f.name;
        }
        EXPECT_EQ(plan.areas[n++], s.title);
      }
  // The planted defects: the 訪問看護 station placed at sea; the two facilities whose
  // coordinates are 0 (one 居宅介護支援, one clinic) are filed where their address puts them.
  std::size_t outside = 0;
  for (const auto& g : plan.sections[6].groups) outside += g.facilities.size();
  EXPECT_EQ(outside, 1u);
  EXPECT_EQ(plan.sections[6].groups.front().kind, FacilityKind::home_nursing);
  std::size_t placed = 0;
  for (const Facility& f : reg.facilities) placed += by_address(f.location_source) ? 1 : 0;
  EXPECT_EQ(placed, 2u);
}

TEST(BookletPlan, MarkerNumbersAreTheEntryNumbers) {
  const Registry& reg = sample_registry();
  const std::vector<int> numbers = app::facility_numbers(reg, sample_project());
  EXPECT_EQ(numbers, sample_plan().numbers);
  std::vector<int> sorted = numbers;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> expected(sorted.size());
  std::iota(expected.begin(), expected.end(), 1);
  EXPECT_EQ(sorted, expected) << "1..N without gaps";
  // A filtered booklet: the listed facilities are numbered 1..N, the rest 0.
  project::ProjectConfig p = sample_project();
  p.booklet.kinds = {FacilityKind::clinic, FacilityKind::hospital};
  p.booklet.home_visit = true;
  const std::vector<int> few = app::facility_numbers(reg, p);
  std::vector<int> listed;
  for (std::size_t i = 0; i < few.size(); ++i) {
    const Facility& f = reg.facilities[i];
    const bool in = (f.kind == FacilityKind::clinic || f.kind == FacilityKind::hospital) && f.home_visit.value == true;
    EXPECT_EQ(few[i] != 0, in) << f.name;
    if (few[i] != 0) listed.push_back(few[i]);
  }
  std::sort(listed.begin(), listed.end());
  ASSERT_GE(listed.size(), 10u);
  for (std::size_t k = 0; k < listed.size(); ++k) EXPECT_EQ(listed[k], static_cast<int>(k + 1));
}

TEST(BookletPlan, MapMarkersCarryTheEntryNumbers) {
  const Registry& reg = sample_registry();
  project::ProjectConfig p = sample_project();
  p.booklet.kinds = {FacilityKind::hospital, FacilityKind::clinic};
  p.booklet.support_24h = true;
  const app::BookletPlan plan = app::plan_booklet(reg, p);
  app::MapOptions o;
  o.kinds = {app::MapKind::resource};
  o.out_dir = scratch_dir("booklet_plan_markers");
  o.production_date = "2026-11-24";
  o.page.size = render::PaperSize::a4;
  const app::MapOutcome out = app::run_maps(reg, p, o);
  ASSERT_EQ(out.reports.size(), 1u);
  std::map<std::string, int> number_of;
  for (std::size_t i : plan.listed) number_of[reg.facilities[i].facility_id] = plan.numbers[i];
  std::set<std::string> marked;
  for (const auto& m : out.reports[0].markers) {
    ASSERT_TRUE(number_of.count(m.id)) << "a numbered marker for a facility the booklet does not list: " << m.id;
    EXPECT_EQ(m.number, number_of.at(m.id)) << m.id;
    marked.insert(m.id);
  }
  for (std::size_t i : plan.listed)
    if (reg.facilities[i].located()) {
      EXPECT_TRUE(marked.count(reg.facilities[i].facility_id)) << reg.facilities[i].name;
    }
  EXPECT_LT(marked.size(), 40u) << "only the listed facilities carry numbers";
  EXPECT_GE(marked.size(), 5u);
}

TEST(BookletPlan, KindsAndTheirOrderComeFromTheSettings) {
  const Registry& reg = sample_registry();
  project::ProjectConfig p = sample_project();
  p.booklet.kinds = {FacilityKind::home_nursing, FacilityKind::hospital, FacilityKind::clinic};
  const app::BookletPlan plan = app::plan_booklet(reg, p);
  expect_consistent(reg, plan, p.booklet.kinds);
  std::size_t wanted = 0;
  for (const auto& f : reg.facilities)
    wanted += f.kind == FacilityKind::home_nursing || f.kind == FacilityKind::hospital || f.kind == FacilityKind::clinic;
  EXPECT_EQ(plan.listed.size(), wanted);
  EXPECT_EQ(plan.left_out_kind, reg.facilities.size() - wanted);
  // 中央圏域 has all three: nursing first, as the settings say.
  const auto& central = plan.sections[0];
  ASSERT_EQ(central.groups.size(), 3u);
  EXPECT_EQ(central.groups[0].kind, FacilityKind::home_nursing);
  EXPECT_EQ(central.groups[1].kind, FacilityKind::hospital);
  EXPECT_EQ(central.groups[2].kind, FacilityKind::clinic);
  EXPECT_EQ(plan.numbers[central.groups[0].facilities.front()], 1);
}

TEST(BookletPlan, GroupedByKind) {
  const Registry& reg = sample_registry();
  project::ProjectConfig p = sample_project();
  p.booklet.group_by = "kind";
  const app::BookletPlan plan = app::plan_booklet(reg, p);
  expect_consistent(reg, plan, all_facility_kinds());
  EXPECT_EQ(plan.listed.size(), reg.facilities.size());
  std::vector<std::string> ids;
  for (const auto& s : plan.sections) {
    ids.push_back(s.id);
    ASSERT_EQ(s.groups.size(), 1u);
    EXPECT_EQ(s.id, to_string(s.groups[0].kind));
    EXPECT_EQ(s.title, japanese_label(s.groups[0].kind));
    EXPECT_EQ(s.district, nullptr);
  }
  // The kinds the sample town has, in all_facility_kinds() order; no empty section.
  EXPECT_EQ(ids, (std::vector<std::string>{"clinic", "hospital", "home_nursing", "care_management",
                                           "community_support_center", "home_help", "regular_visit_24h",
                                           "nursing_small_multifunctional"}));
  // The 区域 column still names the 圏域 (the same filing as by district).
  std::map<std::string, std::string> area_by_district_plan, area_by_kind_plan;
  for (std::size_t n = 0; n < sample_plan().listed.size(); ++n)
    area_by_district_plan[reg.facilities[sample_plan().listed[n]].facility_id] = sample_plan().areas[n];
  for (std::size_t n = 0; n < plan.listed.size(); ++n)
    area_by_kind_plan[reg.facilities[plan.listed[n]].facility_id] = plan.areas[n];
  EXPECT_EQ(area_by_kind_plan, area_by_district_plan);
  // Grouped by kind, a registry without districts is fine; grouped by district it is not.
  Registry bare = reg;
  bare.districts.clear();
  const app::BookletPlan b = app::plan_booklet(bare, p);
  EXPECT_EQ(b.listed, plan.listed);
  EXPECT_EQ(b.areas.front(), "");
  EXPECT_THROW(app::plan_booklet(bare, sample_project()), config_error);
}

TEST(BookletPlan, DistrictLevelOfTheProject) {
  const Registry& reg = sample_registry();
  project::ProjectConfig p = sample_project();
  p.analysis.district_level = DistrictLevel::other;
  try {
    app::plan_booklet(reg, p);
    FAIL() << "no districts of level other";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("district_level = \"other\""), std::string::npos) << e.what();
  }
  // Municipalities: one section for the town; an unlocated facility whose 市区町村コード
  // is the town's is filed under it.
  p.analysis.district_level = DistrictLevel::municipality;
  const app::BookletPlan plan = app::plan_booklet(reg, p);
  expect_consistent(reg, plan, all_facility_kinds());
  ASSERT_GE(plan.sections.size(), 1u);
  EXPECT_EQ(plan.sections[0].id, "23999");
  for (const auto& s : plan.sections)
    for (const auto& g : s.groups)
      for (std::size_t i : g.facilities) {
        const Facility& f = reg.facilities[i];
        if (!f.location && f.municipality_code == "23999") {
          EXPECT_EQ(s.id, "23999") << f.name;
        }
        if (s.id == "unlocated") {
          EXPECT_NE(f.municipality_code, "23999") << f.name;
        }
      }
}

TEST(BookletPlan, UnlocatedFacilityGoesToTheLastSection) {
  Registry reg = sample_registry();
  const std::size_t i = index_of(reg, "加藤医院");
  ASSERT_TRUE(reg.facilities[i].location);
  const app::BookletPlan before = app::plan_booklet(reg, sample_project());
  reg.facilities[i].location.reset();
  const app::BookletPlan plan = app::plan_booklet(reg, sample_project());
  expect_consistent(reg, plan, all_facility_kinds());
  ASSERT_EQ(plan.sections.back().id, "unlocated");
  const auto& g = plan.sections.back().groups;
  ASSERT_FALSE(g.empty());
  EXPECT_EQ(g.front().kind, FacilityKind::clinic);
  EXPECT_TRUE(std::count(g.front().facilities.begin(), g.front().facilities.end(), i));
  EXPECT_GT(plan.numbers[i], before.numbers[i]) << "moved to the end";
  EXPECT_FALSE(app::booklet_entry(reg.facilities[i], plan.numbers[i]).on_map);
  EXPECT_TRUE(app::booklet_entry(sample_registry().facilities[i], 1).on_map);
  const std::string csv = app::booklet_csv(reg, plan, {});
  EXPECT_NE(csv.find(",位置なし,," + reg.facilities[i].facility_id + "\r\n"), std::string::npos);
}

TEST(BookletPlan, SharedBorderGoesToTheFirstDistrictOnly) {
  Registry reg;
  reg.districts.push_back(square("B-2", "東圏域", 137.1, 35.0, 137.2, 35.1));
  reg.districts.push_back(square("A-1", "西圏域", 137.0, 35.0, 137.1, 35.1));
  reg.districts.push_back(square("23998", "ほか市", 137.0, 35.0, 137.2, 35.1, DistrictLevel::municipality));
  reg.facilities.push_back(facility("f1", "境目医院", "サカイメイイン", FacilityKind::clinic, LonLat{137.1, 35.05}));
  reg.facilities.push_back(facility("f2", "東医院", "ヒガシイイン", FacilityKind::clinic, LonLat{137.15, 35.05}));
  reg.facilities.push_back(facility("f3", "海上医院", "カイジョウイイン", FacilityKind::clinic, LonLat{137.5, 35.05}));
  reg.facilities.push_back(facility("f4", "不明医院", "フメイイイン", FacilityKind::clinic, std::nullopt));
  reg.facilities.back().municipality_code = "23998";
  project::ProjectConfig p;
  const app::BookletPlan plan = app::plan_booklet(reg, p);
  expect_consistent(reg, plan, all_facility_kinds());
  // Sections in id order (analysed_districts); the border facility in the first district of
  // the registry's order (B-2, as DistrictIndex::find decides), once.
  ASSERT_EQ(plan.sections.size(), 4u);
  EXPECT_EQ(plan.sections[0].id, "A-1");
  EXPECT_TRUE(plan.sections[0].groups.empty()) << "an empty district section is kept";
  EXPECT_EQ(plan.sections[1].id, "B-2");
  ASSERT_EQ(plan.sections[1].groups.size(), 1u);
  EXPECT_EQ(plan.sections[1].groups[0].facilities, (std::vector<std::size_t>{0, 1}));  // サカイメ < ヒガシ
  EXPECT_EQ(plan.sections[2].id, "outside");
  EXPECT_EQ(plan.sections[2].groups[0].facilities, (std::vector<std::size_t>{2}));
  EXPECT_EQ(plan.sections[3].id, "unlocated") << "圏域 level: the 市区町村コード does not file it";
  EXPECT_EQ(plan.numbers, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(plan.areas, (std::vector<std::string>{"東圏域", "東圏域", "区域外の施設", "所在地不明（地図に表示なし）"}));
  // At the municipal level the unlocated clinic is filed by its code; nothing is outside
  // or unlocated, so the trailing sections are gone.
  p.analysis.district_level = DistrictLevel::municipality;
  reg.facilities.erase(reg.facilities.begin() + 2);
  const app::BookletPlan m = app::plan_booklet(reg, p);
  ASSERT_EQ(m.sections.size(), 1u);
  EXPECT_EQ(m.sections[0].id, "23998");
  EXPECT_EQ(m.listed.size(), 3u);
}

TEST(BookletPlan, NationScaleGridGivesEveryDistrictItsSection) {
  // 1,700 districts of 400 vertices each (a 50 × 34 grid), 2,000 facilities. (How fast:
  // careatlas_booklet_bench; speed is measured there, not in unit tests.)
  Registry reg;
  for (int r = 0; r < 34; ++r)
    for (int c = 0; c < 50; ++c) {
      const double x0 = 130.0 + c * 0.2, y0 = 31.0 + r * 0.2;
      District d;
      d.id = std::to_string(10000 + r * 50 + c);
      d.name = "市" + d.id;
      d.level = DistrictLevel::municipality;
      Polygon poly;
      auto& ring = poly.outer();
      for (int k = 0; k < 100; ++k) ring.push_back({x0, y0 + 0.2 * k / 100});
      for (int k = 0; k < 100; ++k) ring.push_back({x0 + 0.2 * k / 100, y0 + 0.2});
      for (int k = 0; k < 100; ++k) ring.push_back({x0 + 0.2, y0 + 0.2 - 0.2 * k / 100});
      for (int k = 0; k < 100; ++k) ring.push_back({x0 + 0.2 - 0.2 * k / 100, y0});
      ring.push_back(ring.front());
      d.geometry.push_back(std::move(poly));
      reg.districts.push_back(std::move(d));
    }
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) / 16777216.0;
  };
  const std::vector<std::string> syllables = {"ア", "カ", "ガ", "サ", "タ", "ナ", "ハ", "バ", "マ", "ヤ", "ラ", "ワ"};
  for (int i = 0; i < 2000; ++i) {
    std::string kana;
    for (int k = 0; k < 6; ++k) kana += syllables[static_cast<std::size_t>(next() * 12) % 12];
    reg.facilities.push_back(facility("F" + std::to_string(i), "施設" + std::to_string(i), kana,
                                      i % 3 ? FacilityKind::clinic : FacilityKind::home_nursing,
                                      LonLat{130.0 + next() * 10.0, 31.0 + next() * 6.8}));
  }
  project::ProjectConfig p;
  const app::BookletPlan plan = app::plan_booklet(reg, p);
  EXPECT_EQ(plan.listed.size(), 2000u);
  EXPECT_EQ(plan.sections.size(), 1700u) << "every point is inside the grid";
}

// --- entries ------------------------------------------------------------------------------
