#pragma once
// Blocks placed top-down in columns, column after column, page after page: the booklet's
// entries and its index. A block of column width goes where the current column has room
// for it (and for `keep` mm more: a heading keeps its first entry); a block across all
// columns goes under everything placed on the page so far, and the columns start again
// under it. Positions are those of the page's content box (PageFrame::content).
#include <functional>

#include "booklet_page.hpp"
#include "careatlas/geometry/label_placement.hpp"

namespace careatlas::render::detail {

class ColumnFlow {
 public:
  // `new_page` starts a page and returns its physical number.
  ColumnFlow(const PageFrame& frame, int columns, double gutter_mm, std::function<int()> new_page);

  // Ends the current page: the next block starts a new one.
  void break_page() { page_ = 0; }
  int page() const { return page_; }
  double column_width() const;
  double full_width() const;
  // The height of an empty column: a block taller than this never fits in one.
  double room() const { return room_; }

  struct Slot {
    int page = 0;
    geometry::PaperBox box;
    bool column_top = false;  // nothing above it in its column (on this page, under the band's top)
    bool page_top = false;    // nothing above it on its page
  };
  // A block of column width and height h, `gap` under what precedes it in its column.
  // A block that cannot fit even at the top of an empty column is put there all the same
  // (the caller measures what it places; only `keep` is dropped then).
  Slot place(double h, double gap, double keep = 0);
  // A block across the columns, `gap` under everything on the page; the columns then
  // start `gap_after` under it.
  Slot place_full(double h, double gap, double keep = 0, double gap_after = 0);

 private:
  void start_page();
  void advance();
  Slot commit(double x, double y, double w, double h, bool column_top);

  const PageFrame& frame_;
  int columns_;
  double gutter_;
  std::function<int()> new_page_;
  double room_ = 0;
  int page_ = 0;
  int col_ = 0;
  double band_top_ = 0;      // where the columns start (under any full-width block)
  double band_bottom_ = 0;   // the lowest block on the page
  double col_y_ = 0;         // the bottom of the current column
  bool col_used_ = false;
  bool page_used_ = false;
};

}  // namespace careatlas::render::detail
