// The strict style loader: every key of the format is read (fixture every_key.toml), and
// every kind of mistake is a config_error naming file:line and the offending key or value.
#include <gtest/gtest.h>

#include <string>

#include "careatlas/model/config_error.hpp"
#include "careatlas/style/style.hpp"

namespace careatlas::style {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_style(text, "t.toml");
  } catch (const config_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(StyleLoad, ReadsEveryKey) {
  const Style s = load_style(CAREATLAS_SOURCE_DIR "/tests/fixtures/styles/every_key.toml");
  EXPECT_EQ(s.name, "every key");
  EXPECT_EQ(s.file, CAREATLAS_SOURCE_DIR "/tests/fixtures/styles/every_key.toml");
  EXPECT_EQ(s.sheet.font, "Noto Sans CJK JP");
  EXPECT_EQ(s.sheet.title_pt, 20);  // an integer where a float is expected
  EXPECT_EQ(s.sheet.subtitle_pt, 12.5);
  EXPECT_EQ(s.sheet.legend_pt, 7);
  EXPECT_EQ(s.sheet.note_pt, 6);
  EXPECT_EQ(s.sheet.frame, (Colour{0.2, 0.2, 0.2, 1}));
  EXPECT_EQ(s.sheet.background, (Colour{1, 1, 240 / 255.0, 1}));  // upper-case hex
  ASSERT_EQ(s.layers.size(), 3u);

  const Layer& roads = s.layers[0];
  EXPECT_EQ(roads.name, "roads");
  EXPECT_EQ(roads.source, Source::context);
  EXPECT_EQ(roads.context, "roads");
  EXPECT_EQ(roads.maps, (std::vector<std::string>{"resource", "atlas"}));
  ASSERT_EQ(roads.rules.size(), 1u);
  const Rule& road = roads.rules[0];
  EXPECT_EQ(road.source_line, 20);
  ASSERT_EQ(road.filter.size(), 2u);  // context layers may name any attribute
  EXPECT_EQ(road.filter[0].attribute, "class");
  EXPECT_EQ(road.filter[0].any_of, (std::vector<Value>{std::string("primary"), std::string("secondary")}));
  EXPECT_EQ(road.filter[1].attribute, "lanes");
  EXPECT_EQ(road.filter[1].any_of, (std::vector<Value>{2LL}));
  ASSERT_TRUE(road.line);
  EXPECT_DOUBLE_EQ(road.line->colour.a, 128 / 255.0);
  EXPECT_EQ(road.line->width_mm, 0.5);
  EXPECT_EQ(road.line->dash_mm, (std::vector<double>{1, 0.5}));
  EXPECT_FALSE(road.fill || road.point || road.label || road.classes);

  const Layer& gap = s.layers[1];
  EXPECT_EQ(gap.source, Source::districts);
  EXPECT_TRUE(gap.maps.empty());
  ASSERT_EQ(gap.rules.size(), 1u);
  ASSERT_TRUE(gap.rules[0].classes);
  const ClassedFill& c = *gap.rules[0].classes;
  EXPECT_EQ(gap.rules[0].legend, "到達圏外の割合");
  EXPECT_EQ(c.field, "uncovered_share");
  EXPECT_EQ(c.method, ClassMethod::manual);
  EXPECT_EQ(c.breaks, (std::vector<double>{0.1, 0.3}));
  ASSERT_EQ(c.colours.size(), 3u);
  EXPECT_EQ(c.colours[1], (Colour{0.6, 0.6, 0.6, 1}));
  EXPECT_EQ(c.hatch_last, Hatch::cross);

  const Layer& clinics = s.layers[2];
  EXPECT_EQ(clinics.source, Source::facilities);
  EXPECT_TRUE(clinics.maps.empty());
  const Rule& r = clinics.rules.at(0);
  EXPECT_EQ(r.source_line, 37);
  EXPECT_EQ(r.filter.size(), 3u);
  ASSERT_TRUE(r.fill && r.point && r.label);
  EXPECT_EQ(r.fill->hatch, Hatch::dots);
  EXPECT_EQ(r.fill->hatch_colour, (Colour{0x11 / 255.0, 0x22 / 255.0, 0x33 / 255.0, 1}));
  EXPECT_EQ(r.point->shape, Shape::star);
  EXPECT_EQ(r.point->size_mm, 3);
  EXPECT_EQ(r.point->fill, (Colour{0.2, 0.4, 0.6, 0.8}));
  EXPECT_EQ(r.point->stroke_mm, 0);
  EXPECT_TRUE(r.point->number);
  EXPECT_EQ(r.label->field, "name");
  EXPECT_EQ(r.label->size_pt, 7.5);
  EXPECT_EQ(r.label->colour, (Colour{1 / 255.0, 2 / 255.0, 3 / 255.0, 1}));
  EXPECT_EQ(r.label->halo_mm, 0);
  EXPECT_TRUE(r.label->bold);
  EXPECT_EQ(r.label->priority, -3);
}

TEST(StyleLoad, DefaultsFillWhatTheFileLeavesOut) {
  const Style s = parse_style(
      "[[layer]]\nname = \"d\"\nsource = \"districts\"\n[[layer.rule]]\nline = {}\n"
      "label = {}\n",
      "styles/plain.toml");
  EXPECT_EQ(s.name, "plain");  // no [style]: the file's stem
  EXPECT_EQ(s.file, "styles/plain.toml");
  EXPECT_EQ(s.sheet.font, SheetStyle{}.font);
  EXPECT_EQ(s.sheet.title_pt, SheetStyle{}.title_pt);
  const Rule& r = s.layers.at(0).rules.at(0);
  EXPECT_EQ(r.source_line, 4);
  EXPECT_EQ(r.line->width_mm, LineSymbolizer{}.width_mm);
  EXPECT_EQ(r.label->field, "name");
  EXPECT_EQ(r.label->priority, 0);
}

TEST(StyleLoad, MissingFileIsNamed) {
  try {
    load_style("/nonexistent/careatlas/style.toml");
    FAIL() << "no error";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/careatlas/style.toml"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_style(CAREATLAS_SOURCE_DIR "/tests/fixtures/styles"), config_error);
}

TEST(StyleLoad, UnknownKeyNamesLineColumnAndTheAllowedKeys) {
  const std::string e = error_of(
      "[[layer]]\nname = \"f\"\nsource = \"facilities\"\n[[layer.rule]]\n"
      "point = { shape = \"circle\", colour = \"#000000\" }\n");
  EXPECT_EQ(e,
            "t.toml:5:29: unknown key \"colour\" in [layer.rule] point "
            "(allowed: shape, size_mm, fill, stroke, stroke_mm, dash_mm, number)");
}

TEST(StyleLoad, AttributesOfEachSource) {
  EXPECT_EQ(attributes_of(Source::coverage),
            (std::vector<std::string_view>{"layer", "label", "radius_m", "district_id"}));
  EXPECT_EQ(attributes_of(Source::cells),
            (std::vector<std::string_view>{"accessibility", "pop65", "n_providers", "reach"}));
  EXPECT_EQ(attributes_of(Source::roads), (std::vector<std::string_view>{"highway", "name", "oneway"}));
  EXPECT_EQ(attribute_type(Source::roads, "oneway"), AttributeType::boolean);
  EXPECT_EQ(attributes_of(Source::facilities).size(), 7u);
  EXPECT_EQ(attribute_type(Source::facilities, "location"), AttributeType::text);
  EXPECT_EQ(attributes_of(Source::districts).size(), 12u);
  EXPECT_EQ(attribute_type(Source::districts, "in_focus"), AttributeType::boolean);
  EXPECT_TRUE(attributes_of(Source::context).empty());
  EXPECT_EQ(attribute_type(Source::facilities, "support_24h"), AttributeType::boolean);
  EXPECT_EQ(attribute_type(Source::districts, "rank"), AttributeType::number);
  EXPECT_EQ(attribute_type(Source::districts, "level"), AttributeType::text);
  EXPECT_EQ(attribute_type(Source::districts, "kind"), std::nullopt);
  EXPECT_EQ(attribute_type(Source::context, "anything"), AttributeType::any);
}

// --- strictness: each broken style is rejected with file:line and the culprit ------------

struct Broken {
  const char* name;
  std::string text;
  const char* where;   // "t.toml:LINE:"
  const char* needle;  // the offending key or value, as the message must show it
};

std::ostream& operator<<(std::ostream& os, const Broken& b) { return os << b.name; }

// A one-layer style whose single rule (line 5 onward) is `rule`.
std::string one_rule(const char* source, const std::string& rule) {
  return std::string("[[layer]]\nname = \"l\"\nsource = \"") + source + "\"\n[[layer.rule]]\n" + rule + "\n";
}

const Broken kBroken[] = {
    {"unknown_top_key", "colour = \"#000000\"\n", "t.toml:1:", "\"colour\""},
    {"unknown_style_key", "[style]\nname = \"x\"\nauthor = \"me\"\n", "t.toml:3:", "\"author\""},
    {"unknown_sheet_key", "[sheet]\nfont_size = 9\n", "t.toml:2:", "\"font_size\""},
    {"unknown_layer_key", "[[layer]]\nname = \"l\"\nsource = \"cells\"\nopacity = 0.5\n",
     "t.toml:4:", "\"opacity\" in [[layer]]"},
    {"unknown_rule_key", one_rule("districts", "line = {}\nsymbol = \"x\""),
     "t.toml:6:", "\"symbol\" in [[layer.rule]]"},
    {"unknown_fill_key", one_rule("districts", "fill = { color = \"#ffffff\" }"),
     "t.toml:5:", "\"color\" in [layer.rule] fill"},
    {"unknown_line_key", one_rule("districts", "line = { width = 1 }"), "t.toml:5:", "\"width\" in [layer.rule] line"},
    {"unknown_label_key", one_rule("districts", "label = { font = \"x\" }"),
     "t.toml:5:", "\"font\" in [layer.rule] label"},
    {"unknown_classes_key",
     one_rule("cells", "classes = { field = \"pop65\", colours = [\"#ffffff\", \"#000000\"], n = 2 }"),
     "t.toml:5:", "\"n\" in [layer.rule] classes"},
    {"bad_colour", one_rule("districts", "fill = { colour = \"#12345\" }"), "t.toml:5:", "\"#12345\""},
    {"named_colour", "[sheet]\nframe = \"black\"\n", "t.toml:2:", "\"black\""},
    {"bad_shape", one_rule("facilities", "point = { shape = \"blob\" }"), "t.toml:5:", "\"blob\" (allowed: circle,"},
    {"bad_hatch", one_rule("districts", "fill = { hatch = \"stripes\" }"), "t.toml:5:", "\"stripes\" (allowed: none,"},
    {"bad_method",
     one_rule("cells", "classes = { field = \"pop65\", method = \"jenks\", colours = [\"#ffffff\", \"#000000\"] }"),
     "t.toml:5:", "\"jenks\""},
    {"unknown_source", "[[layer]]\nname = \"r\"\nsource = \"railroads\"\n[[layer.rule]]\nline = {}\n",
     "t.toml:3:", "\"railroads\" (allowed: districts, facilities, coverage, cells, roads, context)"},
    {"unknown_map_kind", "[[layer]]\nname = \"r\"\nsource = \"cells\"\nmaps = [\"atlas\", \"brochure\"]\n",
     "t.toml:4:", "\"brochure\""},
    {"context_without_name", "[[layer]]\nname = \"r\"\nsource = \"context\"\n[[layer.rule]]\nline = {}\n",
     "t.toml:1:", "\"context\""},
    {"context_on_other_source", "[[layer]]\nname = \"r\"\nsource = \"cells\"\ncontext = \"roads\"\n",
     "t.toml:4:", "\"context\""},
    {"filter_unknown_attribute", one_rule("districts", "filter = { colour = \"red\" }\nline = {}"),
     "t.toml:5:", "\"colour\" in [layer.rule] filter"},
    {"filter_wrong_type", one_rule("facilities", "filter = { support_24h = 1 }\npoint = {}"),
     "t.toml:5:", "\"support_24h\" must be true or false"},
    {"filter_empty_list", one_rule("facilities", "filter = { kind = [] }\npoint = {}"), "t.toml:5:", "\"kind\""},
    {"unknown_facility_kind", one_rule("facilities", "filter = { kind = [\"clinic\", \"pharmacy\"] }\npoint = {}"),
     "t.toml:5:", "\"pharmacy\""},
    {"label_unknown_attribute", one_rule("facilities", "label = { field = \"address\" }"),
     "t.toml:5:", "\"address\" in [layer.rule] label"},
    {"label_default_field_not_offered", one_rule("coverage", "label = { size_pt = 8 }"), "t.toml:5:", "\"name\""},
    {"classes_unknown_attribute",
     one_rule("cells", "classes = { field = \"pop75\", colours = [\"#ffffff\", \"#000000\"] }"),
     "t.toml:5:", "\"pop75\" in [layer.rule] classes"},
    {"classes_non_numeric_field",
     one_rule("districts", "classes = { field = \"name\", colours = [\"#ffffff\", \"#000000\"] }"),
     "t.toml:5:", "\"name\" is not a number"},
    {"classes_one_colour", one_rule("cells", "classes = { field = \"pop65\", colours = [\"#ffffff\"] }"),
     "t.toml:5:", "at least 2 colours"},
    {"manual_without_breaks",
     one_rule("cells", "classes = { field = \"pop65\", method = \"manual\", colours = [\"#ffffff\", \"#000000\"] }"),
     "t.toml:5:", "needs \"breaks\""},
    {"wrong_breaks_count",
     one_rule("cells",
              "classes = { field = \"pop65\", method = \"manual\", colours = [\"#ffffff\", \"#888888\", \"#000000\"], "
              "breaks = [10] }"),
     "t.toml:5:", "\"breaks\" needs 2 values for 3 colours (got 1)"},
    {"unsorted_breaks",
     one_rule("cells",
              "classes = { field = \"pop65\", method = \"manual\", colours = [\"#ffffff\", \"#888888\", \"#000000\"], "
              "breaks = [30, 10] }"),
     "t.toml:5:", "30 is followed by 10"},
    {"breaks_without_manual",
     one_rule("cells", "classes = { field = \"pop65\", colours = [\"#ffffff\", \"#000000\"], breaks = [10] }"),
     "t.toml:5:", "\"breaks\" are only for method = \"manual\""},
    {"fill_and_classes",
     one_rule("cells", "fill = {}\nclasses = { field = \"pop65\", colours = [\"#ffffff\", \"#000000\"] }"),
     "t.toml:6:", "either fill or classes"},
    {"zero_size", one_rule("facilities", "point = { size_mm = 0 }"),
     "t.toml:5:", "\"size_mm\" in [layer.rule] point must be greater than 0"},
    {"zero_title_pt", "[sheet]\ntitle_pt = 0\n", "t.toml:2:", "\"title_pt\""},
    {"negative_width", one_rule("districts", "line = { width_mm = -0.1 }"), "t.toml:5:", "\"width_mm\""},
    {"zero_dash", one_rule("districts", "line = { dash_mm = [1, 0] }"), "t.toml:5:", "\"dash_mm\""},
    {"size_as_string", one_rule("facilities", "point = { size_mm = \"3\" }"), "t.toml:5:", "\"size_mm\""},
    {"float_priority", one_rule("districts", "label = { priority = 1.5 }"), "t.toml:5:", "\"priority\""},
    {"rule_draws_nothing", one_rule("districts", "legend = \"x\""), "t.toml:4:", "draws nothing"},
    {"layer_without_rules", "[[layer]]\nname = \"l\"\nsource = \"cells\"\n",
     "t.toml:1:", "\"l\" has no [[layer.rule]]"},
    {"layer_without_name", "[[layer]]\nsource = \"cells\"\n", "t.toml:1:", "\"name\""},
    {"duplicate_layer_name", one_rule("cells", "line = {}") + one_rule("districts", "line = {}"),
     "t.toml:7:", "two layers are named \"l\" (the first at line 2)"},
    {"layer_as_table", "[layer]\nname = \"l\"\n", "t.toml:1:", "[[layer]]"},
    {"toml_syntax_error", "[[layer]]\nname = \"l\nsource = \"cells\"\n", "t.toml:2:", "t.toml:2:10: "},
};

class StyleStrictness : public ::testing::TestWithParam<Broken> {};

TEST_P(StyleStrictness, RejectsWithLineAndCulprit) {
  const Broken& b = GetParam();
  const std::string e = error_of(b.text);
  EXPECT_EQ(e.rfind(b.where, 0), 0u) << "message: " << e;
  EXPECT_NE(e.find(b.needle), std::string::npos) << "message: " << e;
}

INSTANTIATE_TEST_SUITE_P(Broken, StyleStrictness, ::testing::ValuesIn(kBroken),
                         [](const ::testing::TestParamInfo<Broken>& p) { return std::string(p.param.name); });

TEST(StyleLoad, NoLayersIsAnError) {
  EXPECT_THROW(parse_style("[style]\nname = \"empty\"\n", "t.toml"), config_error);
  EXPECT_THROW(parse_style("", "t.toml"), config_error);
}

}  // namespace
}  // namespace careatlas::style

