// Point layers through OGR: 国土数値情報 P04 (医療機関) and P14 (福祉施設) attribute
// layouts, and any point layer with a column mapping from the project file.
#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {
std::string point(double lon, double lat, const std::string& props) {
  return R"({"type":"Feature","properties":{)" + props + R"(},"geometry":{"type":"Point","coordinates":[)" +
         std::to_string(lon) + "," + std::to_string(lat) + "]}}";
}
std::string collection(const std::vector<std::string>& features) {
  std::string s = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) s += (i ? ",\n" : "\n") + features[i];
  return s + "]}";
}
}  // namespace

TEST(Points, P04MedicalInstitutions) {
  const std::string dir = scratch_dir("points_p04");
  write_file(dir + "/P04-20_99.geojson",
             collection({point(135.05, 34.05, R"("P04_001":1,"P04_002":"テスト市民病院","P04_003":"テスト市本町1","P04_008":120)"),
                         point(135.06, 34.06, R"("P04_001":2,"P04_002":"本町内科","P04_003":"テスト市本町2","P04_008":0)"),
                         point(135.07, 34.07, R"("P04_001":3,"P04_002":"みなと歯科","P04_003":"テスト市港1","P04_008":null)"),
                         point(0.0, 0.0, R"("P04_001":2,"P04_002":"位置不明医院","P04_003":"テスト市","P04_008":null)")}));
  const Registry r = import_all({spec(InputRole::facilities, dir + "/P04-20_99.geojson")});
  const FileReport* rep = report_for(r, "P04-20_99.geojson");
  EXPECT_EQ(rep->format, "p04");
  EXPECT_EQ(rep->rows_read, 4);
  EXPECT_EQ(rep->imported, 4);
  ASSERT_EQ(r.facilities.size(), 4u);
  EXPECT_EQ(r.facilities[0].kind, FacilityKind::hospital);
  EXPECT_EQ(r.facilities[0].capacity, 120);
  EXPECT_EQ(r.facilities[0].facility_id, "P04-20_99:1");
  EXPECT_EQ(r.facilities[1].kind, FacilityKind::clinic);
  EXPECT_EQ(r.facilities[2].kind, FacilityKind::dental_clinic);
  EXPECT_FALSE(r.facilities[3].location);
  EXPECT_EQ(diags_named(r, "coordinates_zero").at(0).row, 4);
  EXPECT_EQ(r.sources.at(0).attribution, "「国土数値情報（医療機関データ）」（国土交通省）を加工して作成");
}

TEST(Points, P14WelfareFacilities) {
  const std::string dir = scratch_dir("points_p14");
  write_file(dir + "/P14-21_99.geojson",
             collection({point(135.05, 34.05, R"("P14_003":"99001","P14_004":"テスト市本町3","P14_005":"02","P14_006":"05","P14_007":"01","P14_008":"テスト市北地域包括支援センター")"),
                         point(135.06, 34.06, R"("P14_003":"99001","P14_004":"テスト市本町4","P14_005":"02","P14_006":"01","P14_007":"02","P14_008":"特別養護老人ホームさくら")")}));
  const Registry r = import_all({spec(InputRole::facilities, dir + "/P14-21_99.geojson")});
  ASSERT_EQ(r.facilities.size(), 2u);
  EXPECT_EQ(r.facilities[0].kind, FacilityKind::community_support_center);
  EXPECT_EQ(r.facilities[0].municipality_code, "99001");
  EXPECT_EQ(r.facilities[0].service_code, "P14:02-05-01");
  EXPECT_EQ(r.facilities[1].kind, FacilityKind::welfare_facility);
}

TEST(Points, GenericLayerWithMappingAndFixedKind) {
  const std::string dir = scratch_dir("points_generic");
  write_file(dir + "/centres.geojson",
             collection({point(135.05, 34.05, R"("番号":"C1","施設名":"北センター","所在地":"テスト市北1")"),
                         point(135.06, 34.06, R"("番号":"C2","施設名":"","所在地":"テスト市南1")"),
                         point(135.07, 34.07, R"("番号":"C1","施設名":"北センター（再掲）","所在地":"テスト市北1")")}));
  InputSpec s = spec(InputRole::facilities, dir + "/centres.geojson");
  s.columns = {{"id", "番号"}, {"name", "施設名"}, {"address", "所在地"}};
  s.kind = "community_support_center";
  const Registry r = import_all({s});
  const FileReport* rep = report_for(r, "centres.geojson");
  EXPECT_EQ(rep->format, "ogr_points");
  EXPECT_EQ(rep->rows_read, 3);
  EXPECT_EQ(rep->imported, 1);
  EXPECT_EQ(rep->rejected, 2);  // no name; duplicate ID
  ASSERT_EQ(r.facilities.size(), 1u);
  EXPECT_EQ(r.facilities[0].facility_id, "C1");
  EXPECT_EQ(r.facilities[0].address, "テスト市北1");
  EXPECT_EQ(r.facilities[0].kind, FacilityKind::community_support_center);
  EXPECT_DOUBLE_EQ(r.facilities[0].location->lon, 135.05);
  EXPECT_EQ(diags_named(r, "missing_name").at(0).row, 2);
  EXPECT_EQ(diags_named(r, "duplicate_id").at(0).row, 3);
}

TEST(Points, ProjectedLayerIsTransformedToJgd2011) {
  // The same point written in JGD2011 / Japan Plane Rectangular CS VI (EPSG:6674).
  const std::string dir = scratch_dir("points_projected");
  write_file(dir + "/p.geojson",
             R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6674"}},
"features":[{"type":"Feature","properties":{"id":"X1","name":"投影座標の診療所","kind":"clinic"},
"geometry":{"type":"Point","coordinates":[9127.6,-95680.9]}}]})");
  const Registry r = import_all({spec(InputRole::facilities, dir + "/p.geojson")});
  ASSERT_EQ(r.facilities.size(), 1u);
  ASSERT_TRUE(r.facilities[0].location);
  // EPSG:6674 origin is 36°N 136°E; cs2cs EPSG:6674 EPSG:6668 gives 35.137502 N 136.100164 E.
  EXPECT_NEAR(r.facilities[0].location->lon, 136.100164, 1e-6);
  EXPECT_NEAR(r.facilities[0].location->lat, 35.137502, 1e-6);
}
