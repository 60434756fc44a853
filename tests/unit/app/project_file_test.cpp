#include <gtest/gtest.h>

#include "careatlas/app/reach_views.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/project/project_file.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

TEST(ProjectFile, ReadsInputsRelativeToTheFile) {
  const std::string dir = scratch_dir("project_ok");
  write_file(dir + "/p.toml", R"(
[project]
title = "テスト市 在宅医療・介護資源マップ"
municipality_code = "99001"
edition = "2026-04-01"

[output]
dir = "out"

[[facilities]]
path = "kaigo/jigyosho_430.csv"
encoding = "cp932"

[[districts]]
path = "ken-iki.geojson"
level = "daily_life_area"
columns = { id = "圏域ID", name = "圏域名" }

[[population]]
path = "/abs/mesh.geojson"
years = [2020, 2040]
)");
  const auto c = project::load_project(dir + "/p.toml");
  EXPECT_EQ(c.title, "テスト市 在宅医療・介護資源マップ");
  EXPECT_EQ(c.output_dir, dir + "/out");
  ASSERT_EQ(c.inputs.size(), 3u);
  EXPECT_EQ(c.inputs[0].path, dir + "/kaigo/jigyosho_430.csv");
  EXPECT_EQ(c.inputs[0].encoding, "cp932");
  EXPECT_EQ(c.inputs[1].role, InputRole::districts);
  EXPECT_EQ(c.inputs[1].level, DistrictLevel::daily_life_area);
  EXPECT_EQ(c.inputs[1].columns.at("id"), "圏域ID");
  EXPECT_EQ(c.inputs[2].path, "/abs/mesh.geojson");
  EXPECT_EQ(c.inputs[2].years, (std::vector<int>{2020, 2040}));
}

TEST(ProjectFile, StrictErrorsNameFileLineAndKey) {
  const std::string dir = scratch_dir("project_bad");
  auto error_of = [&](const std::string& body) {
    write_file(dir + "/p.toml", body);
    try {
      project::load_project(dir + "/p.toml");
    } catch (const config_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("[[facilities]]\npath = \"a.csv\"\nlayr = \"x\"\n").find("p.toml:3:1: unknown key \"layr\""),
            std::string::npos);
  EXPECT_NE(error_of("[[population]]\npath = \"a.csv\"\nyears = 2040\n").find("p.toml:3:"), std::string::npos);
  EXPECT_NE(error_of("[[districts]]\npath = \"a\"\nlevel = \"town\"\n").find("level must be"), std::string::npos);
  EXPECT_NE(error_of("[project]\ntitle = \"x\"\n").find("names no input files"), std::string::npos);
  // A layer name becomes part of output file names: no paths, no Japanese (that is the label).
  for (const char* bad : {"../x", "訪問診療", "a b"})
    EXPECT_NE(error_of("[[facilities]]\npath = \"a.csv\"\n[[layers]]\nname = \"" + std::string(bad) + "\"\n")
                  .find("p.toml:4:8: [[layers]] name"),
              std::string::npos)
        << bad;
  EXPECT_NE(error_of("[project\n").find("p.toml:1:"), std::string::npos);
  EXPECT_NE(error_of("[[facilities]]\nformat = \"auto\"\n").find("needs a path"), std::string::npos);
}

TEST(ProjectFile, AnalysisSettingsAndLayers) {
  const std::string dir = scratch_dir("project_layers");
  write_file(dir + "/p.toml", R"(
[[facilities]]
path = "a.csv"

[analysis]
epsg = 6675
district_level = "municipality"
future_years = [2040, 2050]
e2sfca_d0 = 30000
count_24h_hints = false

[[layers]]
name = "zaishishin"
label = "在支診（16km）"
kinds = ["clinic", "hospital"]
home_visit = true
support_24h = true

[[layers]]
name = "night_care"
radius_m = 8000
service_codes = ["710", "760"]
)");
  const auto c = project::load_project(dir + "/p.toml");
  EXPECT_EQ(c.analysis.epsg, 6675);
  EXPECT_EQ(c.analysis.district_level, DistrictLevel::municipality);
  EXPECT_EQ(c.analysis.future_years, (std::vector<int>{2040, 2050}));
  EXPECT_EQ(c.analysis.e2sfca_d0, 30000.0);
  EXPECT_FALSE(c.analysis.count_24h_hints);  // DEFAULT true
  ASSERT_EQ(c.layers.size(), 2u);
  EXPECT_EQ(c.layers[0].label, "在支診（16km）");
  EXPECT_EQ(c.layers[0].radius_m, 16000.0);
  EXPECT_EQ(c.layers[0].support_24h, true);
  EXPECT_TRUE(c.layers[0].kinds.contains(FacilityKind::hospital));
  EXPECT_EQ(c.layers[1].service_codes, (std::set<std::string>{"710", "760"}));
  // No [[layers]]: the defaults (16 km home-visit doctors, 10 km nursing).
  write_file(dir + "/q.toml", "[[facilities]]\npath = \"a.csv\"\n");
  const auto d = project::load_project(dir + "/q.toml");
  ASSERT_EQ(d.layers.size(), 2u);
  EXPECT_EQ(d.layers[0].radius_m, 16000.0);
  EXPECT_EQ(d.layers[1].radius_m, 10000.0);
  // Strict: unknown kind and unknown key.
  write_file(dir + "/r.toml", "[[facilities]]\npath = \"a.csv\"\n[[layers]]\nname = \"x\"\nkinds = [\"dentist\"]\n");
  EXPECT_THROW(project::load_project(dir + "/r.toml"), config_error);
  write_file(dir + "/s.toml", "[[facilities]]\npath = \"a.csv\"\n[analysis]\nradius = 3\n");
  try {
    project::load_project(dir + "/s.toml");
    FAIL();
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("s.toml:4:"), std::string::npos) << e.what();
  }
}

