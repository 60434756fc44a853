#include "booklet_flow.hpp"

#include <algorithm>
#include <utility>

namespace careatlas::render::detail {

namespace {
constexpr double kEps = 1e-6;
}

ColumnFlow::ColumnFlow(const PageFrame& frame, int columns, double gutter_mm, std::function<int()> new_page)
    : frame_(frame), columns_(std::max(columns, 1)), gutter_(gutter_mm), new_page_(std::move(new_page)) {
  const geometry::PaperBox c = frame_.content(1);
  room_ = c.y1 - c.y0;
}

double ColumnFlow::full_width() const {
  const geometry::PaperBox c = frame_.content(1);
  return c.x1 - c.x0;
}

double ColumnFlow::column_width() const { return (full_width() - gutter_ * (columns_ - 1)) / columns_; }

void ColumnFlow::start_page() {
  page_ = new_page_();
  col_ = 0;
  band_top_ = band_bottom_ = col_y_ = 0;
  col_used_ = page_used_ = false;
}

void ColumnFlow::advance() {
  if (col_ + 1 < columns_) {
    ++col_;
    col_y_ = band_top_;
    col_used_ = false;
  } else {
    start_page();
  }
}

ColumnFlow::Slot ColumnFlow::commit(double x, double y, double w, double h, bool column_top) {
  const geometry::PaperBox c = frame_.content(page_);
  Slot s;
  s.page = page_;
  s.box = {c.x0 + x, c.y0 + y, c.x0 + x + w, c.y0 + y + h};
  s.column_top = column_top;
  s.page_top = !page_used_;
  page_used_ = true;
  band_bottom_ = std::max(band_bottom_, y + h);
  return s;
}

ColumnFlow::Slot ColumnFlow::place(double h, double gap, double keep) {
  if (page_ == 0) start_page();
  const double cw = column_width();
  for (;;) {
    const double y = col_used_ ? col_y_ + gap : band_top_;
    const bool at_page_top = !col_used_ && band_top_ <= kEps;  // no column ahead has more room
    if (y + h + keep <= room_ + kEps || at_page_top) {
      const Slot s = commit(col_ * (cw + gutter_), y, cw, h, !col_used_);
      col_y_ = y + h;
      col_used_ = true;
      return s;
    }
    advance();
  }
}

ColumnFlow::Slot ColumnFlow::place_full(double h, double gap, double keep, double gap_after) {
  if (page_ == 0) start_page();
  double y = page_used_ ? band_bottom_ + gap : 0;
  if (page_used_ && y + h + keep > room_ + kEps) {
    start_page();
    y = 0;
  }
  const Slot s = commit(0, y, full_width(), h, true);
  col_ = 0;
  band_top_ = y + h + gap_after;
  col_y_ = band_top_;
  col_used_ = false;
  return s;
}

}  // namespace careatlas::render::detail
