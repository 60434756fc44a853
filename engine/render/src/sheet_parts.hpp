#pragma once
// The parts of a sheet around the map: scale bar, north arrow, text blocks.
#include <cairo.h>

#include <string>
#include <vector>

#include "careatlas/style/style.hpp"

namespace careatlas::render::detail {

// A round length (1, 2 or 5 × 10^n metres) whose bar fits in max_mm at `mm_per_metre`;
// drawn with its top-left at (x, y), with 0 and the length labelled. Returns the height used.
double scale_bar(cairo_t* cr, double x, double y, double max_mm, double mm_per_metre, const style::SheetStyle& s);
// The largest round length not longer than `metres` (1, 2, 5 × 10^n).
double round_length(double metres);
// "1:25,000"-style text of the scale, rounded to two significant figures.
std::string scale_ratio(double mm_per_metre);

// A north arrow (grid north) of the given height with its top-centre at (x, y).
void north_arrow(cairo_t* cr, double x, double y, double height, const style::SheetStyle& s);

// Lines of text from (x, y) downwards, wrapped at width_mm; returns the height used.
double text_block(cairo_t* cr, double x, double y, double width_mm, const std::vector<std::string>& lines,
                  double size_pt, bool bold, const style::SheetStyle& s);
// The height text_block would use, without drawing.
double text_block_height(cairo_t* cr, double width_mm, const std::vector<std::string>& lines, double size_pt,
                         bool bold, const style::SheetStyle& s);

}  // namespace careatlas::render::detail
