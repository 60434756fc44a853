// Tests of context layers: [[context]] in the project file, the OGR reader, read_map_context.
// Fixtures: tests/fixtures/context/ (README.md there lists every feature and its fate).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/geometry.hpp>

#include "careatlas/app/map_context.hpp"
#include "careatlas/importers/context_reader.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/style/style.hpp"
#include "render_files.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

const std::string kN02 = "「国土数値情報（鉄道データ）」（国土交通省）を加工して作成";
const std::string kW05 = "「国土数値情報（河川データ）」（国土交通省）を加工して作成";

std::string config_error_of(const std::string& dir, const std::string& context_tables) {
  return project_error(dir, "[[facilities]]\npath = \"f.csv\"\n\n" + context_tables);
}

ContextRead read(const ContextSpec& s, DiagnosticCollector& sink) { return read_context_layer(s, sink); }

std::vector<Diagnostic> named(const std::vector<Diagnostic>& ds, const std::string& code) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : ds)
    if (to_string(d.code) == code) out.push_back(d);
  return out;
}

}  // namespace

// ---- the project file ------------------------------------------------------------------

TEST(MapContextProject, ReadsContextTablesRelativeToTheFile) {
  const std::string dir = scratch_dir("context_project_ok");
  write_file(dir + "/p.toml", R"toml([[facilities]]
path = "f.csv"

[[context]]
name = "railways"
path = "context/N02-22_RailroadSection.geojson"

[[context]]
name = "roads"
path = "/data/osm.gpkg"
layer = "lines"
where = "highway IN ('primary', 'secondary')"
label = "name"
attribution = "© OpenStreetMap contributors"
encoding = "cp932"
)toml");
  const project::ProjectConfig c = project::load_project(dir + "/p.toml");
  ASSERT_EQ(c.context.size(), 2u);
  EXPECT_EQ(c.context[0].name, "railways");
  EXPECT_EQ(c.context[0].path, dir + "/context/N02-22_RailroadSection.geojson");
  EXPECT_EQ(c.context[0].layer, "");
  EXPECT_EQ(c.context[0].where, "");
  EXPECT_EQ(c.context[0].attribution, "");
  EXPECT_EQ(c.context[0].encoding, "auto");
  EXPECT_EQ(c.context[1].path, "/data/osm.gpkg");
  EXPECT_EQ(c.context[1].layer, "lines");
  EXPECT_EQ(c.context[1].where, "highway IN ('primary', 'secondary')");
  EXPECT_EQ(c.context[1].label, "name");
  EXPECT_EQ(c.context[1].attribution, "© OpenStreetMap contributors");
  EXPECT_EQ(c.context[1].encoding, "cp932");
  EXPECT_EQ(c.inputs.size(), 1u);  // context files are not import inputs
}

TEST(MapContextProject, StrictErrorsNameFileLineAndColumn) {
  const std::string dir = scratch_dir("context_project_bad");
  const std::string p = dir + "/p.toml";
  std::string e = config_error_of(dir, "[[context]]\nname = \"rivers\"\npath = \"r.geojson\"\ncolour = \"#0000ff\"\n");
  EXPECT_NE(e.find(p + ":7:1: unknown key \"colour\" in [[context]]"), std::string::npos) << e;
  EXPECT_NE(e.find("allowed: name, path, layer, where, attribution, label, encoding"), std::string::npos) << e;

  e = config_error_of(dir, "[[context]]\npath = \"r.geojson\"\n");
  EXPECT_NE(e.find(p + ":4:"), std::string::npos) << e;
  EXPECT_NE(e.find("[[context]] needs a name"), std::string::npos) << e;

  e = config_error_of(dir, "[[context]]\nname = \"rivers\"\n");
  EXPECT_NE(e.find("[[context]] needs a path"), std::string::npos) << e;

  e = config_error_of(dir, "[[context]]\nname = \"rivers\"\npath = \"r.geojson\"\nlabel = 3\n");
  EXPECT_NE(e.find(p + ":7:9: \"label\" must be a string"), std::string::npos) << e;

  e = config_error_of(dir, "[[context]]\nname = \"rivers\"\npath = \"r.geojson\"\nattribution = \"\"\n");
  EXPECT_NE(e.find("attribution must not be empty"), std::string::npos) << e;

  e = config_error_of(dir, "[[context]]\nname = \"rivers\"\npath = \"r.geojson\"\nencoding = \"sjis\"\n");
  EXPECT_NE(e.find("encoding must be auto, utf-8 or cp932"), std::string::npos) << e;

  write_file(p, "context = \"rivers\"\n\n[[facilities]]\npath = \"f.csv\"\n");
  EXPECT_THROW(
      {
        try {
          project::load_project(p);
        } catch (const config_error& err) {
          EXPECT_NE(std::string(err.what()).find(p + ":1:11: use [[context]] tables"), std::string::npos) << err.what();
          throw;
        }
      },
      config_error);
}

