#pragma once
// The legend: one row per style rule that drew something (swatch, text, count), and for
// a classed fill a caption and one row per class.
#include <cairo.h>

#include <optional>
#include <string>
#include <vector>

#include "careatlas/style/style.hpp"

namespace careatlas::render::detail {

struct LegendEntry {
  std::string text;
  std::optional<style::FillSymbolizer> fill;
  std::optional<style::LineSymbolizer> line;
  std::optional<style::PointSymbolizer> point;
  std::optional<std::size_t> count;  // features drawn, shown as "（12）"
  bool caption = false;              // a heading row without a swatch
  bool linear = false;               // the line is a polyline's (rivers, railways): a line swatch, not a box
};

// How a legend was fitted into its box.
struct LegendLayout {
  double height = 0;       // mm used
  int columns = 1;
  double scale = 1;        // text and swatches relative to the style's legend_pt
  std::size_t shown = 0;   // entries drawn; the rest are summed up in a last row "ほか N 項目"
};

// Draws from (x, y) within `width` × `max_height` mm. A legend too long for the box is
// set in two columns, then in smaller type (down to 70 %), and only then shortened, with
// a last row saying how many entries were left out — it never runs over what lies below.
// An empty title takes no room.
LegendLayout draw_legend(cairo_t* cr, double x, double y, double width, double max_height, const std::string& title,
                         const std::vector<LegendEntry>& entries, const style::SheetStyle& s);

}  // namespace careatlas::render::detail