TEST(ProjectFile, BookletSettings) {
  const std::string dir = scratch_dir("project_booklet");
  write_file(dir + "/p.toml", R"(
[[facilities]]
path = "a.csv"

[booklet]
title = "テスト市 在宅医療・介護 連絡帳（ケアマネジャー用）"
paper = "a5"
binding_mm = 25
kinds = ["hospital", "clinic", "home_nursing"]
group_by = "kind"
district_maps = false
split = true

[booklet.filter]
kinds = ["clinic", "home_nursing"]
caremanager_contact = true
home_visit = false
support_24h = true
survey_answered = true
)");
  const auto c = project::load_project(dir + "/p.toml");
  EXPECT_EQ(c.booklet.title, "テスト市 在宅医療・介護 連絡帳（ケアマネジャー用）");
  EXPECT_EQ(c.booklet.paper, "A5") << "stored upper case";
  EXPECT_EQ(c.booklet.binding_mm, 25.0);
  EXPECT_EQ(c.booklet.kinds,
            (std::vector<FacilityKind>{FacilityKind::hospital, FacilityKind::clinic, FacilityKind::home_nursing}));
  EXPECT_EQ(c.booklet.group_by, "kind");
  EXPECT_FALSE(c.booklet.district_maps);
  EXPECT_TRUE(c.booklet.split);
  EXPECT_EQ(c.booklet.filter_kinds, (std::vector<FacilityKind>{FacilityKind::clinic, FacilityKind::home_nursing}));
  EXPECT_TRUE(c.booklet.only_caremanager_contact);
  EXPECT_EQ(c.booklet.home_visit, false);
  EXPECT_EQ(c.booklet.support_24h, true);
  EXPECT_TRUE(c.booklet.only_survey_answered);

  // No [booklet]: the defaults.
  write_file(dir + "/q.toml", "[[facilities]]\npath = \"a.csv\"\n");
  const auto d = project::load_project(dir + "/q.toml");
  EXPECT_EQ(d.booklet.title, "");
  EXPECT_EQ(d.booklet.paper, "A4");
  EXPECT_EQ(d.booklet.binding_mm, 20.0);
  EXPECT_TRUE(d.booklet.kinds.empty());
  EXPECT_EQ(d.booklet.group_by, "district");
  EXPECT_TRUE(d.booklet.district_maps);
  EXPECT_FALSE(d.booklet.split);
  EXPECT_TRUE(d.booklet.filter_kinds.empty()) << "empty: the medical kinds";
  EXPECT_FALSE(d.booklet.only_caremanager_contact);
  EXPECT_FALSE(d.booklet.home_visit.has_value());
  EXPECT_FALSE(d.booklet.support_24h.has_value());
  EXPECT_FALSE(d.booklet.only_survey_answered);

  // An empty [booklet.filter] and an integer binding margin.
  write_file(dir + "/r.toml", "[[facilities]]\npath = \"a.csv\"\n[booklet]\nbinding_mm = 10\n[booklet.filter]\n");
  const auto r = project::load_project(dir + "/r.toml");
  EXPECT_EQ(r.booklet.binding_mm, 10.0);
  EXPECT_FALSE(r.booklet.only_caremanager_contact);
  EXPECT_TRUE(r.booklet.filter_kinds.empty());
  // Filter kinds alone, in the order given; they need not be among [booklet] kinds.
  write_file(dir + "/f.toml",
             "[[facilities]]\npath = \"a.csv\"\n[booklet]\nkinds = [\"hospital\"]\n"
             "[booklet.filter]\nkinds = [\"care_management\", \"dental_clinic\"]\n");
  const auto f = project::load_project(dir + "/f.toml");
  EXPECT_EQ(f.booklet.filter_kinds,
            (std::vector<FacilityKind>{FacilityKind::care_management, FacilityKind::dental_clinic}));
  EXPECT_FALSE(f.booklet.only_caremanager_contact);
}