// ---- the reader --------------------------------------------------------------------------

TEST(MapContextReader, N02LinesEveryFeatureDrawnOrReported) {
  DiagnosticCollector sink;
  const ContextRead r = read(context_spec("railways", fixture("context/railways_n02.geojson")), sink);
  EXPECT_EQ(r.report.role, "context");
  EXPECT_EQ(r.report.format, "n02");
  EXPECT_EQ(r.report.encoding, "GeoJSON");
  EXPECT_EQ(r.report.rows_read, 7);
  EXPECT_EQ(r.report.imported, 3);
  EXPECT_EQ(r.report.skipped, 4);
  EXPECT_EQ(r.report.rejected, 0);
  EXPECT_TRUE(r.report.balanced());
  EXPECT_EQ(r.layer.name, "railways");
  EXPECT_EQ(r.layer.attribution, kN02);

  ASSERT_EQ(r.layer.features.size(), 3u);
  const ContextFeature& main = r.layer.features[0];
  EXPECT_EQ(main.source_row, 1);
  EXPECT_EQ(main.label, "テスト本線");  // N02_003 路線名 by default
  ASSERT_EQ(main.lines.size(), 1u);
  EXPECT_EQ(main.lines[0], (LonLatLine{{135.0, 34.0}, {135.05, 34.02}, {135.1, 34.03}}));
  EXPECT_TRUE(main.polygons.empty());
  EXPECT_EQ(r.layer.features[1].lines.size(), 2u);  // MultiLineString parts
  EXPECT_EQ(r.layer.features[1].lines[1].size(), 3u);
  EXPECT_EQ(r.layer.features[2].source_row, 7);     // the collection's line; its point left out
  EXPECT_EQ(r.layer.features[2].lines.size(), 1u);

  const auto& ds = sink.items();
  ASSERT_EQ(ds.size(), 4u);
  for (const Diagnostic& d : ds) EXPECT_EQ(d.file, fixture("context/railways_n02.geojson"));
  ASSERT_EQ(named(ds, "geometry_empty").size(), 2u);
  EXPECT_EQ(named(ds, "geometry_empty")[0].row, 3);  // null geometry
  EXPECT_EQ(named(ds, "geometry_empty")[1].row, 6);  // a line of one distinct point
  ASSERT_EQ(named(ds, "geometry_not_polygon").size(), 1u);
  EXPECT_EQ(named(ds, "geometry_not_polygon")[0].row, 4);
  EXPECT_EQ(named(ds, "geometry_not_polygon")[0].value, "Point");
  ASSERT_EQ(named(ds, "coordinates_out_of_range").size(), 1u);
  EXPECT_EQ(named(ds, "coordinates_out_of_range")[0].row, 5);
}

