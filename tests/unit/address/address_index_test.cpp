// AddressIndex on the sample town's 位置参照情報 excerpts (tests/fixtures/address, the real
// layouts as published: Shift_JIS, CRLF, every field quoted).
#include <gtest/gtest.h>

#include "careatlas/address/address_index.hpp"
#include "test_support.hpp"

namespace careatlas {
namespace {

using address::AddressIndex;
using testing::fixture;

const Registry& excerpts() {
  static const Registry reg = testing::import_all({testing::spec(InputRole::addresses, fixture("address/chome_excerpt.csv")),
                                                   testing::spec(InputRole::addresses, fixture("address/gaiku_excerpt.csv"))});
  return reg;
}

const AddressIndex& index() {
  static const AddressIndex idx(excerpts().addresses);
  return idx;
}

TEST(AddressIndex, CountsWhatTheExcerptsHold) {
  const Registry& reg = excerpts();
  ASSERT_EQ(reg.addresses.size(), 2u);
  EXPECT_EQ(reg.addresses[0].format, "isj_town");
  EXPECT_EQ(reg.addresses[1].format, "isj_block");
  EXPECT_EQ(reg.addresses[0].rows.size(), 59u);
  EXPECT_EQ(reg.addresses[1].rows.size(), 319u);  // 320 read, the 削除 row (line 125) skipped
  EXPECT_EQ(index().municipalities(), 1u);
  EXPECT_EQ(index().towns(), 59u);  // every 街区 town is a 丁目 of the 町丁目 excerpt
}

TEST(AddressIndex, MatchesABlock) {
  const auto m = index().match("愛知県みさき市本町1丁目6-3", "23999");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->level, AddressLevel::block);
  EXPECT_EQ(m->text, "愛知県みさき市本町一丁目6番");
  EXPECT_NEAR(m->point.lat, 34.854442, 1e-6);  // the 代表 row (line 218), not line 219
  EXPECT_NEAR(m->point.lon, 137.397689, 1e-6);
  EXPECT_EQ(m->municipality_code, "23999");
}

}  // namespace
}  // namespace careatlas