TEST(ProjectFile, BookletSettingsAreStrict) {
  const std::string dir = scratch_dir("project_booklet_bad");
  auto error_of = [&](const std::string& booklet) {
    write_file(dir + "/p.toml", "[[facilities]]\npath = \"a.csv\"\n" + booklet);
    try {
      project::load_project(dir + "/p.toml");
    } catch (const config_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  auto has = [](const std::string& error, const std::string& part) {
    return error.find(part) != std::string::npos;
  };
  std::string e = error_of("[booklet]\ntitel = \"x\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:1: unknown key \"titel\" in [booklet]")) << e;
  EXPECT_TRUE(has(e, "allowed: title, paper, binding_mm, kinds, group_by, district_maps, split, neighbours, filter")) << e;
  e = error_of("[booklet]\npaper = \"B5\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:9: paper must be A4 or A5, not \"B5\"")) << e;
  e = error_of("[booklet]\npaper = 4\n");
  EXPECT_TRUE(has(e, "p.toml:4:9: \"paper\" must be a string")) << e;
  e = error_of("[booklet]\nbinding_mm = 5\n");
  EXPECT_TRUE(has(e, "p.toml:4:14: binding_mm must be between 10 and 40")) << e;
  e = error_of("[booklet]\nbinding_mm = 40.5\n");
  EXPECT_TRUE(has(e, "p.toml:4:14: binding_mm must be between 10 and 40")) << e;
  EXPECT_EQ(error_of("[booklet]\nbinding_mm = 40\n"), "no error");
  e = error_of("[booklet]\nbinding_mm = \"20mm\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:14: \"binding_mm\" must be a number")) << e;
  e = error_of("[booklet]\nkinds = [\"clinic\", \"dentist\"]\n");
  EXPECT_TRUE(has(e, "p.toml:4:20: unknown kind \"dentist\" (known: clinic, hospital, dental_clinic,")) << e;
  e = error_of("[booklet]\nkinds = [\"clinic\", \"hospital\", \"clinic\"]\n");
  EXPECT_TRUE(has(e, "p.toml:4:32: kind \"clinic\" is named twice")) << e;
  e = error_of("[booklet]\nkinds = \"clinic\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:9: \"kinds\" must be a list of strings")) << e;
  e = error_of("[booklet]\nkinds = []\n");
  EXPECT_TRUE(has(e, "p.toml:4:9: kinds must name at least one kind")) << e;
  e = error_of("[booklet]\ngroup_by = \"town\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:12: group_by must be district or kind")) << e;
  e = error_of("[booklet]\ndistrict_maps = \"yes\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:17: \"district_maps\" must be true or false")) << e;
  e = error_of("[booklet]\nsplit = 1\n");
  EXPECT_TRUE(has(e, "p.toml:4:9: \"split\" must be true or false")) << e;
  e = error_of("[booklet]\ntitle = \"\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:9: [booklet] title must not be empty")) << e;
  e = error_of("[booklet.filter]\nhome_visits = true\n");
  EXPECT_TRUE(has(e, "p.toml:4:1: unknown key \"home_visits\" in [booklet.filter]")) << e;
  EXPECT_TRUE(has(e, "allowed: kinds, caremanager_contact, home_visit, support_24h, survey_answered")) << e;
  e = error_of("[booklet.filter]\nkinds = [\"clinic\", \"nursing\"]\n");
  EXPECT_TRUE(has(e, "p.toml:4:20: unknown kind \"nursing\" (known: clinic, hospital, dental_clinic,")) << e;
  EXPECT_TRUE(has(e, "home_nursing")) << "every valid name is listed: " << e;
  e = error_of("[booklet.filter]\nkinds = [\"home_nursing\", \"clinic\", \"home_nursing\"]\n");
  EXPECT_TRUE(has(e, "p.toml:4:36: kind \"home_nursing\" is named twice")) << e;
  e = error_of("[booklet.filter]\nkinds = []\n");
  EXPECT_TRUE(has(e, "p.toml:4:9: kinds must name at least one kind; leave it out for the medical kinds")) << e;
  e = error_of("[booklet.filter]\nkinds = \"clinic\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:9: \"kinds\" must be a list of strings")) << e;
  e = error_of("[booklet.filter]\nkinds = [\"clinic\", 3]\n");
  EXPECT_TRUE(has(e, "p.toml:4:20: \"kinds\" must hold strings")) << e;
  e = error_of("[booklet.filter]\nsupport_24h = \"true\"\n");
  EXPECT_TRUE(has(e, "p.toml:4:15: \"support_24h\" must be true or false")) << e;
  e = error_of("[booklet]\nfilter = 3\n");
  EXPECT_TRUE(has(e, "p.toml:4:10: filter must be a table")) << e;
  write_file(dir + "/q.toml", "booklet = \"A4\"\n[[facilities]]\npath = \"a.csv\"\n");
  try {
    project::load_project(dir + "/q.toml");
    ADD_FAILURE() << "booklet = \"A4\" accepted";
  } catch (const config_error& x) {
    EXPECT_TRUE(has(x.what(), "q.toml:1:11: booklet must be a table")) << x.what();
  }
}

