#pragma once
// Lays out the heatmap sheet on one output (measured with its Cairo context) and draws
// its pages: title block, day and hour header with the night band, the grid of rows,
// legend, 出典 lines and footer. The rows split evenly over the pages.
#include <cairo.h>

#include <string>
#include <vector>

#include "careatlas/render/heatmap.hpp"
#include "heatmap_classes.hpp"

namespace careatlas::render::detail {

class HeatmapPages {
 public:
  // paginate: continue on further pages when the rows get too thin (PDF); otherwise one
  // page whose rows are compressed to fit.
  HeatmapPages(cairo_t* cr, const HeatmapSheet& sheet, const style::Style& style, const HeatClasses& classes,
               bool paginate);
  int count() const { return static_cast<int>(first_row_.size()) - 1; }
  // The legend's texts in order (caption, "0", the classes, the night band).
  std::vector<std::string> legend_entries() const;
  void draw(int page, RenderReport& report) const;  // page from 0

  static constexpr double kMinRowMm = 2.6;   // thinner rows go to another page (PDF)
  static constexpr double kHolidayGapMm = 3;

 private:
  double col_x(int hour) const;  // left edge of an hour's column
  double title_block(bool draw, int page) const;
  double header(double y, bool draw) const;
  double legend(double x, double y, bool draw) const;
  void grid(std::size_t first, std::size_t end, double top, RenderReport& report) const;

  cairo_t* cr_;
  const HeatmapSheet& sheet_;
  const style::Style& style_;
  const HeatClasses& classes_;
  bool paginate_;
  int hours_ = 168;
  double W_ = 0, H_ = 0, m_ = 0;
  double grid_top_ = 0, row_h_ = 0, label_pt_ = 0, label_w_ = 0, grid_x0_ = 0, hour_w_ = 0;
  double notes_h_ = 0;
  std::vector<std::size_t> first_row_;  // per page, and the end
};

}  // namespace careatlas::render::detail
