// District layers through OGR: N03 2021–2023 and 2024+ attribute layouts, GeoJSON and
// Shapefile (CP932 DBF without .cpg, UTF-8 DBF with .cpg), islands as multipolygons,
// 所属未定地 reported, and a generic polygon layer with a column mapping.
#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "careatlas/geometry/district_index.hpp"
#include "careatlas/importers/import_error.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {
const District* find(const Registry& r, const std::string& id) {
  for (const auto& d : r.districts)
    if (d.id == id) return &d;
  return nullptr;
}

void expect_test_municipalities(const Registry& r) {
  ASSERT_EQ(r.districts.size(), 3u);
  const District* t = find(r, "99001");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "テスト市");
  EXPECT_EQ(t->parent_id, "99");
  EXPECT_EQ(t->level, DistrictLevel::municipality);
  EXPECT_EQ(t->geometry.size(), 2u);  // main land + island
  EXPECT_NEAR(boost::geometry::area(t->geometry), 0.16 * 0.2 + 0.02 * 0.02, 1e-12);
  const District* w = find(r, "99101");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->name, "政令市中央区");  // designated-city ward named with its city
  EXPECT_EQ(find(r, "99002")->name, "となり町");
}
}  // namespace

TEST(Boundaries, N03Layout2024GeoJson) {
  const Registry r = import_all({spec(InputRole::districts, fixture("boundaries/N03-24_99_240101_test.geojson"))});
  expect_test_municipalities(r);
  const FileReport* rep = report_for(r, "N03-24_99_240101_test.geojson");
  EXPECT_EQ(rep->format, "n03");
  EXPECT_EQ(rep->rows_read, 5);
  EXPECT_EQ(rep->imported, 4);
  EXPECT_EQ(rep->skipped, 1);  // 所属未定地
  EXPECT_EQ(diags_named(r, "district_unassigned").at(0).row, 5);
  EXPECT_EQ(diags_named(r, "district_parts_merged").at(0).value, "99001");
  EXPECT_EQ(r.sources.at(0).edition, "2024-01-01");
  EXPECT_EQ(r.sources.at(0).attribution, "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成");
}

TEST(Boundaries, N03Layout2021GeoJson) {
  const Registry r = import_all({spec(InputRole::districts, fixture("boundaries/N03-21_99_210101_test.geojson"))});
  expect_test_municipalities(r);
  EXPECT_TRUE(report_for(r, "N03-21_99_210101_test.geojson")->balanced());
}

TEST(Boundaries, ShapefileCp932DbfWithoutCpg) {
  const Registry r = import_all({spec(InputRole::districts, fixture("boundaries/shp_cp932/N03-21_99_210101.shp"))});
  expect_test_municipalities(r);
}

TEST(Boundaries, ShapefileUtf8Dbf2024) {
  const Registry r = import_all({spec(InputRole::districts, fixture("boundaries/shp_utf8/N03-24_99_240101.shp"))});
  expect_test_municipalities(r);
}

TEST(Boundaries, RealKochiN03) {
  const Registry r = import_all({spec(InputRole::districts, shared("data/real/boundaries/N03-21_39_210101.json"))});
  ASSERT_EQ(r.districts.size(), 34u);
  const District* kochi = find(r, "39201");
  ASSERT_NE(kochi, nullptr);
  EXPECT_EQ(kochi->name, "高知市");
  EXPECT_EQ(find(r, "39424")->name, "大月町");
  EXPECT_GT(find(r, "39424")->geometry.size(), 1u);  // islands
  // 高知市役所 (33.5597 N, 133.5311 E) lies in 高知市.
  geometry::DistrictIndex idx(r.districts);
  auto hit = idx.find({133.5311, 33.5597});
  ASSERT_TRUE(hit);
  EXPECT_EQ(r.districts[*hit].id, "39201");
}

