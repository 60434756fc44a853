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

namespace careatlas {
namespace {

using address::AddressIndex;

// The ways the open data writes one address: each is matched to the same 街区.
TEST(AddressIndex, EveryWritingOfABlockFindsIt) {
  const auto want = index().match("愛知県みさき市本町1丁目6-3", "23999");
  ASSERT_TRUE(want);
  for (const char* written : {
           "愛知県みさき市本町１丁目６－３",            // full-width digits and dash
           "愛知県みさき市本町一丁目6番3号",            // 丁目 in kanji, 番・号
           "愛知県みさき市本町一丁目六番三号",          // every number in kanji
           "愛知県みさき市本町1丁目6番地ノ3",           // 番地 with ノ
           "愛知県みさき市本町1丁目6番地の3",
           "愛知県みさき市本町1-6-3",                   // 丁目 written as the first number
           "愛知県みさき市本町1丁目6-3 みさきビル2階",  // a building name after
           "愛知県みさき市本町1丁目6-3第二栄ビル1F",
           "みさき市本町1丁目6-3",                      // prefecture omitted
           "本町1丁目6-3",                              // municipality omitted: the code says which
           "愛知県 みさき市　本町 1丁目 6-3",           // spaces anywhere
           "〒470-1234 愛知県みさき市本町1丁目6-3",     // a postal code first
       }) {
    const auto m = index().match(written, "23999");
    ASSERT_TRUE(m) << written;
    EXPECT_EQ(m->level, AddressLevel::block) << written;
    EXPECT_EQ(m->text, want->text) << written;
    EXPECT_EQ(m->point, want->point) << written;
  }
}

TEST(AddressIndex, TheFinestLevelThatExists) {
  // A block the 街区 excerpt does not have: its 丁目.
  auto m = index().match("愛知県みさき市本町1丁目99-1", "23999");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->level, AddressLevel::chome);
  EXPECT_EQ(m->text, "愛知県みさき市本町一丁目");
  // A 丁目 town without 街区 rows (東部圏域 is not in the 街区 excerpt).
  m = index().match("愛知県みさき市大原町２丁目２６－８", "23999");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->level, AddressLevel::chome);
  EXPECT_EQ(m->text, "愛知県みさき市大原町二丁目");
  // A 大字 with a 字 and a 地番, written with and without 大字/字.
  for (const char* written : {"愛知県みさき市山吹町字上野1234番地", "愛知県みさき市大字山吹町1234", "みさき市山吹町1234"}) {
    m = index().match(written, "23999");
    ASSERT_TRUE(m) << written;
    EXPECT_EQ(m->level, AddressLevel::oaza) << written;
    EXPECT_EQ(m->text, "愛知県みさき市山吹町") << written;
  }
  // A town the excerpts do not hold (港町 is in 南部圏域): the municipality.
  m = index().match("愛知県みさき市港町1丁目2-3", "23999");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->level, AddressLevel::municipality);
  EXPECT_EQ(m->text, "愛知県みさき市");
  EXPECT_EQ(m->municipality_code, "23999");
}

TEST(AddressIndex, VariantSpellingsOfTownNames) {
  // The reference writes 桜ヶ丘 and 緑が丘; addresses write them every way.
  for (const char* written : {"みさき市桜ヶ丘2丁目1-1", "みさき市桜ケ丘2丁目1-1", "みさき市桜が丘二丁目1-1"}) {
    const auto m = index().match(written, "23999");
    ASSERT_TRUE(m) << written;
    EXPECT_EQ(m->text, "愛知県みさき市桜ヶ丘二丁目") << written;
  }
  for (const char* written : {"みさき市緑ヶ丘3丁目", "みさき市緑ケ丘3-5-1"}) {
    const auto m = index().match(written, "23999");
    ASSERT_TRUE(m) << written;
    EXPECT_EQ(m->text, "愛知県みさき市緑が丘三丁目") << written;
  }
}

TEST(AddressIndex, NoMatchWithoutAKnownMunicipality) {
  // Another prefecture's address, and a town with no municipality to look it up in.
  EXPECT_FALSE(index().match("北海道北広島市中央1丁目1", "01234"));
  EXPECT_FALSE(index().match("本町1丁目6-3", ""));
  // No address at all: the municipality of the code, no finer.
  const auto none = index().match("", "23999");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->level, AddressLevel::municipality);
  // The address names みさき市 in 愛知県; a code of another prefecture does not move it.
  const auto m = index().match("愛知県みさき市本町1丁目6-3", "34999");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->municipality_code, "23999");
}

