#include "sheet_parts.hpp"

#include <cmath>
#include <cstdio>

#include "drawing.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

double round_length(double metres) {
  if (!(metres > 0)) return 0;
  const double p = std::pow(10.0, std::floor(std::log10(metres)));
  for (double m : {5.0, 2.0, 1.0})
    if (m * p <= metres * (1 + 1e-12)) return m * p;
  return p;
}

std::string scale_ratio(double mm_per_metre) {
  double d = 1000.0 / mm_per_metre;  // 1 mm on paper = d mm on the ground
  const double p = std::pow(10.0, std::floor(std::log10(d)) - 1);
  d = std::round(d / p) * p;
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.0f", d);
  std::string s = digits, grouped;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) grouped += ',';
    grouped += s[i];
  }
  return "1:" + grouped;
}

namespace {
std::string length_text(double metres) {
  char buf[32];
  if (metres >= 1000) std::snprintf(buf, sizeof buf, "%g km", metres / 1000);
  else std::snprintf(buf, sizeof buf, "%g m", metres);
  return buf;
}
}  // namespace

double scale_bar(cairo_t* cr, double x, double y, double max_mm, double mm_per_metre, const style::SheetStyle& s) {
  const double len = round_length(max_mm / mm_per_metre);
  const double w = len * mm_per_metre, h = 1.6;
  TextStyle ts;
  ts.font = s.font;
  ts.size_pt = s.legend_pt;
  Text zero(cr, "0", ts), end(cr, length_text(len), ts);
  const double bar_y = y + zero.height() + 0.6;
  // Four segments, alternately filled: readable in black and white.
  for (int i = 0; i < 4; ++i) {
    cairo_rectangle(cr, x + w * i / 4, bar_y, w / 4, h);
    set_colour(cr, i % 2 ? s.background : s.frame);
    cairo_fill_preserve(cr);
    set_colour(cr, s.frame);
    cairo_set_line_width(cr, 0.2);
    cairo_stroke(cr);
  }
  zero.draw(x - zero.width() / 2, y);
  end.draw(x + w - end.width() / 2, y);
  Text ratio(cr, "縮尺 " + scale_ratio(mm_per_metre), ts);
  ratio.draw(x, bar_y + h + 0.8);
  return bar_y + h + 0.8 + ratio.height() - y;
}

void north_arrow(cairo_t* cr, double x, double y, double height, const style::SheetStyle& s) {
  TextStyle ts;
  ts.font = s.font;
  ts.size_pt = s.legend_pt * 1.2;
  ts.bold = true;
  Text n(cr, "N", ts);
  n.draw(x - n.width() / 2, y);
  const double top = y + n.height(), w = height * 0.22;
  // Left half filled, right half open: the classic arrow, legible in grayscale.
  cairo_move_to(cr, x, top);
  cairo_line_to(cr, x - w, top + height - n.height());
  cairo_line_to(cr, x, top + (height - n.height()) * 0.75);
  cairo_close_path(cr);
  set_colour(cr, s.frame);
  cairo_fill(cr);
  cairo_move_to(cr, x, top);
  cairo_line_to(cr, x + w, top + height - n.height());
  cairo_line_to(cr, x, top + (height - n.height()) * 0.75);
  cairo_close_path(cr);
  cairo_set_line_width(cr, 0.25);
  cairo_stroke(cr);
}

double text_block_height(cairo_t* cr, double width_mm, const std::vector<std::string>& lines, double size_pt,
                         bool bold, const style::SheetStyle& s) {
  double h = 0;
  TextStyle ts;
  ts.font = s.font;
  ts.size_pt = size_pt;
  ts.bold = bold;
  ts.wrap_mm = width_mm;
  for (const std::string& l : lines) h += Text(cr, l, ts).height();
  return h;
}

double text_block(cairo_t* cr, double x, double y, double width_mm, const std::vector<std::string>& lines,
                  double size_pt, bool bold, const style::SheetStyle& s) {
  TextStyle ts;
  ts.font = s.font;
  ts.size_pt = size_pt;
  ts.bold = bold;
  ts.wrap_mm = width_mm;
  double h = 0;
  for (const std::string& l : lines) {
    Text t(cr, l, ts);
    t.draw(x, y + h);
    h += t.height();
  }
  return h;
}

}  // namespace careatlas::render::detail
