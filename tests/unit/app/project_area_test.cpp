// A project cut from the national downloads (issue 15): `[project] area` keeps the area's
// facilities, the neighbours within reach_margin_m of its polygons, and the districts and
// cells within reach; every other row is counted as skipped, so that rows read =
// imported + rejected + skipped holds in every file. Fixtures: tests/fixtures/national
// (made by make_national_fixtures.py in the real layouts; each row's purpose is below).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "careatlas/app/booklet_job.hpp"
#include "careatlas/app/booklet_plan.hpp"
#include "careatlas/app/import_job.hpp"
#include "careatlas/geometry/project_area.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/model/project_area.hpp"
#include "careatlas/project/project_file.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

std::string national(const std::string& name) { return fixture("national/" + name); }

InputSpec population_spec() {
  InputSpec s = spec(InputRole::population, national("mesh_population.csv"));
  s.year = 2020;
  return s;
}

// The inputs as a project file lists them: facilities, districts, population, survey.
std::vector<InputSpec> national_inputs(bool with_districts = true) {
  std::vector<InputSpec> in = {spec(InputRole::facilities, national("jigyosho_760.csv")),
                               spec(InputRole::facilities, national("02-1_clinic_facility_info_20260401.csv")),
                               spec(InputRole::facilities, national("02-2_clinic_speciality_hours_20260401.csv"))};
  if (with_districts) in.push_back(spec(InputRole::districts, national("N03-24_27-28_240101.geojson")));
  in.push_back(population_spec());
  in.push_back(spec(InputRole::survey, national("survey.csv")));
  return in;
}

app::ImportOutcome import_area(const std::vector<std::string>& codes, std::vector<InputSpec> inputs,
                               double margin = 16000) {
  app::ImportOptions opt;
  opt.inputs = std::move(inputs);
  opt.area = AreaCodes(codes);
  opt.reach_margin_m = margin;
  DiagnosticCollector sink;
  return app::run_import(opt, sink);
}

std::set<std::string> facility_ids(const Registry& r) {
  std::set<std::string> ids;
  for (const Facility& f : r.facilities) ids.insert(f.facility_id);
  return ids;
}

void expect_counts(const Registry& r, const std::string& file, std::int64_t read, std::int64_t imported,
                   std::int64_t rejected, std::int64_t skipped) {
  const FileReport* rep = report_for(r, file);
  ASSERT_NE(rep, nullptr) << file;
  EXPECT_EQ(rep->rows_read, read) << file;
  EXPECT_EQ(rep->imported, imported) << file;
  EXPECT_EQ(rep->rejected, rejected) << file;
  EXPECT_EQ(rep->skipped, skipped) << file;
  EXPECT_TRUE(rep->balanced()) << file;
}

}  // namespace