TEST(ProjectFile, AreaAndReachMargin) {
  const std::string dir = scratch_dir("project_area");
  auto load = [&](const std::string& project) {
    write_file(dir + "/p.toml", project + "\n[[facilities]]\npath = \"a.csv\"\n");
    return project::load_project(dir + "/p.toml");
  };
  // Default: municipality_code, and the largest layer radius (16 km of the defaults).
  auto c = load("[project]\nmunicipality_code = \"27210\"");
  EXPECT_EQ(c.area.codes(), (std::vector<std::string>{"27210"}));
  EXPECT_DOUBLE_EQ(c.reach_margin_m, 16000);
  c = load("[project]\nmunicipality_code = \"27210\"\narea = [\"272108\", \"28\"]\nreach_margin_m = 5000");
  EXPECT_EQ(c.area.codes(), (std::vector<std::string>{"27210", "28"}));
  EXPECT_DOUBLE_EQ(c.reach_margin_m, 5000);
  EXPECT_TRUE(load("[project]\ntitle = \"全国\"").area.empty());
  EXPECT_DOUBLE_EQ(load("").reach_margin_m, 16000);
  c = load("[project]\n[[layers]]\nname = \"wide\"\nradius_m = 30000\nkinds = [\"clinic\"]");
  EXPECT_DOUBLE_EQ(c.reach_margin_m, 30000);
  auto error_of = [&](const std::string& project) {
    return project_error(dir, project + "\n[[facilities]]\npath = \"a.csv\"\n");
  };
  EXPECT_NE(error_of("[project]\narea = [\"272109\"]").find("p.toml:2:9: area code \"272109\" has the check digit 9; 27210 has 8"),
            std::string::npos)
      << error_of("[project]\narea = [\"272109\"]");
  EXPECT_NE(error_of("[project]\narea = [1100]").find("must be strings"), std::string::npos);
  EXPECT_NE(error_of("[project]\narea = []").find("p.toml:2:8: area must be a list"), std::string::npos);
  EXPECT_NE(error_of("[project]\narea = \"27210\"").find("area must be a list"), std::string::npos);
  EXPECT_NE(error_of("[project]\nmunicipality_code = \"みさき\"").find("municipality_code: area code"), std::string::npos);
  EXPECT_NE(error_of("[project]\nreach_margin_m = -1").find("reach_margin_m must be between"), std::string::npos);
}

