#include "careatlas/render/heatmap.hpp"

#include <cmath>
#include <stdexcept>

#include "heatmap_classes.hpp"
#include "heatmap_page.hpp"
#include "output_surface.hpp"
#include "text.hpp"

namespace careatlas::render {

namespace {

// Malformed input is the caller's bug: refuse it before a file is opened.
void check(const HeatmapSheet& sheet, const std::string& path) {
  const auto bad = [&](const std::string& why) { throw std::invalid_argument(path + ": heatmap: " + why); };
  if (sheet.values.empty()) bad("no rows");
  if (sheet.values.size() != sheet.row_labels.size())
    bad(std::to_string(sheet.values.size()) + " rows of values for " + std::to_string(sheet.row_labels.size()) +
        " row labels");
  const std::size_t n = sheet.values.front().size();
  if (n != 168 && n != 192) bad("a row holds 168 hours of the week or 192 with a holiday (got " + std::to_string(n) + ")");
  for (std::size_t r = 0; r < sheet.values.size(); ++r) {
    const std::vector<double>& row = sheet.values[r];
    if (row.size() != n)
      bad("row " + std::to_string(r + 1) + " (" + sheet.row_labels[r] + ") holds " + std::to_string(row.size()) +
          " values, the first " + std::to_string(n));
    for (std::size_t h = 0; h < n; ++h)
      if (!std::isfinite(row[h]) || row[h] < 0)
        bad("row " + std::to_string(r + 1) + " (" + sheet.row_labels[r] + "), hour " + std::to_string(h) +
            ": values must be finite and not negative");
  }
}

}  // namespace

RenderReport render_heatmap(const HeatmapSheet& sheet, const style::Style& style, const std::string& path,
                            const RenderOptions& options) {
  check(sheet, path);
  detail::require_font(style.sheet.font);
  const detail::HeatClasses classes = detail::heat_classes(style.heatmap, sheet.values);
  RenderReport report;
  detail::OutputSurface out(path, sheet.page.width_mm(), sheet.page.height_mm(), options, sheet.title);
  // Only a PDF has pages; an SVG or PNG keeps every row on its one page.
  const detail::HeatmapPages pages(out.cr(), sheet, style, classes, options.format == Format::pdf);
  for (int p = 0; p < pages.count(); ++p) {
    if (p > 0) out.next_page(sheet.page.width_mm(), sheet.page.height_mm());
    pages.draw(p, report);
    ++report.pages;
  }
  report.legend_entries = pages.legend_entries();
  out.finish();
  return report;
}

}  // namespace careatlas::render