// The [heatmap] table (the 24/365 heatmap's colours): optional, strict like the rest.
namespace careatlas::style {
namespace {

const std::string kOneLayer = "[[layer]]\nname = \"l\"\nsource = \"cells\"\n[[layer.rule]]\nline = {}\n";

TEST(StyleLoadHeatmap, TableIsOptionalWithDefaults) {
  const Style s = parse_style(kOneLayer, "t.toml");
  EXPECT_EQ(s.heatmap.colours.size(), 5u);
  EXPECT_EQ(s.heatmap.zero, (Colour{1, 1, 1, 1}));
  EXPECT_EQ(s.heatmap.method, ClassMethod::quantile);
  EXPECT_EQ(s.heatmap.hatch_last, Hatch::diagonal);
}

TEST(StyleLoadHeatmap, ReadsEveryKey) {
  const Style s = parse_style(
      "[heatmap]\ncolours = [\"#ffffff\", \"#808080\", \"#000000\"]\nzero = \"#fafafa\"\nmethod = \"manual\"\n"
      "breaks = [10, 100]\nhatch_last = \"dots\"\nhatch_colour = \"#ff000080\"\nseparator = \"#111111\"\n"
      "night = \"#222222\"\n" + kOneLayer,
      "t.toml");
  const HeatmapStyle& h = s.heatmap;
  EXPECT_EQ(h.colours, (std::vector<Colour>{{1, 1, 1, 1}, {128 / 255.0, 128 / 255.0, 128 / 255.0, 1}, {0, 0, 0, 1}}));
  EXPECT_EQ(h.zero, (Colour{250 / 255.0, 250 / 255.0, 250 / 255.0, 1}));
  EXPECT_EQ(h.method, ClassMethod::manual);
  EXPECT_EQ(h.breaks, (std::vector<double>{10, 100}));
  EXPECT_EQ(h.hatch_last, Hatch::dots);
  EXPECT_EQ(h.hatch_colour, (Colour{1, 0, 0, 128 / 255.0}));
  EXPECT_EQ(h.separator, (Colour{17 / 255.0, 17 / 255.0, 17 / 255.0, 1}));
  EXPECT_EQ(h.night, (Colour{34 / 255.0, 34 / 255.0, 34 / 255.0, 1}));
}

TEST(StyleLoadHeatmap, MistakesNameFileLineAndCulprit) {
  struct Case {
    std::string text, where, needle;
  };
  const Case cases[] = {
      {"[heatmap]\nzero = \"#fff\"\n", "t.toml:2:", "bad colour \"#fff\" for \"zero\" in [heatmap]"},
      {"[heatmap]\ncolour = [\"#ffffff\", \"#000000\"]\n", "t.toml:2:", "unknown key \"colour\" in [heatmap]"},
      {"[heatmap]\ncolours = [\"#ffffff\"]\n", "t.toml:2:", "at least 2 colours"},
      {"[heatmap]\ncolours = \"#ffffff\"\n", "t.toml:2:", "\"colours\" in [heatmap] must be a list"},
      {"[heatmap]\nmethod = \"jenks\"\n", "t.toml:2:", "unknown method \"jenks\""},
      {"[heatmap]\nbreaks = [1, 2, 3, 4]\n", "t.toml:2:", "only for method = \"manual\""},
      {"[heatmap]\nmethod = \"manual\"\n", "t.toml:1:", "needs \"breaks\""},
      {"[heatmap]\nmethod = \"manual\"\nbreaks = [1, 2]\n", "t.toml:3:", "needs 4 values for 5 colours"},
      {"[heatmap]\nmethod = \"manual\"\nbreaks = [1, 5, 5, 9]\n", "t.toml:3:", "strictly ascending"},
      {"[heatmap]\nmethod = \"manual\"\nbreaks = [0.5, 5, 7, 9]\n", "t.toml:3:", "whole numbers of at least 1"},
      {"[heatmap]\nhatch_last = \"zigzag\"\n", "t.toml:2:", "unknown hatch \"zigzag\""},
      {"heatmap = 3\n", "t.toml:1:", "[heatmap] must be a table"},
  };
  for (const Case& c : cases) {
    const std::string e = error_of(c.text + kOneLayer);
    EXPECT_EQ(e.rfind(c.where, 0), 0u) << c.text << "message: " << e;
    EXPECT_NE(e.find(c.needle), std::string::npos) << c.text << "message: " << e;
  }
}

}  // namespace
}  // namespace careatlas::style
