#pragma once
// The values of a style file as text, both ways: the enum names of each table (shapes,
// hatches, sources, …), colours (#rrggbb, #rrggbbaa), numbers as messages print them.
// Private to the style loader (load_style.cpp).
#include <toml++/toml.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "careatlas/style/style.hpp"

namespace careatlas::style::values {

template <class E>
struct Named {
  std::string_view name;
  E value;
};

constexpr Named<Shape> kShapes[] = {
    {"circle", Shape::circle},   {"square", Shape::square},     {"triangle", Shape::triangle},
    {"diamond", Shape::diamond}, {"pentagon", Shape::pentagon}, {"hexagon", Shape::hexagon},
    {"star", Shape::star},       {"cross", Shape::cross},       {"ring", Shape::ring},
};
constexpr Named<Hatch> kHatches[] = {
    {"none", Hatch::none}, {"diagonal", Hatch::diagonal}, {"cross", Hatch::cross}, {"dots", Hatch::dots}};
constexpr Named<ClassMethod> kMethods[] = {{"quantile", ClassMethod::quantile},
                                           {"equal_interval", ClassMethod::equal_interval},
                                           {"manual", ClassMethod::manual}};
constexpr Named<Source> kSources[] = {{"districts", Source::districts},
                                      {"facilities", Source::facilities},
                                      {"coverage", Source::coverage},
                                      {"cells", Source::cells},
                                      {"roads", Source::roads},
                                      {"context", Source::context}};

template <class E>
inline std::string_view name_of(E value, std::span<const Named<E>> names) {
  for (const auto& n : names)
    if (n.value == value) return n.name;
  return "?";
}

inline std::string join(const auto& names) {
  std::string out;
  for (const auto& n : names) {
    out += out.empty() ? "" : ", ";
    if constexpr (requires { n.name; })
      out += n.name;
    else
      out += n;
  }
  return out;
}

inline std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

inline std::string number_text(double v) {
  char buf[40];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

inline std::optional<Colour> parse_colour(std::string_view s) {
  if ((s.size() != 7 && s.size() != 9) || s[0] != '#') return std::nullopt;
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  double ch[4] = {0, 0, 0, 1};
  for (std::size_t i = 0; 2 * i + 1 < s.size(); ++i) {
    const int hi = hex(s[2 * i + 1]), lo = hex(s[2 * i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    ch[i] = (hi * 16 + lo) / 255.0;
  }
  return Colour{ch[0], ch[1], ch[2], ch[3]};
}

inline std::optional<double> as_number(const toml::node& n) {
  if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = n.as_floating_point()) return f->get();
  return std::nullopt;
}

}  // namespace careatlas::style::values
