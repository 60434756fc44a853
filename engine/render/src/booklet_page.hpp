#pragma once
// A booklet page's frame and furniture: margins for binding, the running header, the page
// number, and the title blocks and heading bars the pages share.
#include <cairo.h>

#include <string>

#include "booklet_look.hpp"
#include "careatlas/geometry/label_placement.hpp"
#include "careatlas/render/booklet.hpp"

namespace careatlas::render::detail {

// Pages are numbered from 1 (the cover). The booklet is bound on the left: odd pages
// have the binding (wide) margin on the left, even pages on the right.
struct PageFrame {
  double width = 210, height = 297;  // mm
  double binding = 20, margin = 12;
  double head_h = 0;  // the running header at the top of the body, with the space under it
  double foot_h = 0;  // the page number at the bottom of the body, with the space above it

  static bool bound_left(int page) { return page % 2 == 1; }
  // Inside the margins.
  geometry::PaperBox body(int page) const;
  // The body less the running header and the page number: where a page's matter goes.
  geometry::PaperBox content(int page) const;
};

// The frame of the booklet's paper and margins; header and footer measured with `cr`.
PageFrame page_frame(cairo_t* cr, const Booklet& booklet, const BookletLook& look);

// The running header: the section (or the page's own title) on the outer side, the
// booklet's title on the inner side, a thin rule under both.
void draw_running_head(cairo_t* cr, const PageFrame& frame, int page, const std::string& booklet_title,
                       const std::string& section, const BookletLook& look);
// The page number at the outer bottom corner of the body.
void draw_folio(cairo_t* cr, const PageFrame& frame, int page, const BookletLook& look);

// A page or section title (large, bold), an optional subtitle and a rule under them, at
// (x, y) across `width`. Returns the height used (with the space below); draws only when asked.
double title_block(cairo_t* cr, double x, double y, double width, const std::string& title,
                   const std::string& subtitle, const BookletLook& look, bool draw);

// A heading bar (a group of entries: 診療所; a 五十音 row of the index: カ行): the text in
// bold on a light tint with a dark tab at the left. `size_pt` sets its type.
double heading_bar(cairo_t* cr, double x, double y, double width, const std::string& text, double size_pt,
                   const BookletLook& look, bool draw);

// A horizontal rule from x0 to x1 at height y.
void hline(cairo_t* cr, double x0, double x1, double y, double width_mm, const style::Colour& colour);
// A row of small dots from x0 to x1 at height y (contents, index). Drawn, not typed: a
// copy of the text gives no 「……」.
void dot_leader(cairo_t* cr, double x0, double x1, double y, const style::Colour& colour);

// A small subheading of the how-to-read page: bold text over a hairline.
double subheading(cairo_t* cr, double x, double y, double width, const std::string& text, const BookletLook& look,
                  bool draw);

}  // namespace careatlas::render::detail
