#pragma once
// What the render tests share: the default style, output options, and the text and page count of a PDF as
// poppler's pdftotext and pdfinfo (the tools behind many PDF viewers) read them.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "careatlas/render/map.hpp"
#include "careatlas/style/style.hpp"
#include "golden_image.hpp"

namespace careatlas::testing {

// styles/default.toml of the source tree, loaded once.
inline const style::Style& default_style() {
  static const style::Style s = style::load_style(std::string(CAREATLAS_SOURCE_DIR) + "/styles/default.toml");
  return s;
}

inline render::RenderOptions png(double dpi) {
  render::RenderOptions o;
  o.format = render::Format::png;
  o.dpi = dpi;
  return o;
}

// PDF with a fixed creation date (reproducible bytes).
inline render::RenderOptions pdf() {
  render::RenderOptions o;
  o.format = render::Format::pdf;
  o.creation_date = "2026-11-24";
  return o;
}

inline std::string pdf_text(const std::string& file) {
  std::string text;
  EXPECT_EQ(run_command("pdftotext -enc UTF-8 '" + file + "' -", &text), 0) << file;
  return text;
}

// The fonts pdffonts lists for the file that are NOT embedded (its "emb" column), and
// how many it lists in all.
struct PdfFonts {
  int listed = 0;
  std::vector<std::string> not_embedded;
};
inline PdfFonts pdf_fonts(const std::string& file) {
  PdfFonts f;
  std::string out;
  EXPECT_EQ(run_command("pdffonts '" + file + "'", &out), 0) << file;
  std::istringstream lines(out);
  std::string line;
  for (int i = 0; std::getline(lines, line); ++i) {
    if (i < 2 || line.empty()) continue;  // two header lines
    ++f.listed;
    if (line.find(" yes ") == std::string::npos) f.not_embedded.push_back(line);
  }
  return f;
}

// A rectangle district (metres), clockwise and closed as Boost.Geometry's default
// polygon, with the attributes the map job gives districts.
inline render::Feature district(const std::string& id, const std::string& name, double x0, double y0, double x1,
                                double y1) {
  geometry::PlanarPolygon p;
  p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
  render::Feature f;
  f.shape = geometry::PlanarMultiPolygon{p};
  f.attributes["id"] = id;
  f.attributes["name"] = name;
  f.attributes["level"] = std::string("daily_life_area");
  return f;
}

// −1 when pdfinfo reports no page count.
inline int pdf_pages(const std::string& file) {
  std::string info;
  EXPECT_EQ(run_command("pdfinfo '" + file + "'", &info), 0) << file;
  const auto at = info.find("\nPages:");
  if (at == std::string::npos) return -1;
  std::istringstream in(info.substr(at + 7));
  int n = 0;
  in >> n;
  return n;
}

}  // namespace careatlas::testing
