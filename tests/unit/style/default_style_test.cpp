// styles/default.toml, the style careatlas's maps use by default: it loads, its layers are
// in order, every facility kind gets exactly one kind symbol, 24-hour providers get the
// ring on top, and it reads in grayscale.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "careatlas/model/facility.hpp"
#include "careatlas/style/style.hpp"
#include "feature.hpp"
#include "render_files.hpp"

namespace careatlas::style {
namespace {

using careatlas::testing::default_style;
using testing::Feature;

const Layer& layer(const std::string& name) {
  for (const Layer& l : default_style().layers)
    if (l.name == name) return l;
  throw std::runtime_error("no layer " + name);
}

bool is_kind_rule(const Rule& r) {
  return std::any_of(r.filter.begin(), r.filter.end(), [](const Condition& c) { return c.attribute == "kind"; });
}

double luminance(const Colour& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

TEST(StyleDefault, LayersBottomToTop) {
  const Style& s = default_style();
  EXPECT_EQ(s.name, "default");
  std::vector<std::string> names;
  for (const Layer& l : s.layers) names.push_back(l.name);
  EXPECT_EQ(names, (std::vector<std::string>{"cells_access", "districts_gap", "districts_fill", "districts_outside",
                                             "coverage", "cells_reach", "roads", "context_water", "context_rivers", "context_roads",
                                             "context_railways", "district_lines", "facilities", "facility_names"}));
  EXPECT_EQ(layer("districts_outside").maps,
            (std::vector<std::string>{"resource", "coverage", "gap", "access", "atlas", "booklet"}));
  EXPECT_EQ(layer("facility_names").maps, (std::vector<std::string>{"atlas"}));  // not on the booklet's maps
  EXPECT_EQ(layer("cells_access").source, Source::cells);
  EXPECT_EQ(layer("cells_access").maps, (std::vector<std::string>{"access"}));
  EXPECT_EQ(layer("districts_gap").maps, (std::vector<std::string>{"gap"}));
  EXPECT_EQ(layer("districts_fill").maps, (std::vector<std::string>{"resource", "coverage", "atlas", "booklet"}));
  EXPECT_EQ(layer("facilities").maps, (std::vector<std::string>{"resource", "coverage", "atlas", "booklet"}));
  for (const char* context : {"context_water", "context_rivers", "context_roads", "context_railways"}) {
    const auto& maps = layer(context).maps;
    EXPECT_NE(std::find(maps.begin(), maps.end(), "booklet"), maps.end()) << context;
  }
  EXPECT_EQ(layer("coverage").source, Source::coverage);
  EXPECT_EQ(layer("coverage").rules.at(0).legend, "到達圏");
  EXPECT_TRUE(layer("district_lines").maps.empty());  // every map
  EXPECT_EQ(layer("facilities").source, Source::facilities);
}

TEST(StyleDefault, DistrictLinesAndNames) {
  const Rule& r = layer("district_lines").rules.at(0);
  ASSERT_TRUE(r.line && r.label);
  EXPECT_NEAR(r.line->width_mm, 0.35, 0.1);
  EXPECT_EQ(r.label->field, "name");
  EXPECT_TRUE(r.label->bold);
  EXPECT_GT(r.label->halo_mm, 0);
  EXPECT_EQ(r.label->priority, 100);
  // Every district level is drawn by exactly one rule, whose legend says what it is.
  const std::map<std::string, std::string> legend = {
      {"municipality", "市町村の境界"}, {"daily_life_area", "圏域の境界"}, {"other", "圏域の境界"}};
  for (const auto& [level, text] : legend) {
    const Feature feature{{"level", level}, {"name", std::string("x")}};
    int drawn = 0;
    for (const Rule& rule : layer("district_lines").rules)
      if (matches(rule, feature)) {
        ++drawn;
        EXPECT_EQ(rule.legend, text) << level;
        EXPECT_TRUE(rule.line && rule.label) << level;
      }
    EXPECT_EQ(drawn, 1) << level;
  }
}

TEST(StyleDefault, EveryFacilityKindMatchesExactlyOneKindRule) {
  const Layer& f = layer("facilities");
  for (FacilityKind k : all_facility_kinds()) {
    for (bool h24 : {false, true}) {
      const Feature feature{{"kind", std::string(to_string(k))}, {"support_24h", h24}, {"number", 7LL}};
      int kind_rules = 0;
      int ring_rules = 0;
      std::size_t kind_at = 0, ring_at = 0;
      for (std::size_t i = 0; i < f.rules.size(); ++i) {
        if (!matches(f.rules[i], feature)) continue;
        if (is_kind_rule(f.rules[i])) {
          ++kind_rules;
          kind_at = i;
        } else if (f.rules[i].point && f.rules[i].point->shape == Shape::ring) {
          ++ring_rules;
          ring_at = i;
        }
      }
      EXPECT_EQ(kind_rules, 1) << to_string(k);
      EXPECT_EQ(ring_rules, h24 ? 1 : 0) << to_string(k) << " support_24h=" << h24;
      if (h24 && ring_rules == 1) {
        EXPECT_GT(ring_at, kind_at) << "the ring is drawn after the kind symbol";
        EXPECT_GT(f.rules[ring_at].point->size_mm, f.rules[kind_at].point->size_mm) << to_string(k);
      }
    }
  }
  // A facility whose 24-hour support is unknown gets no ring.
  const Feature unknown{{"kind", std::string("clinic")}};
  for (const Rule& r : f.rules)
    if (!is_kind_rule(r)) {
      EXPECT_FALSE(matches(r, unknown));
    }
}

TEST(StyleDefault, KindSymbolsDifferByShapeAndCarryTheNumber) {
  const std::map<std::string, Shape> expected = {{"診療所", Shape::circle},
                                                 {"病院", Shape::square},
                                                 {"歯科診療所", Shape::hexagon},
                                                 {"訪問看護ステーション", Shape::triangle},
                                                 {"居宅介護支援事業所", Shape::diamond},
                                                 {"地域包括支援センター", Shape::star},
                                                 {"その他の介護サービス", Shape::pentagon}};
  std::set<Shape> shapes;
  int kind_rules = 0;
  for (const Rule& r : layer("facilities").rules) {
    ASSERT_TRUE(r.point);
    if (!is_kind_rule(r)) {
      // The rings drawn around a kind's symbol: 24-hour support (solid black) and a point
      // estimated from the address (dashed, wider).
      EXPECT_TRUE(r.legend == "24時間対応" || r.legend == "位置は住所から推定") << r.legend;
      EXPECT_EQ(r.point->shape, Shape::ring);
      EXPECT_EQ(r.point->dash_mm.empty(), r.legend == "24時間対応") << r.legend;
      continue;
    }
    ++kind_rules;
    ASSERT_TRUE(expected.contains(r.legend)) << r.legend;
    EXPECT_EQ(r.point->shape, expected.at(r.legend)) << r.legend;
    EXPECT_TRUE(r.point->number) << r.legend;
    EXPECT_GE(r.point->size_mm, 2.8) << r.legend;
    EXPECT_LE(r.point->size_mm, 3.6) << r.legend;
    EXPECT_GT(r.point->stroke_mm, 0) << r.legend;  // an outline keeps the shape in grayscale
    shapes.insert(r.point->shape);
  }
  EXPECT_EQ(kind_rules, 7);
  EXPECT_EQ(shapes.size(), 7u);  // no two kinds share a shape
}

// A sequential palette reads in grayscale when its lightness falls strictly from class to
// class.
TEST(StyleDefault, ClassedFillsStayInOrderInGrayscale) {
  for (const char* name : {"cells_access", "districts_gap"}) {
    const Rule& r = layer(name).rules.at(0);
    ASSERT_TRUE(r.classes) << name;
    EXPECT_EQ(r.classes->method, ClassMethod::quantile);
    ASSERT_EQ(r.classes->colours.size(), 5u) << name;
    for (std::size_t i = 1; i < r.classes->colours.size(); ++i)
      EXPECT_LT(luminance(r.classes->colours[i]) + 0.05, luminance(r.classes->colours[i - 1]))
          << name << " class " << i;
  }
  EXPECT_EQ(layer("cells_access").rules[0].classes->field, "accessibility");
  EXPECT_EQ(layer("districts_gap").rules[0].classes->field, "uncovered_share");
  EXPECT_EQ(layer("districts_gap").rules[0].classes->hatch_last, Hatch::diagonal);
}

TEST(StyleDefault, CoverageIsTranslucentHatchedAndOutlined) {
  const Rule& r = layer("coverage").rules.at(0);
  ASSERT_TRUE(r.fill && r.line);
  EXPECT_LT(r.fill->colour.a, 1);
  EXPECT_EQ(r.fill->hatch, Hatch::diagonal);
  EXPECT_LE(r.line->width_mm, 0.3);
  const Rule& ground = layer("districts_fill").rules.at(0);
  ASSERT_TRUE(ground.fill);
  EXPECT_GT(luminance(ground.fill->colour), 0.9);  // very light
}

}  // namespace
}  // namespace careatlas::style