TEST(AreaCodes, PrefecturesMunicipalitiesCheckDigitsAndWards) {
  EXPECT_EQ(municipality_check_digit("39201"), 4);  // 392014, DOMAIN.md
  EXPECT_EQ(municipality_check_digit("27210"), 8);  // 272108 枚方市
  EXPECT_EQ(municipality_check_digit("13104"), 1);  // 131041 新宿区: remainder 0
  const AreaCodes a({"272108", "28"});
  EXPECT_EQ(a.codes(), (std::vector<std::string>{"27210", "28"}));
  EXPECT_TRUE(a.contains("27210"));
  EXPECT_TRUE(a.contains("272108"));
  EXPECT_TRUE(a.contains("28201"));
  EXPECT_FALSE(a.contains("27211"));
  EXPECT_FALSE(a.contains(""));
  const AreaCodes osaka({"27100"});  // 大阪市 takes in its wards, not 堺市
  EXPECT_TRUE(osaka.contains("27102"));
  EXPECT_TRUE(osaka.contains("27128"));
  EXPECT_FALSE(osaka.contains("27140"));
  EXPECT_FALSE(AreaCodes({"27210"}).contains("27211"));  // not a designated city: no wards
  const AreaCodes kawasaki({"14130"});  // its wards 14131–14137, not 相模原市 14150 or its wards
  EXPECT_TRUE(kawasaki.contains("14137"));
  EXPECT_FALSE(kawasaki.contains("14150"));
  EXPECT_FALSE(kawasaki.contains("14151"));
  EXPECT_EQ(AreaCodes({"270008"}).codes(), (std::vector<std::string>{"27"}));  // a prefecture, check digit
  EXPECT_TRUE(AreaCodes({"270008"}).contains("27210"));
  EXPECT_THROW(AreaCodes({"48"}), std::invalid_argument);
  EXPECT_THROW(AreaCodes({"00000"}), std::invalid_argument);
  EXPECT_THROW(AreaCodes({"272109"}), std::invalid_argument);  // wrong check digit
  EXPECT_THROW(AreaCodes({"48"}), std::invalid_argument);
  EXPECT_THROW(AreaCodes({"2721"}), std::invalid_argument);
  EXPECT_THROW(AreaCodes({"27a10"}), std::invalid_argument);
}

TEST(ProjectAreaImport, KeepsTheAreaAndItsNeighboursWithinReachAndSkipsTheRest) {
  const app::ImportOutcome res = import_area({"27210"}, national_inputs());
  const Registry& r = res.registry;
  // 介護: 枚方 A, B (0.000 → unlocated, kept by its code), C (a point in Ireland → unlocated,
  // kept by its code); 茨木 D 1.8 km from the border and 尼崎 F (兵庫県) 14.4 km away are
  // neighbours; 茨木 E (no coordinates), 姫路 G (87 km), 千代田 H and I are skipped; J (no
  // 事業所番号) is rejected.
  expect_counts(r, "jigyosho_760.csv", 10, 5, 1, 4);
  expect_counts(r, "02-1_clinic_facility_info_20260401.csv", 2, 1, 0, 1);
  // The 千代田区 clinic's hours row goes with it; the row of no clinic is still an orphan.
  expect_counts(r, "02-2_clinic_speciality_hours_20260401.csv", 3, 1, 1, 1);
  expect_counts(r, "N03-24_27-28_240101.geojson", 5, 4, 0, 1);  // 姫路市 is beyond reach
  expect_counts(r, "mesh_population.csv", 4, 2, 0, 2);
  expect_counts(r, "survey.csv", 3, 1, 1, 1);
  EXPECT_EQ(facility_ids(r), (std::set<std::string>{"2771000011-760", "2771000029-760", "2771000037-760",
                                                    "2771100010-760", "2870200015-760", "2721000000018"}));
  std::set<std::string> districts;
  for (const District& d : r.districts) districts.insert(d.id);
  EXPECT_EQ(districts, (std::set<std::string>{"27210", "27211", "27215", "28202"}));
  // One note per file with rows skipped, naming the count; a skipped row's own defects
  // (千代田 H's 𠮷, E's missing coordinates) are not this project's.
  const auto notes = diags_named(r, "outside_project_area");
  ASSERT_EQ(notes.size(), 6u);
  EXPECT_EQ(notes[0].value, "4");
  EXPECT_NE(notes[0].message.find("the project area 27210 and 16 km around it"), std::string::npos);
  EXPECT_TRUE(diags_named(r, "not_cp932").empty());
  EXPECT_EQ(diags_named(r, "coordinates_zero").size(), 1u);            // B only, not E or I
  EXPECT_EQ(diags_named(r, "coordinates_out_of_range").size(), 1u);    // C
  // Reports come in the order of the inputs although the districts were read first.
  ASSERT_EQ(r.files.size(), 6u);
  EXPECT_NE(r.files[0].file.find("jigyosho_760.csv"), std::string::npos);
  EXPECT_NE(r.files[3].file.find("N03-24"), std::string::npos);
  EXPECT_EQ(r.sources[3].format, "n03");
  EXPECT_TRUE(res.notes.empty());
}