TEST(ProjectFile, AddressesAndLocate) {
  const std::string dir = scratch_dir("project_locate");
  write_file(dir + "/a.csv", "x");
  write_file(dir + "/f.csv", "x");
  write_file(dir + "/p.toml",
             "[[facilities]]\npath = \"f.csv\"\n[[addresses]]\npath = \"a.csv\"\n"
             "[locate]\nsuspect_distance_m = 500\nreplace_suspect = true\ncoarsest_level = \"町丁目\"\n");
  const project::ProjectConfig c = project::load_project(dir + "/p.toml");
  ASSERT_EQ(c.inputs.size(), 2u);
  EXPECT_EQ(c.inputs[1].role, InputRole::addresses);
  EXPECT_EQ(c.inputs[1].path, dir + "/a.csv");
  EXPECT_EQ(c.locate.suspect_distance_m, 500);
  EXPECT_TRUE(c.locate.replace_suspect);
  EXPECT_EQ(c.locate.coarsest_level, AddressLevel::chome);
  const std::string head = "[[facilities]]\npath = \"f.csv\"\n[locate]\n";
  EXPECT_NE(project_error(dir, head + "coarsest_level = \"town\"\n").find("coarsest_level must be block, chome, oaza or municipality"),
            std::string::npos);
  EXPECT_NE(project_error(dir, head + "suspect_distance_m = 0\n").find("suspect_distance_m must be more than 0"),
            std::string::npos);
  EXPECT_NE(project_error(dir, head + "replace = true\n").find("unknown key \"replace\" in [locate]"), std::string::npos)
      << project_error(dir, head + "replace = true\n");
  EXPECT_EQ(project::LocateSettings{}.suspect_distance_m, 2000);  // the defaults
  EXPECT_FALSE(project::LocateSettings{}.replace_suspect);
  EXPECT_EQ(project::LocateSettings{}.coarsest_level, AddressLevel::municipality);
}

