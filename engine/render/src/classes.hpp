#pragma once
// Classing a numeric attribute for a classed fill: quantile, equal interval or manual
// breaks. Pure arithmetic, tested on its own.
#include <string>
#include <vector>

#include "careatlas/style/style.hpp"

namespace careatlas::render::detail {

struct Classing {
  std::vector<double> upper;  // upper bound of each class but the last (ascending)
  double min = 0, max = 0;    // of the values classed
  std::vector<style::Colour> colours;  // one per class (upper.size() + 1)
  // Per class: how many values fall in it and the lowest and highest of them (0 when none).
  std::vector<std::size_t> count;
  std::vector<double> lowest, highest;
  // The class of a value: the first whose upper bound is >= v.
  std::size_t class_of(double v) const;
};

// Quantile breaks that coincide (many equal values) are merged, so there may be fewer
// classes than colours; the colours then spread over the palette from light to dark.
Classing make_classing(const style::ClassedFill& spec, std::vector<double> values);

}  // namespace careatlas::render::detail