TEST(Boundaries, GenericLayerWithColumnMapping) {
  const std::string dir = scratch_dir("generic_districts");
  write_file(dir + "/kenniki.geojson",
             R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"圏域ID":"99001-01","圏域名":"北部圏域","市町村コード":"99001"},
 "geometry":{"type":"Polygon","coordinates":[[[135.0,34.1],[135.16,34.1],[135.16,34.2],[135.0,34.2],[135.0,34.1]]]}},
{"type":"Feature","properties":{"圏域ID":"99001-02","圏域名":"南部圏域","市町村コード":"99001"},
 "geometry":{"type":"Polygon","coordinates":[[[135.0,34.0],[135.0,34.1],[135.16,34.1],[135.16,34.0],[135.0,34.0]]]}},
{"type":"Feature","properties":{"圏域ID":null,"圏域名":"名無し","市町村コード":"99001"},
 "geometry":{"type":"Polygon","coordinates":[[[136.0,34.0],[136.1,34.0],[136.1,34.1],[136.0,34.0]]]}},
{"type":"Feature","properties":{"圏域ID":"99001-03","圏域名":"蝶ネクタイ","市町村コード":"99001"},
 "geometry":{"type":"Polygon","coordinates":[[[135.5,34.0],[135.6,34.1],[135.6,34.0],[135.5,34.1],[135.5,34.0]]]}}
]})");
  InputSpec s = spec(InputRole::districts, dir + "/kenniki.geojson");
  s.columns = {{"id", "圏域ID"}, {"name", "圏域名"}, {"parent", "市町村コード"}};
  s.level = DistrictLevel::daily_life_area;
  const Registry r = import_all({s});
  const FileReport* rep = report_for(r, "kenniki.geojson");
  EXPECT_EQ(rep->format, "ogr_polygons");
  EXPECT_EQ(rep->rows_read, 4);
  EXPECT_EQ(rep->imported, 3);
  EXPECT_EQ(rep->rejected, 1);
  EXPECT_EQ(diags_named(r, "district_id_missing").at(0).row, 3);
  // The bow-tie (self-intersecting) polygon is repaired, not passed on invalid.
  EXPECT_EQ(diags_named(r, "geometry_repaired").at(0).row, 4);
  const District* n = find(r, "99001-01");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->name, "北部圏域");
  EXPECT_EQ(n->parent_id, "99001");
  EXPECT_EQ(n->level, DistrictLevel::daily_life_area);
  // The south district's ring was counter-clockwise in the file; corrected on import.
  EXPECT_GT(boost::geometry::area(find(r, "99001-02")->geometry), 0.0);
}

TEST(Boundaries, UnknownMappedColumnIsAClearError) {
  InputSpec s = spec(InputRole::districts, fixture("boundaries/N03-24_99_240101_test.geojson"));
  s.format = "ogr_polygons";
  s.columns = {{"id", "KEN_ID"}};
  try {
    import_all({s});
    FAIL() << "expected import_error";
  } catch (const import_error& e) {
    EXPECT_NE(std::string(e.what()).find("KEN_ID"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("N03_007"), std::string::npos) << "lists the fields: " << e.what();
  }
}

// The simdjson fast path and GDAL's GeoJSON driver must give the same registry. Naming
// the layer sends the file through GDAL.
TEST(Boundaries, FastGeoJsonPathEqualsGdal) {
  for (const char* file : {"boundaries/N03-24_99_240101_test.geojson", "boundaries/N03-21_99_210101_test.geojson"}) {
    const Registry fast = import_all({spec(InputRole::districts, fixture(file))});
    InputSpec via_gdal = spec(InputRole::districts, fixture(file));
    via_gdal.layer = std::string(file).find("N03-24") != std::string::npos ? "N03-24_99_240101" : "N03-21_99_210101";
    const Registry gdal = import_all({via_gdal});
    EXPECT_EQ(fast.districts, gdal.districts) << file;
    EXPECT_EQ(fast.diagnostics, gdal.diagnostics) << file;
    EXPECT_EQ(fast.files, gdal.files) << file;
  }
}

TEST(Boundaries, GeoJsonWithProjectedCrsGoesThroughGdal) {
  const std::string dir = scratch_dir("geojson_projected_districts");
  // A 2 × 2 km square in EPSG:6674 around (136.1 E, 35.14 N).
  write_file(dir + "/d.geojson",
             R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6674"}},
"features":[{"type":"Feature","properties":{"district_id":"X","name":"四角"},
"geometry":{"type":"Polygon","coordinates":[[[8000,-96000],[8000,-94000],[10000,-94000],[10000,-96000],[8000,-96000]]]}}]})");
  const Registry r = import_all({spec(InputRole::districts, dir + "/d.geojson")});
  ASSERT_EQ(r.districts.size(), 1u);
  const auto& ring = r.districts[0].geometry.at(0).outer();
  EXPECT_NEAR(ring[0].lon, 136.088, 0.01);  // transformed to lon/lat, not taken as degrees
  EXPECT_NEAR(ring[0].lat, 35.134, 0.01);
}
