#include "classes.hpp"

#include <algorithm>
#include <cmath>

namespace careatlas::render::detail {

std::size_t Classing::class_of(double v) const {
  return static_cast<std::size_t>(std::lower_bound(upper.begin(), upper.end(), v) - upper.begin());
}

Classing make_classing(const style::ClassedFill& spec, std::vector<double> values) {
  Classing c;
  std::sort(values.begin(), values.end());
  if (!values.empty()) {
    c.min = values.front();
    c.max = values.back();
  }
  const std::size_t k = spec.colours.size();
  switch (spec.method) {
    case style::ClassMethod::manual:
      c.upper = spec.breaks;
      break;
    case style::ClassMethod::equal_interval:
      if (c.max > c.min)
        for (std::size_t i = 1; i < k; ++i)
          c.upper.push_back(c.min + (c.max - c.min) * static_cast<double>(i) / static_cast<double>(k));
      break;
    case style::ClassMethod::quantile:
      // Nearest rank: the i/k quantile is the value at rank ceil(i·n/k).
      for (std::size_t i = 1; i < k && !values.empty(); ++i) {
        const std::size_t rank = (i * values.size() + k - 1) / k;
        const double b = values[std::max<std::size_t>(rank, 1) - 1];
        if (b < c.max && (c.upper.empty() || b > c.upper.back())) c.upper.push_back(b);
      }
      break;
  }
  const std::size_t classes = c.upper.size() + 1;
  if (classes == k) {
    c.colours = spec.colours;
  } else {
    // One class (all values equal): the lightest colour, as nothing stands out.
    for (std::size_t i = 0; i < classes; ++i) {
      const std::size_t at = classes == 1 ? 0 : i * (k - 1) / (classes - 1);
      c.colours.push_back(spec.colours[at]);
    }
  }
  c.count.assign(classes, 0);
  c.lowest.assign(classes, 0);
  c.highest.assign(classes, 0);
  for (const double v : values) {  // ascending: the first value of a class is its lowest
    const std::size_t at = c.class_of(v);
    if (c.count[at]++ == 0) c.lowest[at] = v;
    c.highest[at] = v;
  }
  return c;
}

}  // namespace careatlas::render::detail
