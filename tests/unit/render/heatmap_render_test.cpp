// Tests of render_heatmap (engine/render/src/heatmap*.cpp): golden images of a small town
// designed to show each kind of gap, fonts embedded and text searchable in the PDF, many
// rows continuing on further PDF pages, the legend's whole-number class bounds, long
// names cut, and outputs that are complete or absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "careatlas/render/heatmap.hpp"
#include "careatlas/style/style.hpp"
#include "golden_image.hpp"
#include "render_files.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {

bool night(int h) { return h % 24 >= 22 || h % 24 < 6; }
bool weekend(int h) { return h >= 120 && h < 168; }  // Saturday and Sunday
bool holiday(int h) { return h >= 168; }

// Six districts, 192 values each (the week, then a public holiday), each showing one
// pattern: no gap; night gaps; weekend and holiday gaps; weekday evenings; the valley's
// nights, weekends and holiday but for the holiday morning surgery; a long name whose
// gap grows through the night.
render::HeatmapSheet small_town(int hours = 192) {
  render::HeatmapSheet s;
  s.page.size = render::PaperSize::a4;
  s.page.landscape = true;
  s.title = "みさき市 24時間365日の空白";
  s.subtitle = "訪問診療・訪問看護が対応できない65歳以上人口（曜日・時刻別）　データ時点 2026-04-01";
  s.value_caption = "対応できない65歳以上人口（人）";
  s.sources = {"出典：介護サービス情報公表システム（厚生労働省）", "「医療情報ネットのオープンデータ」（厚生労働省）を加工して作成"};
  s.footer = "作成 2026-11-24　careatlas（テスト）";
  s.row_labels = {"中央圏域", "東部圏域", "西部圏域", "北部圏域", "山間部圏域",
                  "南部臨海地区（旧みさき町・旧はまべ村を含む日常生活圏域）"};
  s.values.assign(6, std::vector<double>(static_cast<std::size_t>(hours), 0.0));
  for (int h = 0; h < hours; ++h) {
    const auto i = static_cast<std::size_t>(h);
    const int hh = h % 24;
    s.values[1][i] = night(h) ? 120 : 0;
    s.values[2][i] = weekend(h) || holiday(h) ? 340 : 0;
    s.values[3][i] = !weekend(h) && !holiday(h) && hh >= 18 && hh < 22 ? 15 : 0;
    s.values[4][i] = night(h) || weekend(h) || (holiday(h) && !(hh >= 9 && hh < 12)) ? 657 : 0;
    s.values[5][i] = night(h) ? 30 + 10 * ((hh + 2) % 24) : 0;  // 30 at 22:00 … 100 at 5:00
  }
  return s;
}

// n districts named 地区001 … (no name contains another) with a night gap each.
render::HeatmapSheet many_rows(std::size_t n) {
  render::HeatmapSheet s = small_town(168);
  s.row_labels.clear();
  s.values.clear();
  for (std::size_t r = 0; r < n; ++r) {
    char name[32];
    std::snprintf(name, sizeof name, "地区%03zu", r + 1);
    s.row_labels.push_back(name);
    std::vector<double> v(168, 0.0);
    for (int h = 0; h < 168; ++h)
      if (night(h)) v[static_cast<std::size_t>(h)] = static_cast<double>(r % 40 * 5);
    s.values.push_back(v);
  }
  return s;
}

