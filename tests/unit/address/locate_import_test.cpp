// Facilities located and checked by address during an import (app::run_import with
// [[addresses]]): a 介護 file in the published layout whose rows plant every case
// (tests/fixtures/address/jigyosho_130_locate.csv), the sample town's 位置参照情報
// excerpts and its N03 boundary.
#include <gtest/gtest.h>

#include <algorithm>

#include "careatlas/app/import_job.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "sample_town.hpp"
#include "test_support.hpp"

namespace careatlas {
namespace {

using testing::fixture;
using testing::spec;

Registry import_with(const address::LocatePolicy& policy, bool addresses = true) {
  app::ImportOptions opt;
  opt.inputs = {spec(InputRole::facilities, fixture("address/jigyosho_130_locate.csv")),
                spec(InputRole::districts, std::string(CAREATLAS_SOURCE_DIR) +
                                               "/sample_data/misaki/boundaries/N03-24_23_240101_misaki.geojson")};
  if (addresses)
    for (const char* f : {"address/chome_excerpt.csv", "address/gaiku_excerpt.csv"})
      opt.inputs.push_back(spec(InputRole::addresses, fixture(f)));
  opt.locate = policy;
  DiagnosticCollector sink;
  return app::run_import(opt, sink).registry;
}

const Facility& by_no(const Registry& r, const std::string& no) {
  auto it = std::find_if(r.facilities.begin(), r.facilities.end(), [&](const Facility& f) { return f.source_id == no; });
  if (it == r.facilities.end()) throw std::runtime_error("no facility " + no);
  return *it;
}

std::vector<std::int64_t> rows_of(const Registry& r, const std::string& code) {
  std::vector<std::int64_t> rows;
  for (const Diagnostic& d : testing::diags_named(r, code)) rows.push_back(d.row);
  return rows;
}

TEST(LocateImport, EveryCaseAtItsLevel) {
  const Registry r = import_with({});
  ASSERT_EQ(r.facilities.size(), 8u);
  // 0/0 → the 街区 of its address (本町一丁目6, the 代表 row).
  const Facility& zero = by_no(r, "2370000011");
  EXPECT_EQ(zero.location_source, LocationSource::address_block);
  ASSERT_TRUE(zero.location);
  EXPECT_EQ(*zero.location, (LonLat{137.397689, 34.854442}));
  EXPECT_EQ(zero.address_match.text, "愛知県みさき市本町一丁目6番");
  // Empty coordinates → the 丁目 (大原町 has no 街区 rows in the excerpt).
  const Facility& empty = by_no(r, "2370000029");
  EXPECT_EQ(empty.location_source, LocationSource::address_town);
  EXPECT_EQ(empty.address_match.level, AddressLevel::chome);
  // A point in Ireland → the 大字 (山吹町, 山間部: no 丁目).
  const Facility& ireland = by_no(r, "2370000037");
  EXPECT_EQ(ireland.location_source, LocationSource::address_town);
  EXPECT_EQ(ireland.address_match.level, AddressLevel::oaza);
  // 港町 is not in the excerpts → the municipality.
  const Facility& minato = by_no(r, "2370000079");
  EXPECT_EQ(minato.location_source, LocationSource::address_municipality);
  EXPECT_TRUE(minato.location);
  // 札幌: no reference for 北海道 → still unlocated.
  const Facility& sapporo = by_no(r, "2370000087");
  EXPECT_EQ(sapporo.location_source, LocationSource::none);
  EXPECT_FALSE(sapporo.location);
  EXPECT_EQ(rows_of(r, "address_unmatched"), (std::vector<std::int64_t>{9}));
  EXPECT_EQ(rows_of(r, "located_by_address"), (std::vector<std::int64_t>{2, 3, 4, 8}));

  // Published points: 63 m from the block (kept), 2.9 km (suspect), in 広島県 (suspect,
  // and outside みさき市).
  const Facility& near = by_no(r, "2370000045");
  EXPECT_EQ(near.location_source, LocationSource::published);
  ASSERT_TRUE(near.address_match.distance_m);
  EXPECT_NEAR(*near.address_match.distance_m, 63, 5);
  EXPECT_FALSE(near.address_match.suspect);
  EXPECT_EQ(near.address, "愛知県みさき市本町一丁目6番3号");  // 方書 kept apart
  EXPECT_EQ(near.address_building, "みさきビル2階");
  EXPECT_EQ(near.postal_address(), "愛知県みさき市本町一丁目6番3号 みさきビル2階");
  const Facility& far = by_no(r, "2370000053");
  EXPECT_TRUE(far.address_match.suspect);
  EXPECT_NEAR(*far.address_match.distance_m, 2920, 30);
  EXPECT_EQ(far.location_source, LocationSource::published);
  const Facility& hiroshima = by_no(r, "2370000061");
  EXPECT_TRUE(hiroshima.address_match.suspect);
  EXPECT_GT(*hiroshima.address_match.distance_m, 400000);
  EXPECT_EQ(rows_of(r, "location_suspect"), (std::vector<std::int64_t>{6, 7}));
  const auto suspects = testing::diags_named(r, "location_suspect");
  EXPECT_NE(suspects[1].message.find("outside its own municipality 23999"), std::string::npos) << suspects[1].message;
  EXPECT_NE(suspects[1].message.find("愛知県みさき市駅前町一丁目2番"), std::string::npos) << suspects[1].message;
  EXPECT_EQ(suspects[1].value, "34.390000,132.450000");

  // The file's account adds up.
  const FileReport& rep = r.files.at(0);
  const LocationCounts& c = rep.locations;
  EXPECT_EQ(c.published, 3);
  EXPECT_EQ(c.by_address, (std::array<std::int64_t, 4>{1, 1, 1, 1}));
  EXPECT_EQ(c.unlocated, 1);
  EXPECT_EQ(c.checked, 3);
  EXPECT_EQ(c.suspect, 2);
  EXPECT_EQ(c.replaced, 0);
  EXPECT_EQ(c.total(), rep.imported);
  const auto summary = testing::diags_named(r, "location_summary");
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].message,
            "3 at their published point, 4 from their address (街区 1, 町丁目 1, 大字 1, 市区町村 1), 1 unlocated; "
            "3 checked against their address, 2 suspect");
}

