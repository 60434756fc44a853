#include "legend.hpp"

#include <algorithm>

#include "drawing.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

namespace {

constexpr double kColumnGap = 3.0;

std::string entry_text(const LegendEntry& e) {
  return e.count ? e.text + "（" + std::to_string(*e.count) + "）" : e.text;
}

// Draws (or, with draw = false, only measures) one entry at (x, y); returns its height
// including the space below it.
double entry(cairo_t* cr, const LegendEntry& e, double x, double y, double width, double scale,
             const style::SheetStyle& s, bool draw) {
  TextStyle body;
  body.font = s.font;
  body.size_pt = s.legend_pt * scale;
  if (e.caption) {
    body.bold = true;
    body.wrap_mm = width;
    Text c(cr, entry_text(e), body);
    if (draw) c.draw(x, y + 0.8 * scale);
    return c.height() + 1.6 * scale;
  }
  const double swatch = 5.0 * scale, gap = 2.0 * scale;
  body.wrap_mm = width - swatch - gap;
  Text label(cr, entry_text(e), body);
  const double row = std::max(swatch * 0.8, label.height());
  if (draw) {
    const double cx = x + swatch / 2, cy = y + row / 2;
    if (e.linear && e.line) {
      cairo_new_path(cr);
      cairo_move_to(cr, x, cy);
      cairo_line_to(cr, x + swatch, cy);
      style::LineSymbolizer l = *e.line;
      l.width_mm = std::min(l.width_mm, 1.2);
      stroke_path(cr, l);
      cairo_new_path(cr);
    } else if (e.fill || e.line) {
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
    if (e.point) {
      style::PointSymbolizer p = *e.point;
      p.size_mm *= scale;
      point_symbol(cr, cx, cy, p, "", s.font);
    }
    label.draw(x + swatch + gap, cy - label.height() / 2);
  }
  return row + 1.2 * scale;
}

// Entries into columns in order; returns how many fit within `room` and the height used.
struct Fit {
  std::size_t shown = 0;
  double height = 0;
};
Fit fit(cairo_t* cr, const std::vector<LegendEntry>& entries, double column_width, int columns, double scale,
        double room, const style::SheetStyle& s) {
  Fit f;
  int column = 0;
  double h = 0;
  for (const LegendEntry& e : entries) {
    const double eh = entry(cr, e, 0, 0, column_width, scale, s, false);
    if (h + eh > room) {
      if (++column == columns) return f;
      h = 0;
    }
    h += eh;
    ++f.shown;
    f.height = std::max(f.height, h);
  }
  return f;
}

}  // namespace

LegendLayout draw_legend(cairo_t* cr, double x, double y, double width, double max_height, const std::string& title,
                         const std::vector<LegendEntry>& entries, const style::SheetStyle& s) {
  TextStyle head;
  head.font = s.font;
  head.size_pt = s.legend_pt * 1.25;
  head.bold = true;
  Text t(cr, title, head);
  if (!title.empty()) t.draw(x, y);
  const double top = title.empty() ? 0 : t.height() + 1.5;  // no title: the rows start at y
  const double room = std::max(0.0, max_height - top);

  LegendLayout L;
  bool fitted = false;
  for (const double scale : {1.0, 0.9, 0.8, 0.7}) {
    for (const int columns : {1, 2}) {
      const double cw = (width - kColumnGap * (columns - 1)) / columns;
      const Fit f = fit(cr, entries, cw, columns, scale, room, s);
      L = {top + f.height, columns, scale, f.shown};
      if (f.shown == entries.size()) {
        fitted = true;
        break;
      }
    }
    if (fitted) break;
  }
  // Too long even then: the last row that fits says how many were left out.
  std::vector<LegendEntry> shown(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(L.shown));
  if (!fitted) {
    const double cw = (width - kColumnGap * (L.columns - 1)) / L.columns;
    while (!shown.empty()) {
      shown.pop_back();
      std::vector<LegendEntry> trial = shown;
      LegendEntry more;
      more.caption = true;
      more.text = "ほか " + std::to_string(entries.size() - shown.size()) + " 項目（省略）";
      trial.push_back(more);
      const Fit f = fit(cr, trial, cw, L.columns, L.scale, room, s);
      if (f.shown == trial.size()) {
        shown = std::move(trial);
        L.height = top + f.height;
        break;
      }
    }
    if (shown.empty()) L.height = top;  // not even the "ほか" row fits: the title alone
    L.shown = shown.empty() ? 0 : shown.size() - 1;
  }

  const double cw = (width - kColumnGap * (L.columns - 1)) / L.columns;
  int column = 0;
  double h = 0;
  for (const LegendEntry& e : shown) {
    const double eh = entry(cr, e, 0, 0, cw, L.scale, s, false);
    if (h + eh > room && column + 1 < L.columns) {
      ++column;
      h = 0;
    }
    entry(cr, e, x + column * (cw + kColumnGap), y + top + h, cw, L.scale, s, true);
    h += eh;
  }
  return L;
}

}  // namespace careatlas::render::detail