TEST(ProjectFile, NetworkAndTravelMinutes) {
  const std::string dir = scratch_dir("project_network");
  write_file(dir + "/p.toml", R"(
[[facilities]]
path = "f.csv"

[network]
path = "osm/area.osm.pbf"
ferries = true
offroad_kmh = 4
snap_max_m = 800

[network.speeds]
motorway = 70
track = 0

[analysis]
e2sfca_d0_minutes = 20

[[layers]]
name = "clinics"
radius_m = 16000
travel_minutes = 30

[[layers]]
name = "nursing"
travel_minutes = 20
)");
  const auto c = project::load_project(dir + "/p.toml");
  ASSERT_EQ(c.inputs.size(), 2u);
  EXPECT_EQ(c.inputs[1].role, InputRole::network);
  EXPECT_EQ(c.inputs[1].path, dir + "/osm/area.osm.pbf");
  EXPECT_TRUE(c.has_network());
  EXPECT_TRUE(c.network_speeds.ferries);
  EXPECT_DOUBLE_EQ(c.network_speeds.offroad_kmh, 4);
  EXPECT_DOUBLE_EQ(c.network_speeds.snap_max_m, 800);
  EXPECT_DOUBLE_EQ(c.network_speeds.kmh[static_cast<std::size_t>(RoadClass::motorway)], 70);
  EXPECT_DOUBLE_EQ(c.network_speeds.kmh[static_cast<std::size_t>(RoadClass::track)], 0);
  EXPECT_DOUBLE_EQ(c.network_speeds.kmh[static_cast<std::size_t>(RoadClass::trunk)], 50);  // default
  EXPECT_DOUBLE_EQ(c.analysis.e2sfca_d0_minutes, 20);
  ASSERT_EQ(c.layers.size(), 2u);
  EXPECT_TRUE(c.layers[0].straight_line);
  EXPECT_DOUBLE_EQ(c.layers[0].travel_minutes, 30);
  EXPECT_FALSE(c.layers[1].straight_line);  // travel_minutes without radius_m: by road only
  // The reach margin: the farthest a provider can be and still serve. The fastest class
  // in use is motorway at 70 km/h: 30 min → 35 km (more than the 16 km radius).
  EXPECT_DOUBLE_EQ(c.reach_margin_m, 35000);

  const std::vector<ProviderLayer> views = reach_views(c.layers);
  ASSERT_EQ(views.size(), 3u);
  EXPECT_EQ(views[0].name, "clinics");
  EXPECT_EQ(views[1].name, "clinics_30min");
  EXPECT_EQ(views[1].label, "clinics（車で30分）");
  EXPECT_FALSE(views[1].straight_line);
  EXPECT_EQ(views[2].name, "nursing");  // by road only: keeps its name
}

TEST(ReachViews, RoadLabelReplacesTheDistance) {
  EXPECT_EQ(road_label("訪問診療（診療所・病院、16km）", 30), "訪問診療（診療所・病院、車で30分）");
  EXPECT_EQ(road_label("訪問看護（10km）", 20), "訪問看護（車で20分）");
  EXPECT_EQ(road_label("訪問看護（12.5 km）", 15), "訪問看護（車で15分）");
  EXPECT_EQ(road_label("往診（１６ｋｍ）", 30), "往診（車で30分）");
  EXPECT_EQ(road_label("往診（16　キロ）", 30), "往診（車で30分）");
  EXPECT_EQ(road_label("往診（．km）", 30), "往診（．km、車で30分）");  // no digit: not a distance
  EXPECT_EQ(road_label("訪問看護（24時間）", 30), "訪問看護（24時間、車で30分）");
  EXPECT_EQ(road_label("訪問看護（ステーション、km）", 30), "訪問看護（ステーション、km、車で30分）");
  EXPECT_EQ(road_label("clinics", 12.5), "clinics（車で12.5分）");
  EXPECT_EQ(road_label("（16km）", 30), "（車で30分）");
}

TEST(ProjectFile, NetworkErrorsNameTheKey) {
  const std::string dir = scratch_dir("project_network_bad");
  auto error_of = [&](const std::string& body) {
    write_file(dir + "/p.toml", "[[facilities]]\npath = \"f.csv\"\n" + body);
    try {
      project::load_project(dir + "/p.toml");
    } catch (const config_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("[[layers]]\nname = \"a\"\ntravel_minutes = 30\n").find("needs a road network"), std::string::npos);
  EXPECT_NE(error_of("[network]\n").find("[network] needs a path"), std::string::npos);
  EXPECT_NE(error_of("[network]\npath = \"a.pbf\"\n[network.speeds]\nhighway = 30\n").find("unknown road class \"highway\""),
            std::string::npos);
  EXPECT_NE(error_of("[network]\npath = \"a.pbf\"\n[network.speeds]\nprimary = 500\n").find("p.toml:6:"),
            std::string::npos);
  EXPECT_NE(error_of("[network]\npath = \"a.pbf\"\nsnap = 3\n").find("unknown key \"snap\""), std::string::npos);
  EXPECT_NE(error_of("[[layers]]\nname = \"a\"\ntravel_minutes = 0\n").find("travel_minutes must be more than 0"),
            std::string::npos);
}