TEST(LocateImport, ReplaceSuspectAndCoarsestLevel) {
  address::LocatePolicy p;
  p.replace_suspect = true;
  p.coarsest = AddressLevel::oaza;  // no facility placed at its municipality
  p.suspect_distance_m = 3000;      // 2.9 km is no longer suspect
  const Registry r = import_with(p);
  const Facility& far = by_no(r, "2370000053");
  EXPECT_FALSE(far.address_match.suspect);
  const Facility& hiroshima = by_no(r, "2370000061");
  EXPECT_TRUE(hiroshima.address_match.replaced);
  EXPECT_EQ(hiroshima.location_source, LocationSource::address_block);
  EXPECT_EQ(*hiroshima.location, (LonLat{137.381751, 34.858666}));
  const Facility& minato = by_no(r, "2370000079");
  EXPECT_FALSE(minato.location);
  EXPECT_EQ(minato.address_match.level, AddressLevel::municipality);  // recorded, not used
  EXPECT_EQ(r.files.at(0).locations.replaced, 1);
  EXPECT_EQ(r.files.at(0).locations.unlocated, 2);
  // The replaced point is inside みさき市: no outside_own_municipality warning for it.
  for (const Diagnostic& d : testing::diags_named(r, "outside_own_municipality")) EXPECT_NE(d.row, 7);
}

TEST(LocateImport, WithoutAddressesNothingChanges) {
  const Registry r = import_with({}, false);
  EXPECT_FALSE(by_no(r, "2370000011").location);
  EXPECT_EQ(by_no(r, "2370000045").location_source, LocationSource::published);
  EXPECT_EQ(by_no(r, "2370000011").location_source, LocationSource::none);
  EXPECT_TRUE(testing::diags_named(r, "location_summary").empty());
  const auto zero = testing::diags_named(r, "coordinates_zero");
  ASSERT_FALSE(zero.empty());
  EXPECT_NE(zero[0].message.find("kept as unlocated"), std::string::npos);
}

