#pragma once
// Text through Pango (HarfBuzz shaping, fontconfig fallback for any glyph the font lacks).
// Sizes are points; the Cairo user space is millimetres.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

#include "careatlas/style/style.hpp"

namespace careatlas::render::detail {

inline constexpr double kMmPerPt = 25.4 / 72.0;

struct TextStyle {
  std::string font;
  double size_pt = 8;
  bool bold = false;
  style::Colour colour{0, 0, 0, 1};
  style::Colour halo{1, 1, 1, 1};
  double halo_mm = 0;
  double wrap_mm = 0;  // > 0: break lines at this width (Japanese line breaking rules)
  double ellipsize_mm = 0;  // > 0 (and no wrap): one line, cut with "…" at this width
  double line_spacing = 0;  // > 0: baselines this many times the font's line height apart (1.0 = solid)
};

class Text {
 public:
  Text(cairo_t* cr, const std::string& text, const TextStyle& style);
  ~Text();
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;

  double width() const { return w_; }
  double height() const { return h_; }
  int line_count() const;
  // The last line's logical box relative to the layout's top-left (mm): where a dot leader
  // after the text starts.
  double last_line_width() const;
  double last_line_top() const;
  // The first line's baseline below the layout's top (mm).
  double baseline() const;
  // Draws with the top-left corner of the ink-independent logical box at (x, y).
  void draw(double x, double y) const;

 private:
  cairo_t* cr_;
  PangoLayout* layout_;
  TextStyle style_;
  double w_ = 0, h_ = 0;
};

// Throws config_error when fontconfig has no font of this family (a substitute would
// silently change every map).
void require_font(const std::string& family);

}  // namespace careatlas::render::detail