// Synthetic rows for what the sample town lacks: 郡, 大字 in the reference, 之, 小字 in 街区 rows.
AddressTable table_of(std::string format, std::vector<std::vector<std::string>> rows) {
  AddressTable t;
  t.format = format;
  auto intern = [&t](const std::string& s) -> std::uint32_t {
    if (s.empty()) return 0;
    for (std::uint32_t i = 0; i < t.text.size(); ++i)
      if (t.text[i] == s) return i;
    t.text.push_back(s);
    return static_cast<std::uint32_t>(t.text.size() - 1);
  };
  std::int64_t line = 1;
  for (const auto& r : rows) {  // pref, code, municipality, town, koaza, block, lat, lon
    AddressTable::Row a;
    a.prefecture = intern(r[0]);
    a.municipality_code = r[1];
    a.municipality = intern(r[2]);
    a.town = intern(r[3]);
    a.koaza = intern(r[4]);
    a.block = r[5];
    a.level = !a.block.empty() ? AddressLevel::block : r[3].ends_with("丁目") ? AddressLevel::chome : AddressLevel::oaza;
    a.residential = false;
    a.point = {std::stod(r[7]), std::stod(r[6])};
    a.source_row = ++line;
    t.rows.push_back(a);
  }
  return t;
}

TEST(AddressIndex, CountyNamesAzaPrefixesAndKoaza) {
  const std::vector<AddressTable> tables = {
      table_of("isj_town", {{"和歌山県", "30343", "海草郡紀美野町", "大字動木", "", "", "34.1", "135.3"},
                            {"和歌山県", "30343", "海草郡紀美野町", "二之宮", "", "", "34.2", "135.3"},
                            {"宮崎県", "45404", "児湯郡木城町", "大字椎木", "", "", "32.1", "131.4"}}),
      table_of("isj_block", {{"和歌山県", "", "海草郡紀美野町", "大字動木", "下地", "123", "34.11", "135.31"},
                             {"和歌山県", "", "海草郡紀美野町", "大字動木", "上地", "123", "34.12", "135.32"},
                             {"和歌山県", "", "海草郡紀美野町", "大字動木", "", "77", "34.13", "135.33"}})};
  const AddressIndex idx(tables);
  EXPECT_EQ(idx.municipalities(), 2u);
  auto m = idx.match("和歌山県紀美野町動木字下地123番地", "");  // 郡 omitted, 大字 omitted, 字 written
  ASSERT_TRUE(m);
  EXPECT_EQ(m->level, AddressLevel::block);
  EXPECT_EQ(m->text, "和歌山県海草郡紀美野町大字動木字下地123番地");
  EXPECT_EQ(m->point, (LonLat{135.31, 34.11}));
  m = idx.match("海草郡紀美野町大字動木上地123", "");  // 小字 without 字
  ASSERT_TRUE(m);
  EXPECT_EQ(m->point, (LonLat{135.32, 34.12}));
  // 123 is in two 小字: without one it is not a block.
  m = idx.match("紀美野町動木123", "30343");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->level, AddressLevel::oaza);
  // 77 is in no 小字: found without one.
  m = idx.match("紀美野町動木77", "30343");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->level, AddressLevel::block);
  m = idx.match("紀美野町二ノ宮5", "30343");  // 之 / ノ
  ASSERT_TRUE(m);
  EXPECT_EQ(m->text, "和歌山県海草郡紀美野町二之宮");
  m = idx.match("宮崎県児湯郡木城町大字椎木4646番地2", "45404");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->text, "宮崎県児湯郡木城町大字椎木");
}

