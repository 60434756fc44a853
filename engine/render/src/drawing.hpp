#pragma once
// Drawing primitives on Cairo in paper millimetres: the map transform, polygons with
// fills, hatches and lines, point symbols (shapes that differ in grayscale), numbers.
#include <cairo.h>

#include <string>

#include "careatlas/geometry/planar.hpp"
#include "careatlas/render/map.hpp"
#include "careatlas/style/style.hpp"

namespace careatlas::render::detail {

// Map metres → paper millimetres: uniform scale, y flipped, the extent centred in the frame.
struct MapTransform {
  double scale = 1;  // mm per metre
  double x0 = 0, y1 = 0;  // map point at the frame's top-left
  double left = 0, top = 0;  // the frame's top-left on paper
  geometry::XY to_paper(geometry::XY p) const { return {left + (p.x - x0) * scale, top + (y1 - p.y) * scale}; }
  static MapTransform fit(const MapExtent& extent, const geometry::PaperBox& frame, double padding_fraction);
};

void set_colour(cairo_t* cr, const style::Colour& c);
void polygon_path(cairo_t* cr, const geometry::PlanarMultiPolygon& mp, const MapTransform& t);
// Fills the current path (kept) with a colour and optional hatch.
void fill_path(cairo_t* cr, const style::Colour& colour, style::Hatch hatch, const style::Colour& hatch_colour);
void stroke_path(cairo_t* cr, const style::LineSymbolizer& line);
// A point symbol centred at (x, y); `number` (may be empty) is written inside when the
// symbolizer asks for it. Returns the symbol's radius in mm.
double point_symbol(cairo_t* cr, double x, double y, const style::PointSymbolizer& s, const std::string& number,
                    const std::string& font);

}  // namespace careatlas::render::detail
