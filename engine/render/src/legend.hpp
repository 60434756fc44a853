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
};

// Draws from (x, y) within `width` mm; returns the height used.
double draw_legend(cairo_t* cr, double x, double y, double width, const std::string& title,
                   const std::vector<LegendEntry>& entries, const style::SheetStyle& s);

}  // namespace careatlas::render::detail
