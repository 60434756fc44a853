#include <gtest/gtest.h>

#include "careatlas/importers/text.hpp"

using namespace careatlas::text;

TEST(Text, DetectsBomUtf8AndCp932) {
  EXPECT_EQ(detect_encoding("\xEF\xBB\xBF" "a,b\r\n"), Encoding::utf8_bom);
  EXPECT_EQ(detect_encoding("事業所名,住所\n"), Encoding::utf8);
  const auto sjis = encode_cp932("事業所名,住所\r\n");
  ASSERT_TRUE(sjis);
  EXPECT_EQ(detect_encoding(*sjis), Encoding::cp932);
  EXPECT_EQ(decode(*sjis, Encoding::cp932).value(), "事業所名,住所\r\n");
}

TEST(Text, DecodeStripsBomAndReportsBadOffset) {
  EXPECT_EQ(decode("\xEF\xBB\xBFok", Encoding::utf8_bom).value(), "ok");
  std::size_t bad = 0;
  EXPECT_FALSE(decode("ab\xFF\xFE", Encoding::utf8, &bad));
  EXPECT_EQ(bad, 2u);
}

TEST(Text, BinaryDetection) {
  EXPECT_TRUE(looks_binary(std::string("PK\x03\x04\x00\x00", 6)));
  EXPECT_FALSE(looks_binary("a,b\r\n1,2\r\n"));
}

TEST(Text, NormalizeKeyFoldsWidthsSpacesAndDashes) {
  EXPECT_EQ(normalize_key("所在地座標（緯度）"), normalize_key("所在地座標(緯度)"));
  EXPECT_EQ(normalize_key("　６５歳以上人口　総数"), normalize_key("65歳以上人口総数"));
  EXPECT_EQ(normalize_key("ＦＡＸ番号"), normalize_key("fax番号"));
  EXPECT_EQ(normalize_key("本町１－２－３"), normalize_key("本町1-2-3"));
  EXPECT_EQ(normalize_key("本町1‐2‐3"), normalize_key("本町 1-2-3"));
  EXPECT_NE(normalize_key("本町1-2-3"), normalize_key("本町1-2-4"));
}

TEST(Text, NfkcWidensHalfWidthKana) { EXPECT_EQ(nfkc("ﾋｶﾘ"), "ヒカリ"); }

TEST(Text, Trim) {
  EXPECT_EQ(trim("　 東京 　"), "東京");
  EXPECT_EQ(trim(""), "");
}

TEST(Text, Cp932Encodability) {
  std::string bad;
  EXPECT_TRUE(is_cp932_encodable("高知市本町①～Ⅲ", &bad));  // NEC/IBM extensions are CP932
  EXPECT_TRUE(is_cp932_encodable("〜"));                      // WAVE DASH maps best-fit, as Windows does
  EXPECT_FALSE(is_cp932_encodable("𠮷田", &bad));
  EXPECT_EQ(bad, "𠮷");
  EXPECT_FALSE(is_cp932_encodable("診療所😀", &bad));
  EXPECT_EQ(bad, "😀");
}

TEST(Text, EncodingOption) {
  EXPECT_FALSE(parse_encoding_option("auto"));
  EXPECT_EQ(parse_encoding_option("Shift_JIS"), Encoding::cp932);
  EXPECT_EQ(parse_encoding_option("UTF-8"), Encoding::utf8);
  EXPECT_THROW(parse_encoding_option("latin1"), std::invalid_argument);
}

TEST(Text, Cp932ControlCodesMapToThemselvesAsOnWindows) {
  EXPECT_EQ(decode(std::string("a\x1A\x1C\x7F", 4), Encoding::cp932).value(), std::string("a\x1A\x1C\x7F", 4));
}

TEST(Text, ReplaceAllIsOnePassWithTheFirstListedWinning) {
  // 番地の before 番地 before 番 where all match; a replacement is not searched again.
  EXPECT_EQ(replace_all("本町2丁目5番地の8号", {{"丁目", "-"}, {"番地の", "-"}, {"番地", "-"}, {"番", "-"}, {"号", ""}}),
            "本町2-5-8");
  EXPECT_EQ(replace_all("aab", {{"ab", "a"}}), "aa");  // not "a": "aa" is not searched again
  EXPECT_EQ(replace_all("（改行）A(改行)", {{"（改行）", "\n"}, {"(改行)", "\n"}}), "\nA\n");
  EXPECT_EQ(replace_all("月〜金", {{"〜", "~"}}), "月~金");
  EXPECT_EQ(replace_all("", {{"x", "y"}}), "");
  // A long text with a match every few bytes keeps every other byte.
  std::string many;
  for (int i = 0; i < 200'000; ++i) many += "a・";
  const std::string out = replace_all(many, {{"・", ","}});
  EXPECT_EQ(out.size(), 400'000u);
  EXPECT_EQ(out.substr(0, 6), "a,a,a,");
}
