#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

#include "careatlas/render/map.hpp"
#include "output_surface.hpp"
#include "sheet_renderer.hpp"
#include "text.hpp"

namespace careatlas::render {

using namespace detail;

namespace {
// Long and short side of the paper, mm.
std::pair<double, double> sides(PaperSize size) {
  switch (size) {
    case PaperSize::a3: return {420, 297};
    case PaperSize::slide: return {338.667, 190.5};
    case PaperSize::a4: break;
  }
  return {297, 210};
}
}  // namespace

double Page::width_mm() const {
  const auto [a, b] = sides(size);
  return landscape ? a : b;
}
double Page::height_mm() const {
  const auto [a, b] = sides(size);
  return landscape ? b : a;
}

std::optional<Format> format_named(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (n == "pdf") return Format::pdf;
  if (n == "svg") return Format::svg;
  if (n == "png") return Format::png;
  return std::nullopt;
}

std::optional<PaperSize> paper_size_named(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (n == "a3") return PaperSize::a3;
  if (n == "a4") return PaperSize::a4;
  if (n == "slide") return PaperSize::slide;
  return std::nullopt;
}

RenderReport render(const std::vector<MapSheet>& sheets, const style::Style& style, const std::string& path,
                    const RenderOptions& options) {
  if (sheets.empty()) throw std::invalid_argument("render: no sheets");
  std::size_t pages = 0;
  for (const MapSheet& s : sheets) pages += s.atlas.empty() ? 1 : s.atlas.size();
  if (options.format != Format::pdf && pages > 1)
    throw std::invalid_argument(path + ": SVG and PNG hold one page; use PDF for an atlas");
  require_font(style.sheet.font);
  RenderReport report;
  OutputSurface out(path, sheets.front().page.width_mm(), sheets.front().page.height_mm(), options,
                    sheets.front().title);
  for (const MapSheet& sheet : sheets) {
    const double W = sheet.page.width_mm(), H = sheet.page.height_mm(), m = sheet.page.margin_mm;
    const SheetArea area{{m, m, W - m, H - m}, sheet.page.landscape, W, H};
    for (const SheetView& v : sheet_views(sheet, style)) {
      if (report.pages > 0) out.next_page(W, H);
      draw_sheet_view(out.cr(), sheet, v, area, style, report, report.pages);
      ++report.pages;
    }
  }
  out.finish();
  return report;
}

}  // namespace careatlas::render
