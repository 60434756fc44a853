#pragma once
// Numbers as the tables print them.
#include <cmath>
#include <cstdio>
#include <string>

namespace careatlas::app::detail {

// `decimals` digits after the point, as printf's %.*f.
inline std::string fixed(double v, int decimals) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  return b;
}

// Rounded to the nearest integer.
inline std::string integer(double v) { return std::to_string(static_cast<long long>(std::llround(v))); }

}  // namespace careatlas::app::detail