TEST(ProjectAreaImport, AReachMarginOfZeroKeepsOnlyTheArea) {
  const Registry r = import_area({"27210"}, national_inputs(), 0).registry;
  expect_counts(r, "jigyosho_760.csv", 10, 3, 1, 6);
  // Districts touching the area are within 0 m of it (寝屋川, 茨木 share its border).
  std::set<std::string> districts;
  for (const District& d : r.districts) districts.insert(d.id);
  EXPECT_EQ(districts, (std::set<std::string>{"27210", "27211", "27215"}));
}

TEST(ProjectAreaImport, APrefectureAreaKeepsItsMunicipalitiesAndTheirNeighbours) {
  const Registry r = import_area({"27"}, national_inputs()).registry;
  // Every 大阪府 row (E by its code, unlocated), 尼崎 F within reach of 茨木; 姫路 G and
  // 千代田 H, I skipped.
  expect_counts(r, "jigyosho_760.csv", 10, 6, 1, 3);
  EXPECT_TRUE(facility_ids(r).contains("2771100028-760"));
}

TEST(ProjectAreaImport, WithoutBoundariesTheAreaIsItsMunicipalityCodes) {
  const app::ImportOutcome res = import_area({"27210"}, national_inputs(false));
  const Registry& r = res.registry;
  // No polygon to measure reach from: 枚方's rows only (A, B, C; J rejected); cells all kept.
  expect_counts(r, "jigyosho_760.csv", 10, 3, 1, 6);
  expect_counts(r, "mesh_population.csv", 4, 4, 0, 0);
  ASSERT_EQ(res.notes.size(), 1u);
  EXPECT_NE(res.notes[0].find("no boundary of the project area 27210"), std::string::npos);
}

TEST(ProjectAreaImport, AnAreaNoImportedMunicipalityBelongsToIsAnError) {
  try {
    import_area({"27999"}, national_inputs());
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("matches none of the 5 imported municipalities"), std::string::npos) << e.what();
  }
}

TEST(ProjectAreaImport, StreamsAndWritesWhatAnImportInMemoryWrites) {
  app::ImportOptions opt;
  opt.inputs = national_inputs();
  opt.area = AreaCodes({"27210"});
  DiagnosticCollector sink_a, sink_b;
  opt.out = scratch_dir("area_in_memory");
  const app::ImportOutcome a = app::run_import(opt, sink_a);
  opt.out = scratch_dir("area_streamed");
  opt.stream = true;
  opt.stream_batch = 2;
  const app::ImportOutcome b = app::run_import(opt, sink_b);
  EXPECT_EQ(b.peak_facilities_in_memory, 2u);
  const Registry ra = read_registry(a.registry_path), rb = read_registry(b.registry_path);
  EXPECT_EQ(rb.facilities, ra.facilities);
  EXPECT_EQ(rb.files, ra.files);
  EXPECT_EQ(rb.diagnostics, ra.diagnostics);
  EXPECT_EQ(rb.districts, ra.districts);
}

