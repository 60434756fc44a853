#pragma once
// The heatmap's classes: 0 ("no gap") has its own colour; the positive values, rounded to
// whole numbers (people), are classed by the style's method. Bounds are whole numbers and
// a class reads "lower – upper" with its own lower bound ("1 – 56", "57 – 213"), so the
// legend never suggests that 0 belongs to a coloured class. Pure arithmetic.
#include <string>
#include <vector>

#include "careatlas/style/style.hpp"

namespace careatlas::render::detail {

struct HeatClass {
  long long lo = 1, hi = 1;  // inclusive
  style::Colour colour;
  bool hatched = false;  // the darkest class of several, hatched for grayscale prints
  std::string text() const;  // "1 – 56", or "7" when lo == hi
};

struct HeatClasses {
  std::vector<HeatClass> classes;  // ascending; empty when no value is positive
  // -1 for a value that rounds to 0 (the zero colour), else its index in `classes`.
  int class_of(double value) const;
};

HeatClasses heat_classes(const style::HeatmapStyle& style, const std::vector<std::vector<double>>& values);

}  // namespace careatlas::render::detail
