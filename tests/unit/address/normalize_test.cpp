// canonical(): the ways the open data and the 位置参照情報 write one address compare equal.
#include <gtest/gtest.h>

#include "careatlas/address/normalize.hpp"

namespace careatlas::address {
namespace {

TEST(Canonical, FullWidthDigitsLettersAndSpaces) {
  EXPECT_EQ(canonical("愛知県　みさき市 本町２丁目２８－７"), "愛知県みさき市本町2丁目28-7");
  EXPECT_EQ(canonical("ＡＢＣ１２３"), "ABC123");
  EXPECT_EQ(canonical("ｻｸﾗ"), "サクラ");  // half-width katakana → full-width
}

TEST(Canonical, DashFamily) {
  for (const char* s : {"1-2-3", "1−2−3", "1‐2‐3", "1–2–3", "1—2—3", "1―2―3", "１－２－３", "1ー2ー3", "1─2─3"})
    EXPECT_EQ(canonical(s), "1-2-3") << s;
  EXPECT_EQ(canonical("センター"), "センター");  // ー in a word stays
}

TEST(Canonical, KanjiNumeralsBeforeAddressMarkers) {
  EXPECT_EQ(canonical("本町三丁目"), "本町3丁目");
  EXPECT_EQ(canonical("上の山二十三丁目"), "上ノ山23丁目");
  EXPECT_EQ(canonical("二十八番地の七"), "28番地ノ七");  // 七 ends the text: no marker, left alone
  EXPECT_EQ(canonical("南十九条西七丁目"), "南19条西7丁目");
  EXPECT_EQ(canonical("第一地割"), "第1地割");
  EXPECT_EQ(canonical("百二番"), "102番");
  EXPECT_EQ(canonical("十日町"), "十日町");  // a name, not a number
  EXPECT_EQ(canonical("九条"), canonical("9条"));
}

TEST(Canonical, VariantKanaAndCharacters) {
  EXPECT_EQ(canonical("桜ヶ丘"), canonical("桜ケ丘"));
  EXPECT_EQ(canonical("桜ヶ丘"), canonical("桜が丘"));
  EXPECT_EQ(canonical("桜ヶ丘"), canonical("桜ヵ丘"));
  EXPECT_EQ(canonical("二之宮"), canonical("二ノ宮"));
  EXPECT_EQ(canonical("二之宮"), canonical("二の宮"));
  EXPECT_EQ(canonical("髙田"), canonical("高田"));
  EXPECT_EQ(canonical("長濵"), canonical("長浜"));
  EXPECT_EQ(canonical("渡邉"), canonical("渡辺"));
  EXPECT_EQ(canonical("山﨑"), canonical("山崎"));
  EXPECT_NE(canonical("本町"), canonical("元町"));
}

TEST(KanjiNumber, BothWaysOfWriting) {
  EXPECT_EQ(kanji_number(U"二十八"), 28);
  EXPECT_EQ(kanji_number(U"十"), 10);
  EXPECT_EQ(kanji_number(U"百二"), 102);
  EXPECT_EQ(kanji_number(U"千二百三十四"), 1234);
  EXPECT_EQ(kanji_number(U"二〇"), 20);
  EXPECT_EQ(kanji_number(U"一〇三"), 103);
  EXPECT_EQ(kanji_number(U"〇"), 0);
  EXPECT_FALSE(kanji_number(U""));
  EXPECT_FALSE(kanji_number(U"二三十"));
  EXPECT_FALSE(kanji_number(U"十日"));
}

TEST(Canonical, AzaPrefix) {
  EXPECT_EQ(without_aza_prefix(canonical("大字兄井")), "兄井");
  EXPECT_EQ(without_aza_prefix(canonical("字安謝")), "安謝");
  EXPECT_EQ(without_aza_prefix(canonical("字")), "字");
  EXPECT_EQ(without_aza_prefix(canonical("本町")), "本町");
}

}  // namespace
}  // namespace careatlas::address