TEST(ProjectAreaImport, ManySkippedRowsHoldNothingButTheirIds) {
  // 20,000 rows of other prefectures around 40 of 枚方: the registry keeps the 40, no
  // diagnostic of the others (each has 0.000 coordinates, a warning if it were kept), and a
  // streaming import never holds more than its batch.
  std::string text = read_file(national("jigyosho_760.csv"));
  text = text.substr(0, text.find("\r\n") + 2);  // the header
  for (int i = 0; i < 20040; ++i) {
    const bool own = i % 501 == 0;
    char row[512];
    std::snprintf(row, sizeof row,
                  "%s,%d,県,市,事業所%05d,ジギョウショ,定期巡回・随時対応型訪問介護看護,住所,,0.000000000000000,"
                  "0.000000000000000,,,,,%010d,平日,,,,,,,\r\n",
                  own ? "272108" : "131016", i + 1, i, 1000000000 + i);
    text += row;
  }
  const std::string dir = scratch_dir("area_many_rows");
  write_file(dir + "/jigyosho_760.csv", text);
  app::ImportOptions opt;
  opt.inputs = {spec(InputRole::facilities, dir + "/jigyosho_760.csv"),
                spec(InputRole::districts, national("N03-24_27-28_240101.geojson"))};
  opt.area = AreaCodes({"27210"});
  opt.out = dir + "/out";
  opt.stream = true;
  opt.stream_batch = 16;
  DiagnosticCollector sink;
  const app::ImportOutcome res = app::run_import(opt, sink);
  EXPECT_EQ(res.facilities, 40u);
  EXPECT_LE(res.peak_facilities_in_memory, 16u);
  expect_counts(res.registry, "jigyosho_760.csv", 20040, 40, 0, 20000);
  EXPECT_EQ(diags_named(res.registry, "coordinates_zero").size(), 40u);
  EXPECT_LT(res.registry.diagnostics.size(), 100u);
}

TEST(ProjectArea, ContainsByCodeElseByPointAndMeasuresReachInMetres) {
  const Registry r = import_all({spec(InputRole::districts, national("N03-24_27-28_240101.geojson"))});
  const geometry::ProjectArea area(AreaCodes({"27210"}), r.districts, 16000);
  ASSERT_TRUE(area.has_polygons());
  ASSERT_EQ(area.polygons().size(), 1u);
  Facility f;
  f.municipality_code = "27211";
  f.location = LonLat{135.65, 34.82};  // inside 枚方's square, coded 茨木: the code decides
  EXPECT_FALSE(area.contains(f));
  EXPECT_TRUE(area.keep(f));
  f.municipality_code.clear();
  EXPECT_TRUE(area.contains(f));
  // 15.9 km and 16.1 km east of the area's east edge (1° of longitude at 34.82° is
  // ~91.4 km): in reach and not.
  EXPECT_TRUE(area.within_reach({135.70 + 15.9 / 91.43, 34.82}));
  EXPECT_FALSE(area.within_reach({135.70 + 16.2 / 91.43, 34.82}));
  EXPECT_FALSE(area.within_reach({135.80, 34.99}));
  const auto b = area.bounds();
  ASSERT_TRUE(b);
  EXPECT_DOUBLE_EQ(b->min_lon, 135.60);
  EXPECT_DOUBLE_EQ(b->max_lat, 34.86);
}

