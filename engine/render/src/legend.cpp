#include "legend.hpp"

#include <algorithm>

#include "drawing.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

double draw_legend(cairo_t* cr, double x, double y, double width, const std::string& title,
                   const std::vector<LegendEntry>& entries, const style::SheetStyle& s) {
  TextStyle head;
  head.font = s.font;
  head.size_pt = s.legend_pt * 1.25;
  head.bold = true;
  Text t(cr, title, head);
  t.draw(x, y);
  double h = t.height() + 1.5;
  const double swatch = 5.0, gap = 2.0;
  TextStyle body;
  body.font = s.font;
  body.size_pt = s.legend_pt;
  for (const LegendEntry& e : entries) {
    std::string text = e.text;
    if (e.count) text += "（" + std::to_string(*e.count) + "）";
    if (e.caption) {
      TextStyle cs = body;
      cs.bold = true;
      cs.wrap_mm = width;
      Text c(cr, text, cs);
      c.draw(x, y + h + 0.8);
      h += c.height() + 1.6;
      continue;
    }
    body.wrap_mm = width - swatch - gap;
    Text label(cr, text, body);
    const double row = std::max(swatch * 0.8, label.height());
    const double cx = x + swatch / 2, cy = y + h + row / 2;
    if (e.fill || e.line) {
      cairo_new_path(cr);
      cairo_rectangle(cr, x, cy - swatch * 0.35, swatch, swatch * 0.7);
      if (e.fill) fill_path(cr, e.fill->colour, e.fill->hatch, e.fill->hatch_colour);
      if (e.line) {
        style::LineSymbolizer l = *e.line;
        l.width_mm = std::min(l.width_mm, 0.8);
        stroke_path(cr, l);
      } else {
        cairo_set_source_rgba(cr, 0.4, 0.4, 0.4, 1);
        cairo_set_line_width(cr, 0.15);
        cairo_stroke_preserve(cr);
      }
      cairo_new_path(cr);
    }
    if (e.point) point_symbol(cr, cx, cy, *e.point, "", s.font);
    label.draw(x + swatch + gap, cy - label.height() / 2);
    h += row + 1.2;
  }
  return h;
}

}  // namespace careatlas::render::detail
