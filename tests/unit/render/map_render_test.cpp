// The renderer on small sheets drawn by hand: golden images (PNG from Cairo, PDF through
// pdftoppm), fonts embedded and text searchable in the PDF, labels that never overlap,
// a legend of only the classes that appear, and outputs that are complete or absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "careatlas/model/config_error.hpp"
#include "careatlas/render/map.hpp"
#include "careatlas/style/style.hpp"
#include "golden_image.hpp"
#include "render_files.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {

render::Feature facility(double x, double y, const std::string& kind, long long number, bool h24 = false) {
  render::Feature f;
  f.shape = geometry::XY{x, y};
  f.attributes["kind"] = kind;
  f.attributes["name"] = "施設" + std::to_string(number);
  f.attributes["number"] = number;
  f.attributes["home_visit"] = false;
  f.attributes["support_24h"] = h24;
  f.attributes["municipality_code"] = std::string("23999");
  return f;
}

// Three districts of a 24 × 14 km town, one facility of each main kind, two 24-hour.
render::MapSheet small_town() {
  render::MapSheet s;
  s.page.size = render::PaperSize::a4;
  s.page.landscape = true;
  s.kind = "resource";
  s.title = "みさき市 在宅医療・介護資源マップ";
  s.subtitle = "在宅医療・介護資源の分布　データ時点 2026-04-01";
  s.sources = {"出典：介護サービス情報公表システム（厚生労働省）", "「医療情報ネットのオープンデータ」（厚生労働省）を加工して作成"};
  s.footer = "作成 2026-11-24　careatlas（テスト）";
  render::SourceData d{style::Source::districts, "", {}};
  d.features = {district("A", "中央圏域", 0, 0, 10000, 14000), district("B", "東部圏域", 10000, 0, 24000, 7000),
                district("C", "山間部圏域", 10000, 7000, 24000, 14000)};
  render::SourceData f{style::Source::facilities, "", {}};
  f.features = {facility(3000, 4000, "clinic", 1, true),  facility(6000, 9000, "clinic", 2),
                facility(4500, 11000, "hospital", 3),     facility(14000, 3000, "home_nursing", 4, true),
                facility(18000, 5000, "care_management", 5), facility(20000, 11000, "community_support_center", 6),
                facility(7500, 2500, "dental_clinic", 7),   facility(16000, 10000, "home_help", 8)};
  s.data = {d, f};
  return s;
}

}  // namespace

TEST(MapRender, SmallTownPngMatchesTheReviewedReference) {
  const std::string out = scratch_dir("render_png") + "/small_town.png";
  const render::RenderReport r = render::render({small_town()}, default_style(), out, png(100));
  EXPECT_EQ(r.pages, 1);
  EXPECT_EQ(r.labels_placed, 3u);  // the three district names
  const ImageDiff d = compare_with_golden(out, "render/small_town_a4_100dpi.png");
  EXPECT_TRUE(d.message.empty()) << d.message;
}

TEST(MapRender, SmallTownPdfRasterisedMatchesTheReviewedReference) {
  const std::string dir = scratch_dir("render_pdf");
  render::render({small_town()}, default_style(), dir + "/small_town.pdf", pdf());
  ASSERT_EQ(run_command("pdftoppm -r 100 -png -singlefile '" + dir + "/small_town.pdf' '" + dir + "/raster' 2>&1", nullptr),
            0);
  const ImageDiff d = compare_with_golden(dir + "/raster.png", "render/small_town_a4_100dpi.pdf.png");
  EXPECT_TRUE(d.message.empty()) << d.message;
}

