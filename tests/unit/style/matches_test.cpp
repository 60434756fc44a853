// matches(): every condition must hold; a condition holds when the feature's value equals
// any of its values; numbers compare by value across integer and float; bool is no number.
#include <gtest/gtest.h>

#include <cmath>

#include "careatlas/style/style.hpp"
#include "feature.hpp"

namespace careatlas::style {
namespace {

using testing::Feature;

Rule rule(std::vector<Condition> filter) {
  Rule r;
  r.filter = std::move(filter);
  return r;
}

TEST(StyleMatches, NoFilterMatchesEverything) {
  EXPECT_TRUE(matches(Rule{}, Feature{}));
  EXPECT_TRUE(matches(Rule{}, Feature{{"kind", std::string("clinic")}}));
}

TEST(StyleMatches, NumbersCompareByValueAcrossTypes) {
  const Rule one_int = rule({{"rank", {1LL}}});
  const Rule one_float = rule({{"rank", {1.0}}});
  EXPECT_TRUE(matches(one_int, Feature{{"rank", 1.0}}));
  EXPECT_TRUE(matches(one_float, Feature{{"rank", 1LL}}));
  EXPECT_TRUE(matches(one_float, Feature{{"rank", 1.0}}));
  EXPECT_FALSE(matches(one_int, Feature{{"rank", 1.5}}));
  EXPECT_FALSE(matches(one_float, Feature{{"rank", 2LL}}));
  // 2^53 + 1 has no double: the nearest double (2^53) must not pass for it.
  const long long big = (1LL << 53) + 1;
  EXPECT_FALSE(matches(rule({{"n", {big}}}), Feature{{"n", static_cast<double>(1LL << 53)}}));
  EXPECT_TRUE(matches(rule({{"n", {big}}}), Feature{{"n", big}}));
  EXPECT_FALSE(matches(rule({{"n", {0LL}}}), Feature{{"n", std::nan("")}}));
}

TEST(StyleMatches, AnyOfListsAndAllConditions) {
  const Rule r = rule({{"kind", {std::string("clinic"), std::string("hospital")}}, {"support_24h", {true}}});
  EXPECT_TRUE(matches(r, Feature{{"kind", std::string("hospital")}, {"support_24h", true}}));
  EXPECT_TRUE(matches(r, Feature{{"kind", std::string("clinic")}, {"support_24h", true}}));
  EXPECT_FALSE(matches(r, Feature{{"kind", std::string("clinic")}, {"support_24h", false}}));  // one fails: no match
  EXPECT_FALSE(matches(r, Feature{{"kind", std::string("dental_clinic")}, {"support_24h", true}}));
  EXPECT_FALSE(matches(r, Feature{{"kind", std::string("Clinic")}, {"support_24h", true}}));  // bytewise
}

TEST(StyleMatches, MissingAttributeFails) {
  const Rule r = rule({{"support_24h", {true, false}}});
  EXPECT_FALSE(matches(r, Feature{{"kind", std::string("clinic")}}));
  EXPECT_TRUE(matches(r, Feature{{"support_24h", false}}));
}

TEST(StyleMatches, BoolEqualsOnlyBool) {
  EXPECT_FALSE(matches(rule({{"flag", {true}}}), Feature{{"flag", 1LL}}));
  EXPECT_FALSE(matches(rule({{"flag", {true}}}), Feature{{"flag", 1.0}}));
  EXPECT_FALSE(matches(rule({{"flag", {1LL}}}), Feature{{"flag", true}}));
  EXPECT_FALSE(matches(rule({{"flag", {0LL}}}), Feature{{"flag", false}}));
  EXPECT_FALSE(matches(rule({{"flag", {std::string("true")}}}), Feature{{"flag", true}}));
  EXPECT_TRUE(matches(rule({{"flag", {false}}}), Feature{{"flag", false}}));
}

TEST(StyleMatches, StringsAreNotNumbers) {
  EXPECT_FALSE(matches(rule({{"code", {std::string("1")}}}), Feature{{"code", 1LL}}));
  EXPECT_FALSE(matches(rule({{"code", {1LL}}}), Feature{{"code", std::string("1")}}));
  EXPECT_TRUE(matches(rule({{"code", {std::string("23999")}}}), Feature{{"code", std::string("23999")}}));
}

// The loader and matches() agree: a filter read from TOML matches what it says.
TEST(StyleMatches, FilterFromTomlFile) {
  const Style s = parse_style(
      "[[layer]]\nname = \"d\"\nsource = \"districts\"\n[[layer.rule]]\n"
      "filter = { rank = [1, 2.0], level = \"daily_life_area\" }\nline = {}\n",
      "t.toml");
  const Rule& r = s.layers.at(0).rules.at(0);
  EXPECT_TRUE(matches(r, Feature{{"rank", 2LL}, {"level", std::string("daily_life_area")}}));
  EXPECT_TRUE(matches(r, Feature{{"rank", 1.0}, {"level", std::string("daily_life_area")}}));
  EXPECT_FALSE(matches(r, Feature{{"rank", 3LL}, {"level", std::string("daily_life_area")}}));
  EXPECT_FALSE(matches(r, Feature{{"rank", 1LL}, {"level", std::string("municipality")}}));
}

}  // namespace
}  // namespace careatlas::style