// The reader's account of the planted defects (tests/fixtures/address/README.md).
TEST(AddressReader, BrokenTownFileRowsAreRejectedWithReasons) {
  const Registry reg = testing::import_all({testing::spec(InputRole::addresses, fixture("address/broken_isj.csv"))});
  const FileReport& r = reg.files.at(0);
  EXPECT_EQ(r.format, "isj_town");
  EXPECT_EQ(r.encoding, "CP932");
  EXPECT_EQ(r.rows_read, 12);
  EXPECT_EQ(r.imported, 6);
  EXPECT_EQ(r.rejected, 6);
  EXPECT_EQ(r.skipped, 0);
  EXPECT_TRUE(r.balanced());
  std::vector<std::pair<std::int64_t, std::string>> got;
  for (const Diagnostic& d : reg.diagnostics) got.emplace_back(d.row, std::string(to_string(d.code)));
  EXPECT_EQ(got, (std::vector<std::pair<std::int64_t, std::string>>{{4, "field_count"},
                                                                    {6, "address_row_invalid"},
                                                                    {7, "address_row_invalid"},
                                                                    {8, "coordinates_swapped"},
                                                                    {9, "address_row_invalid"},
                                                                    {10, "duplicate_id"},
                                                                    {11, "address_row_invalid"}}));
  for (const Diagnostic& d : reg.diagnostics) EXPECT_EQ(d.file, fixture("address/broken_isj.csv"));
  const AddressTable& t = reg.addresses.at(0);
  ASSERT_EQ(t.rows.size(), 6u);
  EXPECT_EQ(t.rows[3].source_row, 8);  // 栄町三丁目, swapped back
  EXPECT_EQ(t.rows[3].point, (LonLat{137.409337, 34.859494}));
  EXPECT_EQ(t.str(t.rows[3].town), "栄町三丁目");
  EXPECT_EQ(t.rows[3].level, AddressLevel::chome);
  EXPECT_EQ(t.rows[0].level, AddressLevel::oaza);
}

TEST(AddressReader, BrokenBlockFileSkipsDeletedRowsAndReadsFullWidthCodes) {
  const Registry reg = testing::import_all({testing::spec(InputRole::addresses, fixture("address/broken_gaiku.csv"))});
  const FileReport& r = reg.files.at(0);
  EXPECT_EQ(r.format, "isj_block");
  EXPECT_EQ(r.rows_read, 6);
  EXPECT_EQ(r.imported, 4);
  EXPECT_EQ(r.rejected, 1);  // line 4: Ｘ/Ｙ but no 緯度/経度
  EXPECT_EQ(r.skipped, 1);   // line 3: 削除
  ASSERT_EQ(testing::diags_named(reg, "address_retired").size(), 1u);
  ASSERT_EQ(testing::diags_named(reg, "address_row_invalid").size(), 1u);
  EXPECT_EQ(testing::diags_named(reg, "address_row_invalid")[0].row, 4);
  const AddressTable& t = reg.addresses.at(0);
  std::vector<std::string> blocks;
  for (const auto& row : t.rows) blocks.push_back(t.str(row.municipality) + ":" + row.block);
  EXPECT_EQ(blocks, (std::vector<std::string>{"みさき市:1", "しおかぜ町:5", "みさき市:4", "みさき市:5"}));
  // しおかぜ町 is a municipality of its own: みさき市's 中央 addresses never reach it.
  const AddressIndex idx(reg.addresses);
  EXPECT_EQ(idx.municipalities(), 2u);
  const auto elsewhere = idx.match("愛知県みさき市中央一丁目5", "23999");
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(elsewhere->municipality, "みさき市");
  EXPECT_EQ(elsewhere->level, AddressLevel::municipality);
  const auto m = idx.match("愛知県みさき市本町一丁目4番", "23999");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->level, AddressLevel::block);
  EXPECT_EQ(m->point, (LonLat{137.396537, 34.852903}));
}

TEST(AddressReader, RealWakayamaFileAsPublished) {
  const std::string path = testing::shared("data/real/address/30_2023.csv");
  const Registry reg = testing::import_all({testing::spec(InputRole::addresses, path)});
  const FileReport& r = reg.files.at(0);
  EXPECT_EQ(r.format, "isj_town");
  EXPECT_EQ(r.encoding, "CP932");
  EXPECT_EQ(r.rows_read, 1918);
  EXPECT_EQ(r.imported, 1918);
  EXPECT_TRUE(reg.diagnostics.empty());
  const AddressIndex idx(reg.addresses);
  EXPECT_EQ(idx.municipalities(), 30u);
  EXPECT_EQ(idx.towns(), 1918u);
  // 有田郡有田川町 written without its 郡; 大字 on one side only.
  const auto m = idx.match("和歌山県有田川町大字徳田", "");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->municipality_code, "30366");
}

}  // namespace
}  // namespace careatlas