// The 位置参照情報 tables, one layer per file, make the trip when asked for; the facilities'
// location columns (source, level, matched text and point, distance, suspect) always do.
TEST(RegistryStore, AddressTablesAndLocationsRoundTrip) {
  const Registry& r = testing::sample_registry();
  ASSERT_EQ(r.addresses.size(), 2u);
  const std::string path = testing::scratch_dir("registry_addresses") + "/registry.gpkg";
  write_registry(path, r);
  const Registry full = read_registry(path, true);
  // Row by row, names resolved (the table's text may be kept in another order).
  auto rows = [](const AddressTable& t) {
    std::vector<std::string> out;
    for (const auto& row : t.rows)
      out.push_back(t.str(row.prefecture) + "|" + row.municipality_code + "|" + t.str(row.municipality) + "|" +
                    row.town_code + "|" + t.str(row.town) + "|" + t.str(row.koaza) + "|" + row.block + "|" +
                    std::string(to_string(row.level)) + "|" + std::to_string(row.representative) +
                    std::to_string(row.residential) + "|" + std::to_string(row.point.lat) + "," +
                    std::to_string(row.point.lon) + "|" + std::to_string(row.source_row));
    return out;
  };
  ASSERT_EQ(full.addresses.size(), r.addresses.size());
  for (std::size_t k = 0; k < r.addresses.size(); ++k) {
    EXPECT_EQ(full.addresses[k].file, r.addresses[k].file);
    EXPECT_EQ(full.addresses[k].format, r.addresses[k].format);
    EXPECT_EQ(rows(full.addresses[k]), rows(r.addresses[k]));
    ASSERT_EQ(full.addresses[k].rows.size(), r.addresses[k].rows.size());
    for (std::size_t i = 0; i < r.addresses[k].rows.size(); ++i)
      ASSERT_EQ(full.addresses[k].rows[i].point, r.addresses[k].rows[i].point);  // exact, not to 6 decimals
  }
  EXPECT_EQ(full.facilities, r.facilities);
  EXPECT_EQ(full.files, r.files);
  const Registry lean = read_registry(path);
  EXPECT_TRUE(lean.addresses.empty());
  EXPECT_EQ(lean.facilities, r.facilities);
}

// A project area: the 位置参照情報 of municipalities out of reach are skipped with their
// diagnostics, a municipality at a time (しおかぜ町, 10 km west of みさき市, with margin 0).
TEST(LocateImport, AnAreaKeepsTheReferenceOfTheMunicipalitiesWithinReach) {
  app::ImportOptions opt;
  opt.inputs = {spec(InputRole::addresses, fixture("address/broken_gaiku.csv")),
                spec(InputRole::districts, std::string(CAREATLAS_SOURCE_DIR) +
                                               "/sample_data/misaki/boundaries/N03-24_23_240101_misaki.geojson")};
  opt.area = AreaCodes({"23999"});
  opt.reach_margin_m = 0;
  DiagnosticCollector sink;
  const Registry r = app::run_import(opt, sink).registry;
  const FileReport& rep = r.files.at(0);
  EXPECT_EQ(rep.rows_read, 6);
  EXPECT_EQ(rep.imported, 3);  // みさき市 1, 4, 5
  EXPECT_EQ(rep.rejected, 1);
  EXPECT_EQ(rep.skipped, 2);   // the 削除 row, and しおかぜ町
  EXPECT_TRUE(rep.balanced());
  ASSERT_EQ(r.addresses.size(), 1u);
  for (const auto& row : r.addresses[0].rows) EXPECT_EQ(r.addresses[0].str(row.municipality), "みさき市");
  ASSERT_EQ(testing::diags_named(r, "outside_project_area").size(), 1u);
  // With the default reach (16 km) the neighbour's rows are kept.
  opt.reach_margin_m = 16000;
  const Registry wide = app::run_import(opt, sink).registry;
  EXPECT_EQ(wide.files.at(0).imported, 4);
}

}  // namespace
}  // namespace careatlas