TEST(ProjectAreaImport, TheNationalSampleProjectCountsAsItsReadmeSays) {
  // sample_data/misaki_national: the town among national-style files (README there).
  const auto cfg = project::load_project(std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki_national/project.toml");
  app::ImportOptions opt;
  opt.inputs = cfg.inputs;
  opt.area = cfg.area;
  opt.reach_margin_m = cfg.reach_margin_m;
  DiagnosticCollector sink;
  const Registry r = app::run_import(opt, sink).registry;
  expect_counts(r, "misaki_national/kaigo/jigyosho_430.csv", 603, 36, 1, 566);
  expect_counts(r, "misaki_national/kaigo/jigyosho_130.csv", 581, 15, 0, 566);
  expect_counts(r, "N03-24_22-23_240101.geojson", 5, 2, 0, 3);
  for (const FileReport& f : r.files) EXPECT_TRUE(f.balanced()) << f.file;
  std::size_t neighbours = 0;
  for (const Facility& f : r.facilities) neighbours += f.municipality_code == "23998" ? 1 : 0;
  EXPECT_EQ(neighbours, 6u);  // 3 of each file within 16 km
  // The skipped rows' 0.000 coordinates are not reported; the town's own planted ones (430
  // line 7, 医療情報ネット line 10) are.
  const auto zero = diags_named(r, "coordinates_zero");
  ASSERT_EQ(zero.size(), 2u);
  EXPECT_NE(zero[0].file.find("misaki_national/kaigo/jigyosho_430.csv"), std::string::npos);
  EXPECT_NE(zero[1].file.find("02-1_clinic_facility_info"), std::string::npos);
}

namespace {

// The registry of the national fixtures for 枚方市, as `careatlas import` leaves it, and a
// project over it.
struct AreaProject {
  Registry reg;
  project::ProjectConfig cfg;
};

AreaProject area_project(bool neighbours) {
  AreaProject p;
  p.reg = import_area({"27210"}, national_inputs()).registry;
  p.cfg.title = "枚方市";
  p.cfg.area = AreaCodes({"27210"});
  p.cfg.reach_margin_m = 16000;
  p.cfg.analysis.district_level = DistrictLevel::municipality;
  p.cfg.booklet.neighbours = neighbours;
  return p;
}

}  // namespace

TEST(ProjectAreaBooklet, ListsOnlyTheAreasFacilitiesNumberedFromOne) {
  const AreaProject p = area_project(false);
  const app::BookletPlan plan = app::plan_booklet(p.reg, p.cfg);
  // 枚方's A, B, C and the clinic; the neighbours D (茨木) and F (尼崎) are not listed.
  ASSERT_EQ(plan.listed.size(), 4u);
  EXPECT_EQ(plan.left_out_area, 2u);
  EXPECT_EQ(plan.listed.size() + plan.left_out_area + plan.left_out_kind + plan.left_out_filter, p.reg.facilities.size());
  for (std::size_t k = 0; k < plan.listed.size(); ++k) {
    EXPECT_EQ(plan.numbers[plan.listed[k]], static_cast<int>(k + 1));
    EXPECT_EQ(p.reg.facilities[plan.listed[k]].municipality_code, "27210");
  }
  // One district section, 枚方市 itself (the analysis level; the unlocated B and C are
  // filed under it by their code); the neighbour municipalities get no section.
  ASSERT_EQ(plan.sections.size(), 1u);
  EXPECT_EQ(plan.sections[0].id, "27210");
}

TEST(ProjectAreaBooklet, NeighboursComeLastByMunicipalityNumberedOn) {
  const AreaProject p = area_project(true);
  const app::BookletPlan plan = app::plan_booklet(p.reg, p.cfg);
  ASSERT_EQ(plan.listed.size(), 6u);
  EXPECT_EQ(plan.left_out_area, 0u);
  ASSERT_EQ(plan.sections.size(), 3u);
  EXPECT_EQ(plan.sections[1].id, "neighbours-27211");
  EXPECT_EQ(plan.sections[1].title, "近隣市町村の事業所（茨木市）");
  EXPECT_EQ(plan.sections[2].title, "近隣市町村の事業所（尼崎市）");
  const std::size_t d = plan.sections[1].groups.front().facilities.front();
  EXPECT_EQ(p.reg.facilities[d].facility_id, "2771100010-760");
  EXPECT_EQ(plan.numbers[d], 5);
  EXPECT_EQ(plan.areas[4], "近隣市町村の事業所（茨木市）");
}

TEST(ProjectAreaBooklet, TheBookletPdfOfTheAreaHasItsEntriesOnly) {
  const AreaProject p = area_project(false);
  app::BookletOptions bo;
  bo.out_dir = scratch_dir("area_booklet");
  bo.production_date = "2026-12-07";
  const app::BookletOutcome res = app::run_booklet(p.reg, p.cfg, bo);
  EXPECT_EQ(res.plan.listed.size(), 4u);
  const std::string csv = read_file(bo.out_dir + "/booklet.csv");
  EXPECT_NE(csv.find("ひらかた定期巡回ステーション"), std::string::npos);
  EXPECT_EQ(csv.find("いばらき定期巡回"), std::string::npos);
  EXPECT_EQ(csv.find("あまがさき"), std::string::npos);
  std::size_t records = 0;  // rows end in CRLF; line breaks inside fields are LF alone
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++records;
  EXPECT_EQ(records, 5u);  // header + 4 entries
}

TEST(ProjectAreaImport, ATownsOwnDistrictsWithoutParentOrBoundaryStayTheTowns) {
  // A 日常生活圏域 layer without a parent column and no N03: nothing places the districts
  // elsewhere, so they are the area's (d56c2a5 analysed them; they must not be skipped).
  const std::string dir = scratch_dir("area_own_districts");
  write_file(dir + "/ken-iki.geojson",
             R"({"type":"FeatureCollection","features":[)"
             R"({"type":"Feature","properties":{"圏域ID":"A","圏域名":"北"},"geometry":{"type":"Polygon","coordinates":[[[135.6,34.82],[135.7,34.82],[135.7,34.86],[135.6,34.86],[135.6,34.82]]]}},)"
             R"({"type":"Feature","properties":{"圏域ID":"B","圏域名":"南"},"geometry":{"type":"Polygon","coordinates":[[[135.6,34.78],[135.7,34.78],[135.7,34.82],[135.6,34.82],[135.6,34.78]]]}}]})");
  InputSpec d = spec(InputRole::districts, dir + "/ken-iki.geojson");
  d.level = DistrictLevel::daily_life_area;
  d.columns = {{"id", "圏域ID"}, {"name", "圏域名"}};
  const app::ImportOutcome res = import_area({"27210"}, {spec(InputRole::facilities, national("jigyosho_760.csv")), d});
  EXPECT_EQ(res.registry.districts.size(), 2u);
  expect_counts(res.registry, "ken-iki.geojson", 2, 2, 0, 0);
  const geometry::ProjectArea area(AreaCodes({"27210"}), res.registry.districts, 16000);
  for (const District& x : res.registry.districts) EXPECT_TRUE(area.contains(x)) << x.id;
}

TEST(ProjectAreaImport, TheSkippedFacilitiesSurveyRowsLeaveNoDiagnostics) {
  // The survey row of the 千代田区 clinic (skipped) has a 予約期限 that cannot be read:
  // its warning is not this project's.
  const std::string dir = scratch_dir("area_survey_diag");
  std::string survey = read_file(national("survey.csv"));
  const std::string row = "1310100000027,まるのうち内科,東京都千代田区丸の内2丁目2,火 12:00～13:00,受付,電話,不要,,";
  ASSERT_NE(survey.find(row), std::string::npos);
  survey.replace(survey.find(row), row.size(), "1310100000027,まるのうち内科,東京都千代田区丸の内2丁目2,いつでも,受付,電話,不要,十日前,");
  write_file(dir + "/survey.csv", survey);
  std::vector<InputSpec> in = national_inputs();
  in.back() = spec(InputRole::survey, dir + "/survey.csv");
  const Registry r = import_area({"27210"}, in).registry;
  expect_counts(r, "survey.csv", 3, 1, 1, 1);
  for (const Diagnostic& d : r.diagnostics)
    if (d.file.find("survey.csv") != std::string::npos) {
      EXPECT_NE(d.row, 3) << d.message;
    }
  EXPECT_EQ(report_for(r, "survey.csv")->warnings, 0);
}

TEST(ProjectAreaBooklet, AFacilityWithNeitherCodeNorPlaceIsTheAreas) {
  AreaProject p = area_project(false);
  Facility f;
  f.facility_id = "hand-1";
  f.name = "手書きの診療所";
  f.kind = FacilityKind::clinic;
  p.reg.facilities.push_back(f);
  const app::BookletPlan plan = app::plan_booklet(p.reg, p.cfg);
  EXPECT_NE(plan.numbers.back(), 0);
  EXPECT_EQ(plan.left_out_area, 2u);
}