TEST(MapContextReader, PolygonsWithHolesLabelFieldAndFileNameAttribution) {
  DiagnosticCollector sink;
  ContextSpec s = context_spec("water", fixture("context/water.geojson"));
  s.label = "名前";
  const ContextRead r = read(s, sink);
  EXPECT_EQ(r.report.format, "ogr");
  EXPECT_EQ(r.layer.attribution, "出典：water.geojson");
  EXPECT_TRUE(sink.items().empty());
  ASSERT_EQ(r.layer.features.size(), 2u);
  const ContextFeature& lake = r.layer.features[0];
  EXPECT_EQ(lake.label, "テスト湖");
  EXPECT_TRUE(lake.lines.empty());
  ASSERT_EQ(lake.polygons.size(), 1u);
  EXPECT_EQ(lake.polygons[0].inners().size(), 1u);
  // Oriented as the model's polygons (outer clockwise): Boost.Geometry's area is positive.
  EXPECT_NEAR(boost::geometry::area(lake.polygons), 0.02 * 0.02 - 0.005 * 0.005, 1e-12);
  EXPECT_EQ(r.layer.features[1].label, "");  // a null name
  EXPECT_EQ(r.layer.features[1].polygons.size(), 2u);
  EXPECT_GT(boost::geometry::area(r.layer.features[1].polygons), 0);

  s.attribution = "テスト市 水面";
  EXPECT_EQ(read(s, sink).layer.attribution, "テスト市 水面");
}

// roads.gpkg is in EPSG:6675 (JGD2011 / Japan Plane Rectangular CS VII): the reader
// returns lon/lat JGD2011 within 1e-7° of the coordinates the fixture was made from.
TEST(MapContextReader, GeoPackageLayerInAProjectedCrsComesBackInLonLat) {
  DiagnosticCollector sink;
  ContextSpec s = context_spec("roads", fixture("context/roads.gpkg"));
  s.label = "name";
  const ContextRead r = read(s, sink);
  EXPECT_EQ(r.report.encoding, "GPKG");
  EXPECT_EQ(r.report.rows_read, 3);
  EXPECT_EQ(r.report.imported, 3);
  ASSERT_EQ(r.layer.features.size(), 3u);
  EXPECT_EQ(r.layer.features[0].label, "国道1号");
  const std::vector<LonLat> expected = {{137.4, 34.9}, {137.41, 34.905}, {137.42, 34.91}};
  ASSERT_EQ(r.layer.features[0].lines.at(0).size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(r.layer.features[0].lines[0][i].lon, expected[i].lon, 1e-7);
    EXPECT_NEAR(r.layer.features[0].lines[0][i].lat, expected[i].lat, 1e-7);
  }

  s.layer = "water";  // the second layer, by name
  const ContextRead w = read(s, sink);
  ASSERT_EQ(w.layer.features.size(), 1u);
  EXPECT_EQ(w.layer.features[0].label, "テスト池");
  ASSERT_EQ(w.layer.features[0].polygons.size(), 1u);
  EXPECT_NEAR(w.layer.features[0].polygons[0].outer()[0].lon, 137.40, 1e-7);
  EXPECT_NEAR(w.layer.features[0].polygons[0].outer()[0].lat, 34.90, 1e-7);
  EXPECT_TRUE(sink.items().empty());
}

TEST(MapContextReader, WhereFilterKeepsFeatureNumbersAndCountsTheRest) {
  DiagnosticCollector sink;
  ContextSpec s = context_spec("roads", fixture("context/roads.gpkg"));
  s.where = "highway = 'primary'";
  const ContextRead r = read(s, sink);
  EXPECT_EQ(r.report.rows_read, 3);
  EXPECT_EQ(r.report.imported, 2);
  EXPECT_EQ(r.report.skipped, 1);
  EXPECT_EQ(r.filtered_out, 1);
  EXPECT_TRUE(r.report.balanced());
  ASSERT_EQ(r.layer.features.size(), 2u);
  EXPECT_EQ(r.layer.features[0].source_row, 1);
  EXPECT_EQ(r.layer.features[1].source_row, 3);
  EXPECT_TRUE(sink.items().empty());
}