TEST(MapRender, PdfEmbedsEveryFontAndItsTextIsSearchable) {
  const std::string dir = scratch_dir("render_pdf_text");
  const std::string file = dir + "/small_town.pdf";
  render::render({small_town()}, default_style(), file, pdf());
  const PdfFonts fonts = pdf_fonts(file);
  EXPECT_GE(fonts.listed, 1);
  EXPECT_TRUE(fonts.not_embedded.empty()) << "not embedded: " << fonts.not_embedded.front();
  std::string text;
  ASSERT_EQ(run_command("pdftotext -enc UTF-8 '" + file + "' -", &text), 0);
  for (const char* want : {"みさき市 在宅医療・介護資源マップ", "中央圏域", "東部圏域", "山間部圏域",
                           "出典：介護サービス情報公表システム（厚生労働省）", "凡例", "診療所"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " not in:\n" << text;
}

TEST(MapRender, LegendListsOnlyTheClassesThatAppear) {
  render::MapSheet s = small_town();
  auto& fac = s.data[1].features;
  fac.erase(std::remove_if(fac.begin(), fac.end(),
                           [](const render::Feature& f) { return std::get<std::string>(f.attributes.at("kind")) == "hospital"; }),
            fac.end());
  const std::string out = scratch_dir("render_legend") + "/no_hospital.png";
  const render::RenderReport r = render::render({s}, default_style(), out, png(50));
  auto has = [&r](const std::string& t) {
    return std::find(r.legend_entries.begin(), r.legend_entries.end(), t) != r.legend_entries.end();
  };
  EXPECT_TRUE(has("診療所"));
  EXPECT_TRUE(has("24時間対応"));
  EXPECT_FALSE(has("病院"));
}

TEST(MapRender, CrowdedLabelsNeverOverlap) {
  // 15 × 10 narrow districts with long names on an A4 page: far more names than room.
  render::MapSheet s = small_town();
  s.data[1].features.clear();
  auto& ds = s.data[0].features;
  ds.clear();
  for (int i = 0; i < 15; ++i)
    for (int j = 0; j < 10; ++j)
      ds.push_back(district(std::to_string(i * 10 + j), "第" + std::to_string(i * 10 + j) + "日常生活圏域（北部）", i * 1500.0,
                            j * 1000.0, (i + 1) * 1500.0, (j + 1) * 1000.0));
  const std::string out = scratch_dir("render_crowded") + "/crowded.png";
  const render::RenderReport r = render::render({s}, default_style(), out, png(50));
  EXPECT_EQ(r.labels_placed + r.labels_dropped, 150u);
  EXPECT_GT(r.labels_placed, 10u);
  EXPECT_GT(r.labels_dropped, 0u);
  for (std::size_t a = 0; a < r.label_boxes.size(); ++a)
    for (std::size_t b = a + 1; b < r.label_boxes.size(); ++b)
      EXPECT_FALSE(r.label_boxes[a].intersects(r.label_boxes[b])) << a << " and " << b;
}

TEST(MapRender, AtlasHasOnePagePerSheet) {
  const std::string file = scratch_dir("render_atlas") + "/atlas.pdf";
  std::vector<render::MapSheet> pages;
  for (const char* id : {"A", "B", "C"}) {
    render::MapSheet s = small_town();
    s.kind = "atlas";
    s.title = std::string("地区 ") + id;
    pages.push_back(s);
  }
  EXPECT_EQ(render::render(pages, default_style(), file, pdf()).pages, 3);
  std::string info;
  ASSERT_EQ(run_command("pdfinfo '" + file + "'", &info), 0);
  EXPECT_NE(info.find("\nPages:"), std::string::npos) << info;
  std::istringstream in(info.substr(info.find("\nPages:") + 7));
  int n = 0;
  in >> n;
  EXPECT_EQ(n, 3) << info;
}

TEST(MapRender, AFailedWriteLeavesNoFile) {
  const std::string dir = scratch_dir("render_fail");
  EXPECT_THROW(render::render({small_town()}, default_style(), dir + "/missing/dir/map.pdf", pdf()), std::runtime_error);
  EXPECT_TRUE(fs::is_empty(dir));
  style::Style bad = default_style();
  bad.sheet.font = "No Such Font Family 42";
  EXPECT_THROW(render::render({small_town()}, bad, dir + "/map.png", png(50)), config_error);
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(MapRender, AtlasPagesShareOneSheetAndGreyTheNeighbours) {
  const std::string dir = scratch_dir("render_atlas_pages");
  render::MapSheet s = small_town();
  s.kind = "atlas";
  s.atlas = {{"地区 A のページ", "", {-500, -500, 10500, 14500}, "A"},
             {"地区 B のページ", "", {9500, -500, 24500, 7500}, "B"},
             {"地区 C のページ", "", {9500, 6500, 24500, 14500}, "C"}};
  const auto r = render::render({s}, default_style(), dir + "/atlas.pdf", pdf());
  EXPECT_EQ(r.pages, 3);
  std::string text;
  ASSERT_EQ(run_command("pdftotext -enc UTF-8 '" + dir + "/atlas.pdf' -", &text), 0);
  for (const char* t : {"地区 A のページ", "地区 B のページ", "地区 C のページ"})
    EXPECT_NE(text.find(t), std::string::npos) << t;
  EXPECT_THROW(render::render({s}, default_style(), dir + "/atlas.png", png(40)), std::invalid_argument);

  // The districts around the page's own are greyed (#d9d9d9 in the default style); a
  // resource map greys nothing (only the small pentagon of "other" services is that grey).
  render::MapSheet one = s;
  one.atlas = {{"地区 A", "", {}, "A"}};
  render::render({one}, default_style(), dir + "/a.png", png(40));
  render::MapSheet plain = small_town();
  render::render({plain}, default_style(), dir + "/plain.png", png(40));
  const double grey_a = share_of_colour(dir + "/a.png", "#d9d9d9");
  const double grey_plain = share_of_colour(dir + "/plain.png", "#d9d9d9");
  EXPECT_GT(grey_a, 0.15) << "B and C (about 58 % of the frame) are greyed";
  EXPECT_LT(grey_plain, 0.005);
  // The page's own district keeps the light ground colour.
  EXPECT_GT(share_of_colour(dir + "/a.png", "#f7f6f2"), 0.1);
}

TEST(MapRender, ClassedLegendShowsTheRangeOfEachClass) {
  // Night gap hours 0, 0, 56: the legend reads "0" and "56" — the class above 0 must
  // not start at 0.
  render::MapSheet s = small_town();
  s.kind = "gap";
  s.data.pop_back();
  const long long hours[] = {0, 0, 56};
  for (std::size_t i = 0; i < 3; ++i) {
    s.data[0].features[i].attributes["night_gap_hours"] = hours[i];
    s.data[0].features[i].attributes["uncovered_share"] = 0.0;
  }
  s.classes_field = "night_gap_hours";
  s.classes_caption = "夜間に対応できない時間数";
  s.classes_format = "%.0f";
  const auto r = render::render({s}, default_style(), scratch_dir("render_legend_ranges") + "/gap.png", png(40));
  const auto cap = std::find(r.legend_entries.begin(), r.legend_entries.end(), "夜間に対応できない時間数");
  ASSERT_NE(cap, r.legend_entries.end());
  EXPECT_EQ(std::vector<std::string>(cap + 1, cap + 3), (std::vector<std::string>{"0", "56"}));

  // Percentages over 6 districts in 5 quantile classes: every class's range lies above
  // the previous one's.
  s = small_town();
  s.kind = "gap";
  s.data.pop_back();
  s.data[0].features.push_back(s.data[0].features[0]);
  s.data[0].features.push_back(s.data[0].features[1]);
  s.data[0].features.push_back(s.data[0].features[2]);
  const double shares[] = {0.0, 0.04, 0.04, 0.12, 0.30, 0.55};
  for (std::size_t i = 0; i < 6; ++i) s.data[0].features[i].attributes["uncovered_share"] = shares[i];
  s.classes_field = "uncovered_share";
  s.classes_caption = "到達圏外の割合";
  s.classes_format = "%.0f %%";
  s.classes_scale = 100;
  const auto q = render::render({s}, default_style(), scratch_dir("render_legend_ranges") + "/share.png", png(40));
  const auto c2 = std::find(q.legend_entries.begin(), q.legend_entries.end(), "到達圏外の割合");
  ASSERT_NE(c2, q.legend_entries.end());
  double previous_high = -1;
  int classes = 0;
  for (auto it = c2 + 1; it != q.legend_entries.end() && std::isdigit(static_cast<unsigned char>((*it)[0])); ++it) {
    const double lo = std::stod(*it);
    const std::size_t dash = it->find("– ");
    const double hi = dash == std::string::npos ? lo : std::stod(it->substr(dash + 4));
    EXPECT_GT(lo, previous_high) << *it;
    EXPECT_LE(lo, hi) << *it;
    previous_high = hi;
    ++classes;
  }
  EXPECT_GE(classes, 4);
}

TEST(MapRender, AVeryLongLegendNeverRunsIntoTheScaleBarOrTheNotes) {
  // 60 facilities, each drawn by its own rule with its own legend row: far more than the
  // panel holds at the style's size, landscape and portrait.
  style::Style st = default_style();
  style::Layer& facilities = *std::find_if(st.layers.begin(), st.layers.end(),
                                           [](const style::Layer& l) { return l.name == "facilities"; });
  render::MapSheet s = small_town();
  s.data[1].features.clear();
  for (int i = 0; i < 60; ++i) {
    s.data[1].features.push_back(facility(1000 + 380.0 * i, 3000 + 150.0 * (i % 7), "clinic", 100 + i));
    style::Rule r = facilities.rules.front();
    r.legend = "在宅医療の協力医療機関（第" + std::to_string(i + 1) + "地区、往診と訪問診療に対応）";
    style::Condition c;
    c.attribute = "name";
    c.any_of = {style::Value{"施設" + std::to_string(100 + i)}};
    r.filter = {c};
    facilities.rules.push_back(r);
  }
  for (const bool landscape : {true, false}) {
    s.page.landscape = landscape;
    const auto r = render::render({s}, st, scratch_dir("render_long_legend") + "/map.png", png(40));
    ASSERT_EQ(r.legend_boxes.size(), 1u);
    const auto& legend = r.legend_boxes[0];
    EXPECT_FALSE(legend.intersects(r.tools_boxes[0])) << landscape;
    EXPECT_FALSE(legend.intersects(r.note_boxes[0])) << landscape;
    EXPECT_FALSE(legend.intersects(r.frames[0])) << landscape;
    EXPECT_FALSE(r.tools_boxes[0].intersects(r.note_boxes[0])) << landscape;
    EXPECT_LE(legend.y1, s.page.height_mm() - s.page.margin_mm) << landscape;
    // Some rows were left out and the last row says how many.
    EXPECT_LT(r.legend_entries.size(), 62u) << landscape;
    EXPECT_GT(r.legend_entries.size(), 10u) << landscape;
  }
}

TEST(MapRender, SvgIsAWholeSheetOfVectorsAtPaperSize) {
  const std::string file = scratch_dir("render_svg") + "/map.svg";
  render::RenderOptions svg_options;
  svg_options.format = render::Format::svg;
  const auto r = render::render({small_town()}, default_style(), file, svg_options);
  EXPECT_EQ(r.pages, 1);
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string svg = ss.str();
  ASSERT_GT(svg.size(), 1000u);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  // A4 landscape in points (297 × 210 mm), as Cairo writes it.
  EXPECT_NE(svg.find("width=\"841.88"), std::string::npos) << svg.substr(0, 300);
  EXPECT_NE(svg.find("height=\"595.27"), std::string::npos) << svg.substr(0, 300);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  // Vectors, not a picture: district outlines and symbols are paths; no embedded bitmap.
  EXPECT_GT(std::count_if(svg.begin(), svg.end(), [](char c) { return c == '<'; }), 100);
  EXPECT_EQ(svg.find("<image"), std::string::npos);
  // The same labels as the PNG of the same sheet.
  const auto p = render::render({small_town()}, default_style(), scratch_dir("render_svg") + "/map.png", png(100));
  EXPECT_EQ(r.label_texts, p.label_texts);
}

TEST(MapRender, CellsSmallerThanThePathToleranceAreStillFilled) {
  // 200 m squares on a 600 km map: about 0.07 mm on A4, under the 0.1 mm to which district
  // paths are thinned. Drawn at 600 dpi (0.04 mm pixels), each must still fill pixels.
  render::MapSheet s = small_town();
  s.kind = "access";
  s.data.pop_back();
  s.data[0].features = {district("A", "全域", 0, 0, 600000, 420000)};
  render::SourceData cells{style::Source::cells, "", {}};
  for (int i = 0; i < 40; ++i) {
    render::Feature f = district("c", "c", 100000.0 + 10000 * i, 200000, 100200.0 + 10000 * i, 200200);
    f.attributes = {{"accessibility", static_cast<double>(i)}, {"pop65", 10.0}, {"n_providers", 1LL}};
    cells.features.push_back(f);
  }
  s.data.insert(s.data.begin(), cells);
  const std::string file = scratch_dir("render_small_cells") + "/cells.png";
  const auto r = render::render({s}, default_style(), file, png(600));
  EXPECT_EQ(r.layer_features.at("cells_access"), 40u);
  // The darkest class of the default style's accessibility palette shows inside the map
  // frame (its legend swatch is outside).
  const double px = 600 / 25.4;
  const auto& fr = r.frames.at(0);
  const PixelBox frame{static_cast<int>(fr.x0 * px) + 2, static_cast<int>(fr.y0 * px) + 2,
                       static_cast<int>(fr.x1 * px) - 2, static_cast<int>(fr.y1 * px) - 2};
  EXPECT_GT(share_of_colour(file, "#253494", 40, frame), 0.0);
}

TEST(MapRender, WhereHigherIsBetterTheLowestValuesAreDarkest) {
  // Accessibility: 中央圏域 (A, the largest) has the least. With higher_is_better it takes
  // the darkest colour of the gap palette (#bd0026), otherwise the lightest.
  render::MapSheet s = small_town();
  s.kind = "gap";
  s.data.pop_back();
  s.data[0].features = {district("A", "中央圏域", 0, 0, 18000, 14000), district("B", "東部圏域", 18000, 0, 24000, 7000),
                        district("C", "山間部圏域", 18000, 7000, 24000, 14000)};
  const double access[] = {0.2, 1.5, 3.0};
  for (std::size_t i = 0; i < 3; ++i) s.data[0].features[i].attributes["accessibility"] = access[i];
  s.classes_field = "accessibility";
  const std::string dir = scratch_dir("render_higher_is_better");
  auto dark_share = [&](bool higher_is_better) {
    s.classes_higher_is_better = higher_is_better;
    const auto r = render::render({s}, default_style(), dir + "/gap.png", png(60));
    const double px = 60 / 25.4;
    const auto& fr = r.frames.at(0);
    return share_of_colour(dir + "/gap.png", "#bd0026", 8,
                           {static_cast<int>(fr.x0 * px) + 2, static_cast<int>(fr.y0 * px) + 2,
                            static_cast<int>(fr.x1 * px) - 2, static_cast<int>(fr.y1 * px) - 2});
  };
  const double reversed = dark_share(true), plain = dark_share(false);
  // A is 3/4 of the districts' area, C 1/8; the hatch covers part of either.
  EXPECT_GT(reversed, 3 * plain);
  EXPECT_GT(plain, 0.0);
}
