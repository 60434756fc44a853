#include "booklet_page.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <string>

#include "drawing.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

namespace {
constexpr double kHeadRuleGap = 1.2;  // between the header's text and its rule
constexpr double kHeadSpace = 4.5;    // under the header's rule
constexpr double kFootSpace = 3.5;    // above the page number
constexpr double kLeaderStep = 1.3;   // mm between the dots of a leader
}  // namespace

void hline(cairo_t* cr, double x0, double x1, double y, double width_mm, const style::Colour& colour) {
  cairo_new_path(cr);
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  set_colour(cr, colour);
  cairo_set_line_width(cr, width_mm);
  cairo_stroke(cr);
}

void dot_leader(cairo_t* cr, double x0, double x1, double y, const style::Colour& colour) {
  cairo_new_path(cr);
  // On a fixed grid, so that the dots of neighbouring lines stand in columns.
  for (double x = std::ceil(x0 / kLeaderStep) * kLeaderStep; x <= x1; x += kLeaderStep) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, 0.16, 0, 2 * std::numbers::pi);
  }
  set_colour(cr, colour);
  cairo_fill(cr);
}

geometry::PaperBox PageFrame::body(int page) const {
  const double left = bound_left(page) ? binding : margin;
  const double right = bound_left(page) ? margin : binding;
  return {left, margin, width - right, height - margin};
}

geometry::PaperBox PageFrame::content(int page) const {
  geometry::PaperBox b = body(page);
  b.y0 += head_h;
  b.y1 -= foot_h;
  return b;
}

PageFrame page_frame(cairo_t* cr, const Booklet& booklet, const BookletLook& look) {
  PageFrame f;
  if (booklet.paper == BookletPaper::a5) {
    f.width = 148;
    f.height = 210;
  }
  f.binding = booklet.binding_mm;
  f.margin = booklet.margin_mm;
  const Text head(cr, "冊子", look.text(look.running_pt, true));
  f.head_h = head.height() + kHeadRuleGap + kHeadSpace;
  const Text folio(cr, "0", look.text(look.folio_pt));
  f.foot_h = folio.height() + kFootSpace;
  return f;
}

void draw_running_head(cairo_t* cr, const PageFrame& frame, int page, const std::string& booklet_title,
                       const std::string& section, const BookletLook& look) {
  const geometry::PaperBox b = frame.body(page);
  const double half = (b.x1 - b.x0) / 2 - 3;
  TextStyle outer_style = look.text(look.running_pt, true);
  outer_style.ellipsize_mm = half;
  TextStyle inner_style = look.text(look.running_pt, look.label);
  inner_style.ellipsize_mm = half;
  const Text outer(cr, section, outer_style), inner(cr, booklet_title, inner_style);
  const bool outer_right = PageFrame::bound_left(page);
  if (outer_right) {
    outer.draw(b.x1 - outer.width(), b.y0);
    inner.draw(b.x0, b.y0);
  } else {
    outer.draw(b.x0, b.y0);
    inner.draw(b.x1 - inner.width(), b.y0);
  }
  const double h = std::max(outer.height(), inner.height());
  hline(cr, b.x0, b.x1, b.y0 + h + kHeadRuleGap, 0.3, look.dark);
}

void draw_folio(cairo_t* cr, const PageFrame& frame, int page, const BookletLook& look) {
  const geometry::PaperBox b = frame.body(page);
  const Text n(cr, std::to_string(page), look.text(look.folio_pt));
  const double x = PageFrame::bound_left(page) ? b.x1 - n.width() : b.x0;
  n.draw(x, b.y1 - n.height());
}

double title_block(cairo_t* cr, double x, double y, double width, const std::string& title,
                   const std::string& subtitle, const BookletLook& look, bool draw) {
  const Text t(cr, title, look.text(look.section_pt, true, width));
  double h = t.height();
  std::optional<Text> sub;
  if (!subtitle.empty()) sub.emplace(cr, subtitle, look.text(look.subtitle_pt, look.label, false, width));
  if (draw) t.draw(x, y);
  if (sub) {
    if (draw) sub->draw(x, y + h + 0.8);
    h += 0.8 + sub->height();
  }
  h += 1.5;
  if (draw) hline(cr, x, x + width, y + h + 0.3, 0.6, look.dark);
  return h + 0.6 + 4.0;
}

double heading_bar(cairo_t* cr, double x, double y, double width, const std::string& text, double size_pt,
                   const BookletLook& look, bool draw) {
  const double tab = 1.6, pad_x = 2.2, pad_y = 0.9;
  const Text t(cr, text, look.text(size_pt, true, width - tab - 2 * pad_x));
  const double h = t.height() + 2 * pad_y;
  if (draw) {
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, width, h);
    set_colour(cr, look.tint);
    cairo_fill(cr);
    cairo_rectangle(cr, x, y, tab, h);
    set_colour(cr, look.dark);
    cairo_fill(cr);
    t.draw(x + tab + pad_x, y + pad_y);
  }
  return h;
}

double subheading(cairo_t* cr, double x, double y, double width, const std::string& text, const BookletLook& look,
                  bool draw) {
  const Text t(cr, text, look.text(look.group_pt, true, width));
  if (draw) {
    t.draw(x, y);
    hline(cr, x, x + width, y + t.height() + 0.8, 0.2, look.rule);
  }
  return t.height() + 0.8 + 0.2 + 2.0;
}

}  // namespace careatlas::render::detail
