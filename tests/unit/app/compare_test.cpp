// careatlas compare: facility changes between two editions (model registry_changes) and their
// table (app changes_csv) — every planted change is found, and nothing else.
#include <gtest/gtest.h>

#include "careatlas/app/compare_tables.hpp"
#include "careatlas/model/registry_changes.hpp"

using namespace careatlas;

namespace {

Facility clinic(std::string id, std::string name, double lon, double lat, std::string address, std::string phone) {
  Facility f;
  f.facility_id = std::move(id);
  f.name = std::move(name);
  f.kind = FacilityKind::clinic;
  f.location = LonLat{lon, lat};
  f.address = std::move(address);
  f.phone = std::move(phone);
  return f;
}

}  // namespace

// Old edition: A, B, C, D, E, F. New edition: A unchanged; B moved 0.002° of latitude
// (≈ 222 m); C with support_24h turned on; D gone; E re-numbered as E2 at the same
// address 30 m away; F gone and F2 with the same name 2 km away (closed and opened, not
// re-registered); G new.
TEST(RegistryChanges, EveryPlantedChangeAndNothingElse) {
  std::vector<Facility> before = {
      clinic("A", "あ診療所", 137.30, 34.80, "みさき市中央1-1", "0531-00-0001"),
      clinic("B", "い診療所", 137.31, 34.80, "みさき市中央1-2", "0531-00-0002"),
      clinic("C", "う診療所", 137.32, 34.80, "みさき市中央1-3", "0531-00-0003"),
      clinic("D", "え診療所", 137.33, 34.80, "みさき市中央1-4", "0531-00-0004"),
      clinic("E", "お診療所", 137.34, 34.80, "みさき市中央1-5", "0531-00-0005"),
      clinic("F", "か診療所", 137.35, 34.80, "みさき市中央1-6", "0531-00-0006"),
  };
  std::vector<Facility> after = {before[0], before[1], before[2], before[4], before[5]};
  after[1].location = LonLat{137.31, 34.802};
  after[2].support_24h.value = true;
  after[3].facility_id = "E2";
  after[3].location = LonLat{137.3403, 34.80};
  after[4].facility_id = "F2";
  after[4].location = LonLat{137.372, 34.80};
  after[4].address = "みさき市東1-1";
  after[4].phone = "0531-00-0099";
  after.push_back(clinic("G", "き診療所", 137.36, 34.81, "みさき市北1-1", "0531-00-0007"));

  const std::vector<FacilityChange> ch = registry_changes(before, after);
  ASSERT_EQ(ch.size(), 7u);
  EXPECT_EQ(ch[0].kind, ChangeKind::opened);
  EXPECT_EQ(ch[0].after->facility_id, "F2");
  EXPECT_EQ(ch[1].kind, ChangeKind::opened);
  EXPECT_EQ(ch[1].after->facility_id, "G");
  EXPECT_EQ(ch[2].kind, ChangeKind::closed);
  EXPECT_EQ(ch[2].before->facility_id, "D");
  EXPECT_EQ(ch[3].kind, ChangeKind::closed);
  EXPECT_EQ(ch[3].before->facility_id, "F");
  EXPECT_EQ(ch[4].kind, ChangeKind::re_registered);
  EXPECT_EQ(ch[4].before->facility_id, "E");
  EXPECT_EQ(ch[4].after->facility_id, "E2");
  EXPECT_NEAR(ch[4].moved_m, 27.4, 0.5);  // 0.0003° of longitude at 34.8°N
  EXPECT_TRUE(ch[4].fields.empty());
  EXPECT_EQ(ch[5].kind, ChangeKind::moved);
  EXPECT_EQ(ch[5].after->facility_id, "B");
  EXPECT_NEAR(ch[5].moved_m, 222, 1);
  EXPECT_EQ(ch[6].kind, ChangeKind::changed);
  EXPECT_EQ(ch[6].after->facility_id, "C");
  EXPECT_EQ(ch[6].fields, std::vector<std::string>{"support_24h"});
}

// The normalisation decides what counts as the same name: full-width and half-width
// digits differ as bytes, not once normalised.
TEST(RegistryChanges, ReRegistrationUsesTheNormalisedName) {
  std::vector<Facility> before = {clinic("E", "第１診療所", 137.34, 34.80, "中央1-5", "")};
  std::vector<Facility> after = {clinic("E2", "第1診療所", 137.34, 34.80, "中央1-5", "")};
  EXPECT_EQ(registry_changes(before, after).size(), 2u);  // closed + opened
  ChangeOptions opt;
  opt.normalise = [](std::string_view s) {
    std::string out(s);
    const std::string wide = "１";
    for (std::size_t at; (at = out.find(wide)) != std::string::npos;) out.replace(at, wide.size(), "1");
    return out;
  };
  const auto ch = registry_changes(before, after, opt);
  ASSERT_EQ(ch.size(), 1u);
  EXPECT_EQ(ch[0].kind, ChangeKind::re_registered);
  EXPECT_EQ(ch[0].fields, std::vector<std::string>{"name"});
}

// The table for Excel: BOM, CRLF, one row per change with its Japanese label, the moved
// metres and the changed fields.
TEST(RegistryChanges, ChangesCsvRows) {
  std::vector<Facility> before = {clinic("B", "い診療所", 137.31, 34.80, "中央1-2", ""),
                                  clinic("C", "う診療所", 137.32, 34.80, "中央1-3", "")};
  std::vector<Facility> after = before;
  after[0].location = LonLat{137.31, 34.802};
  after[1].support_24h.value = true;
  after[1].doctors = 2;
  const std::string csv = app::changes_csv(registry_changes(before, after), true);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF変更の種類,", 0), 0u);
  EXPECT_NE(csv.find("\r\n移転,B,B,い診療所,診療所,中央1-2,222,,34.800000,137.310000,34.802000,137.310000\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\r\n変更,C,C,う診療所,診療所,中央1-3,,support_24h|doctors,34.800000,137.320000,"), std::string::npos)
      << csv;
}
