#include "heatmap_classes.hpp"

#include <algorithm>
#include <cmath>

#include "classes.hpp"

namespace careatlas::render::detail {

std::string HeatClass::text() const {
  return lo == hi ? std::to_string(lo) : std::to_string(lo) + " – " + std::to_string(hi);
}

int HeatClasses::class_of(double value) const {
  const long long v = std::llround(value);
  if (v <= 0 || classes.empty()) return -1;
  for (std::size_t i = 0; i < classes.size(); ++i)
    if (v <= classes[i].hi) return static_cast<int>(i);
  return static_cast<int>(classes.size()) - 1;
}

HeatClasses heat_classes(const style::HeatmapStyle& style, const std::vector<std::vector<double>>& values) {
  std::vector<double> positive;
  for (const auto& row : values)
    for (double v : row)
      if (const long long w = std::llround(v); w > 0) positive.push_back(static_cast<double>(w));
  HeatClasses out;
  if (positive.empty()) return out;
  const long long max = static_cast<long long>(*std::max_element(positive.begin(), positive.end()));
  const std::size_t k = style.colours.size();

  if (style.method == style::ClassMethod::manual) {
    // Fixed classes keep their colours (maps of several towns compare); only those up to
    // the one holding the largest value are listed, the open top class ending at it.
    long long lo = 1;
    for (std::size_t i = 0; i < k && lo <= max; ++i) {
      const long long hi = i + 1 < k ? static_cast<long long>(style.breaks[i]) : max;
      out.classes.push_back({lo, hi, style.colours[i], false});  // a fixed class shows its fixed bounds
      lo = hi + 1;
    }
    if (out.classes.size() == k && k > 1) out.classes.back().hatched = style.hatch_last != style::Hatch::none;
    return out;
  }

  style::ClassedFill spec;
  spec.method = style.method;
  spec.colours = style.colours;
  const Classing c = make_classing(spec, positive);
  // Whole-number upper bounds (equal intervals fall between integers), no empty class.
  std::vector<long long> upper;
  for (double u : c.upper) {
    const long long w = static_cast<long long>(std::floor(u));
    if (w >= 1 && w < max && (upper.empty() || w > upper.back())) upper.push_back(w);
  }
  const std::size_t n = upper.size() + 1;
  long long lo = 1;
  for (std::size_t i = 0; i < n; ++i) {
    // Fewer classes than colours: spread over the palette, as make_classing does.
    const std::size_t at = n == k ? i : (n == 1 ? 0 : i * (k - 1) / (n - 1));
    const long long hi = i < upper.size() ? upper[i] : max;
    out.classes.push_back({lo, hi, style.colours[at], false});
    lo = hi + 1;
  }
  if (n > 1) out.classes.back().hatched = style.hatch_last != style::Hatch::none;
  return out;
}

}  // namespace careatlas::render::detail