// pdftotext splits words at half-width digits ("地区0 01"): cairo declares every
// IPAexGothic glyph 1000 units wide in the PDF, so a digit seems followed by a gap.
std::string without_spaces(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  return text;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

double luminance(const style::Colour& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

}  // namespace

TEST(HeatmapRender, A4PngMatchesTheReviewedReference) {
  const std::string out = scratch_dir("heatmap_png") + "/heatmap.png";
  const render::RenderReport r = render::render_heatmap(small_town(), default_style(), out, png(100));
  EXPECT_EQ(r.pages, 1);
  EXPECT_EQ(r.features_drawn, 6u * 192u);
  EXPECT_EQ(r.labels_placed, 6u);
  const ImageDiff d = compare_with_golden(out, "render/heatmap_a4_100dpi.png");
  EXPECT_TRUE(d.message.empty()) << d.message;
}

TEST(HeatmapRender, SlidePngWithoutHolidayMatchesTheReviewedReference) {
  render::HeatmapSheet s = small_town(168);
  s.page.size = render::PaperSize::slide;
  const std::string out = scratch_dir("heatmap_slide") + "/slide.png";
  const render::RenderReport r = render::render_heatmap(s, default_style(), out, png(100));
  EXPECT_EQ(r.features_drawn, 6u * 168u);
  const ImageDiff d = compare_with_golden(out, "render/heatmap_slide_100dpi.png");
  EXPECT_TRUE(d.message.empty()) << d.message;
}

TEST(HeatmapRender, PdfEmbedsEveryFontAndItsTextIsSearchable) {
  const std::string file = scratch_dir("heatmap_pdf") + "/heatmap.pdf";
  render::render_heatmap(small_town(), default_style(), file, pdf());
  const PdfFonts fonts = pdf_fonts(file);
  EXPECT_GE(fonts.listed, 1);
  EXPECT_TRUE(fonts.not_embedded.empty()) << "not embedded: " << fonts.not_embedded.front();
  const std::string text = pdf_text(file);
  for (const char* want : {"みさき市 24時間365日の空白", "月", "火", "水", "木", "金", "土", "日", "祝", "中央圏域",
                           "東部圏域", "西部圏域", "北部圏域", "山間部圏域", "対応できない65歳以上人口（人）",
                           "出典：介護サービス情報公表システム（厚生労働省）", "作成 2026-11-24"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " not in:\n" << text;
}

TEST(HeatmapRender, ManyRowsContinueOnFurtherPdfPagesWithTheHeaderRepeated) {
  const std::string file = scratch_dir("heatmap_pages") + "/many.pdf";
  const render::RenderReport r = render::render_heatmap(many_rows(130), default_style(), file, pdf());
  EXPECT_EQ(r.pages, 3);  // about 50 rows fit an A4 landscape page
  EXPECT_EQ(pdf_pages(file), r.pages);
  EXPECT_EQ(r.labels_placed, 130u);
  EXPECT_EQ(r.features_drawn, 130u * 168u);
  const std::string text = without_spaces(pdf_text(file));
  for (const std::string& name : many_rows(130).row_labels) EXPECT_EQ(occurrences(text, name), 1u) << name;
  EXPECT_EQ(occurrences(text, "みさき市24時間365日の空白"), 3u);  // the header on every page
  EXPECT_EQ(occurrences(text, "2/3"), 1u);
  // Rows split evenly, every page keeps the legend's entries once in the report.
  EXPECT_EQ(std::count(r.legend_entries.begin(), r.legend_entries.end(), "0"), 1);
}

TEST(HeatmapRender, SvgAndPngKeepEveryRowOnTheirOnePage) {
  const std::string dir = scratch_dir("heatmap_one_page");
  for (const auto& [name, format] : {std::pair{"many.png", render::Format::png}, {"many.svg", render::Format::svg}}) {
    render::RenderOptions o = png(50);
    o.format = format;
    const render::RenderReport r = render::render_heatmap(many_rows(130), default_style(), dir + "/" + name, o);
    EXPECT_EQ(r.pages, 1) << name;
    EXPECT_EQ(r.labels_placed, 130u) << name;
    for (std::size_t i = 1; i < r.label_boxes.size(); ++i)
      EXPECT_LE(r.label_boxes[i - 1].y1, r.label_boxes[i].y0 + 1e-6) << name << " rows overlap at " << i;
  }
}

TEST(HeatmapRender, LegendClassesStartAtTheirOwnLowerBound) {
  // 100 positive values 1 … 100 (and zeros): quantile breaks at 20, 40, 60, 80.
  render::HeatmapSheet s = small_town(168);
  s.row_labels = {"A"};
  s.values.assign(1, std::vector<double>(168, 0.0));
  for (int i = 0; i < 100; ++i) s.values[0][static_cast<std::size_t>(68 + i)] = i + 1;
  const std::string dir = scratch_dir("heatmap_legend");
  render::RenderReport r = render::render_heatmap(s, default_style(), dir + "/q.png", png(30));
  EXPECT_EQ(r.legend_entries, (std::vector<std::string>{"対応できない65歳以上人口（人）", "0", "1 – 20", "21 – 40",
                                                        "41 – 60", "61 – 80", "81 – 100", "夜間（22時〜6時）"}));

  // Manual breaks keep their fixed bounds; classes beyond the largest value are left out.
  style::Style manual = default_style();
  manual.heatmap.method = style::ClassMethod::manual;
  manual.heatmap.breaks = {10, 50, 100, 500};
  for (double& v : s.values[0]) v = std::min(v, 60.0);
  r = render::render_heatmap(s, manual, dir + "/m.png", png(30));
  EXPECT_EQ(r.legend_entries, (std::vector<std::string>{"対応できない65歳以上人口（人）", "0", "1 – 10", "11 – 50",
                                                        "51 – 100", "夜間（22時〜6時）"}));

  // Nothing positive (0.4 rounds to 0): only the zero entry.
  for (double& v : s.values[0]) v = v > 0 ? 0.4 : 0;
  r = render::render_heatmap(s, default_style(), dir + "/z.png", png(30));
  EXPECT_EQ(r.legend_entries, (std::vector<std::string>{"対応できない65歳以上人口（人）", "0", "夜間（22時〜6時）"}));
}

TEST(HeatmapRender, LongNamesAreCutAndNeverReachTheGrid) {
  const render::HeatmapSheet s = small_town();
  const render::RenderReport r =
      render::render_heatmap(s, default_style(), scratch_dir("heatmap_long") + "/long.png", png(50));
  ASSERT_EQ(r.label_boxes.size(), 6u);
  const double right = r.label_boxes.front().x1;  // right-aligned against the grid
  for (const geometry::PaperBox& b : r.label_boxes) {
    EXPECT_NEAR(b.x1, right, 1e-6);
    EXPECT_GE(b.x0, s.page.margin_mm - 1e-6);
    EXPECT_LE(b.x1 - b.x0, s.page.width_mm() * 0.18 + 1e-6);
  }
}

TEST(HeatmapRender, MalformedValuesAndFailedWritesLeaveNoFile) {
  const std::string dir = scratch_dir("heatmap_fail");
  render::HeatmapSheet s = small_town();
  s.values[2].pop_back();
  EXPECT_THROW(render::render_heatmap(s, default_style(), dir + "/a.pdf", pdf()), std::invalid_argument);
  s = small_town();
  s.values[1][5] = -1;
  EXPECT_THROW(render::render_heatmap(s, default_style(), dir + "/b.pdf", pdf()), std::invalid_argument);
  s = small_town();
  s.row_labels.pop_back();
  EXPECT_THROW(render::render_heatmap(s, default_style(), dir + "/c.pdf", pdf()), std::invalid_argument);
  EXPECT_THROW(render::render_heatmap(small_town(), default_style(), dir + "/missing/dir/h.pdf", pdf()),
               std::runtime_error);
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(HeatmapRender, DefaultPaletteReadsInGrayscale) {
  const style::HeatmapStyle& h = default_style().heatmap;
  ASSERT_GE(h.colours.size(), 2u);
  // The lightest class stands clearly apart from "no gap", and lightness falls steadily.
  EXPECT_LT(luminance(h.colours.front()), luminance(h.zero) - 0.1);
  for (std::size_t i = 1; i < h.colours.size(); ++i)
    EXPECT_LT(luminance(h.colours[i]), luminance(h.colours[i - 1]) - 0.05) << i;
  EXPECT_NE(h.hatch_last, style::Hatch::none);
}
