// Filter evaluation: a rule matches a feature when every condition holds, and a condition
// holds when the feature's value equals any of the condition's values.
#include <cmath>

#include "careatlas/style/style.hpp"

namespace careatlas::style {

namespace {

// A double equals a long long only when it is exactly that integer (no rounding of
// large integers to the nearest double).
bool same_number(double d, long long i) {
  if (!std::isfinite(d) || d != std::trunc(d)) return false;
  constexpr double kTwo63 = 9223372036854775808.0;  // 2^63: the first double past LLONG_MAX
  if (d < -kTwo63 || d >= kTwo63) return false;
  return static_cast<long long>(d) == i;
}

bool equal(const Value& a, const Value& b) {
  if (const auto* ai = std::get_if<long long>(&a)) {
    if (const auto* bi = std::get_if<long long>(&b)) return *ai == *bi;
    if (const auto* bd = std::get_if<double>(&b)) return same_number(*bd, *ai);
    return false;
  }
  if (const auto* ad = std::get_if<double>(&a)) {
    if (const auto* bd = std::get_if<double>(&b)) return *ad == *bd;
    if (const auto* bi = std::get_if<long long>(&b)) return same_number(*ad, *bi);
    return false;
  }
  // bool with bool, string with string (bytewise); anything else differs.
  return a == b;
}

}  // namespace

bool matches(const Rule& rule, const Attributes& feature) {
  for (const Condition& c : rule.filter) {
    const std::optional<Value> v = feature.get(c.attribute);
    if (!v) return false;
    bool any = false;
    for (const Value& want : c.any_of)
      if (equal(*v, want)) {
        any = true;
        break;
      }
    if (!any) return false;
  }
  return true;
}

}  // namespace careatlas::style