TEST(MapContextReader, UnusableFilesAndSettingsFailNamingThePath) {
  DiagnosticCollector sink;
  const std::string missing = fixture("context/no_such_file.geojson");
  try {
    read(context_spec("rivers", missing), sink);
    FAIL() << "no error";
  } catch (const import_error& e) {
    EXPECT_EQ(e.diagnostic().code, DiagCode::file_unreadable);
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
  }
  const std::string dir = scratch_dir("context_bad_files");
  write_file(dir + "/empty.geojson", "");
  EXPECT_THROW(read(context_spec("rivers", dir + "/empty.geojson"), sink), import_error);
  write_file(dir + "/junk.geojson", "this is not a layer\n");
  EXPECT_THROW(read(context_spec("rivers", dir + "/junk.geojson"), sink), import_error);

  ContextSpec s = context_spec("roads", fixture("context/roads.gpkg"));
  s.layer = "rails";
  EXPECT_THROW(read(s, sink), import_error);
  s.layer = "";
  s.label = "ref";
  try {
    read(s, sink);
    FAIL() << "no error";
  } catch (const import_error& e) {
    EXPECT_NE(std::string(e.what()).find("label field \"ref\" is not in the layer; fields are: highway, name"),
              std::string::npos)
        << e.what();
  }
  s.label = "";
  s.where = "highway = = 'x'";
  try {
    read(s, sink);
    FAIL() << "no error";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("roads.gpkg: where = \"highway = = 'x'\""), std::string::npos) << e.what();
  }
}

// ---- read_map_context ----------------------------------------------------------------------

TEST(MapContext, ProjectsLinesAndPolygonsToTheMapCrs) {
  project::ProjectConfig p;
  p.context.push_back(context_spec("railways", fixture("context/railways_n02.geojson")));
  ContextSpec water = context_spec("water", fixture("context/water.geojson"));
  water.attribution = "テスト市 水面";
  p.context.push_back(water);
  const geometry::Projection proj(6674);  // zone VI, the fixtures' 135° E
  const app::MapContext m = app::read_map_context(p, proj);

  ASSERT_EQ(m.sources.size(), 2u);
  EXPECT_EQ(m.sources[0].source, style::Source::context);
  EXPECT_EQ(m.sources[0].context, "railways");
  ASSERT_EQ(m.sources[0].features.size(), 3u);
  const auto& lines = std::get<render::Lines>(m.sources[0].features[0].shape);
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0].size(), 3u);
  const geometry::XY first = proj.forward(LonLat{135.0, 34.0});
  EXPECT_DOUBLE_EQ(lines[0][0].x, first.x);
  EXPECT_DOUBLE_EQ(lines[0][0].y, first.y);
  EXPECT_GT(lines[0][2].x - lines[0][0].x, 9000);  // 0.1° east at 34° N is about 9.2 km
  EXPECT_EQ(std::get<std::string>(m.sources[0].features[0].attributes.at("label")), "テスト本線");

  EXPECT_EQ(m.sources[1].context, "water");
  ASSERT_EQ(m.sources[1].features.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<geometry::PlanarMultiPolygon>(m.sources[1].features[0].shape));
  EXPECT_FALSE(m.sources[1].features[0].attributes.contains("label"));  // no label field named

  EXPECT_EQ(m.attributions, (std::vector<std::string>{kN02, "テスト市 水面"}));
  ASSERT_EQ(m.reports.size(), 2u);
  EXPECT_EQ(m.reports[0].skipped, 4);
  EXPECT_EQ(m.diagnostics.size(), 4u);
  EXPECT_EQ(m.outside_area, 0u);
}

TEST(MapContext, EntriesOfOneNameMergeAndTheAreaLeavesOutFarFeatures) {
  project::ProjectConfig p;
  p.context.push_back(context_spec("water", fixture("context/water.geojson")));
  ContextSpec gpkg = context_spec("water", fixture("context/roads.gpkg"));
  gpkg.layer = "water";
  p.context.push_back(gpkg);
  const geometry::Projection proj(6674);
  app::MapContext m = app::read_map_context(p, proj);
  ASSERT_EQ(m.sources.size(), 1u);
  EXPECT_EQ(m.sources[0].features.size(), 3u);
  EXPECT_EQ(m.attributions, (std::vector<std::string>{"出典：water.geojson", "出典：roads.gpkg"}));

  // Only the lake (135.00–135.02 E, 34.00–34.02 N) is on this map.
  const geometry::XY a = proj.forward(LonLat{134.99, 33.99}), b = proj.forward(LonLat{135.03, 34.03});
  m = app::read_map_context(p, proj, render::MapExtent{a.x, a.y, b.x, b.y});
  ASSERT_EQ(m.sources.size(), 1u);
  EXPECT_EQ(m.sources[0].features.size(), 1u);
  EXPECT_EQ(m.outside_area, 2u);
  EXPECT_EQ(m.attributions, (std::vector<std::string>{"出典：water.geojson"}));  // nothing of roads.gpkg is drawn
}

TEST(MapContext, AttributionsDrawnFollowTheStyleAndMapKind) {
  const style::Style st = style::parse_style(R"(
[[layer]]
name = "rails"
source = "context"
context = "railways"
maps = ["resource"]

[[layer.rule]]
line = { colour = "#000000" }
)",
                                             "t.toml");
  project::ProjectConfig p;
  p.context.push_back(context_spec("railways", fixture("context/railways_n02.geojson")));
  ContextSpec trams = context_spec("trams", fixture("context/water.geojson"));
  p.context.push_back(trams);
  const app::MapContext m = app::read_map_context(p, geometry::Projection(6674));
  EXPECT_EQ(app::attributions_drawn(m, st, "resource"), (std::vector<std::string>{kN02}));
  EXPECT_TRUE(app::attributions_drawn(m, st, "gap").empty());
}

TEST(MapContext, DefaultStyleDrawsContextBetweenCoverageAndDistrictLines) {
  const style::Style& st = careatlas::testing::default_style();
  auto index = [&](const std::string& name) {
    const auto it = std::find_if(st.layers.begin(), st.layers.end(), [&](const style::Layer& l) { return l.name == name; });
    return it == st.layers.end() ? std::size_t(-1) : static_cast<std::size_t>(it - st.layers.begin());
  };
  const std::vector<std::string> all = {"resource", "coverage", "gap", "access", "atlas", "booklet"};
  for (const char* c : {"water", "rivers", "roads", "railways"}) {
    const std::size_t i = index(std::string("context_") + c);
    ASSERT_NE(i, std::size_t(-1)) << c;
    EXPECT_GT(i, index("coverage")) << c;
    EXPECT_LT(i, index("district_lines")) << c;
    EXPECT_EQ(st.layers[i].source, style::Source::context);
    EXPECT_EQ(st.layers[i].context, c);
    EXPECT_EQ(st.layers[i].maps, all) << c;
    EXPECT_FALSE(st.layers[i].rules.at(0).legend.empty()) << c;
  }
  const style::Layer& rail = st.layers[index("context_railways")];
  ASSERT_EQ(rail.rules.size(), 2u);
  EXPECT_TRUE(rail.rules[1].legend.empty());  // the white dashes: one legend entry for the railway
  ASSERT_TRUE(rail.rules[0].line && rail.rules[1].line);
  EXPECT_FALSE(rail.rules[1].line->dash_mm.empty());
  EXPECT_LT(rail.rules[1].line->width_mm, rail.rules[0].line->width_mm);
}

TEST(MapContext, SampleTownShowsRailwaysRiversAndWater) {
  const project::ProjectConfig cfg =
      project::load_project(std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki/project.toml");
  ASSERT_EQ(cfg.context.size(), 3u);
  const app::MapContext m = app::read_map_context(cfg, geometry::Projection(6675));
  ASSERT_EQ(m.sources.size(), 3u);
  EXPECT_EQ(m.sources[0].context, "railways");
  EXPECT_EQ(m.sources[0].features.size(), 2u);
  EXPECT_EQ(m.sources[1].context, "rivers");
  EXPECT_EQ(m.sources[1].features.size(), 2u);
  EXPECT_EQ(m.sources[2].context, "water");
  EXPECT_EQ(m.sources[2].features.size(), 1u);
  EXPECT_EQ(m.attributions, (std::vector<std::string>{kN02, kW05, "みさき市 水面（架空）"}));
  EXPECT_TRUE(m.diagnostics.empty());
  for (const FileReport& r : m.reports) {
    EXPECT_TRUE(r.balanced()) << r.file;
    EXPECT_EQ(r.skipped, 0) << r.file;
  }
  EXPECT_EQ(std::get<std::string>(m.sources[1].features[0].attributes.at("label")), "みさき川");
}
