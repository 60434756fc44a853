#pragma once
// Drawing primitives on Cairo in paper millimetres: the map transform, polygons with
// fills, hatches and lines, point symbols (shapes that differ in grayscale), numbers.
#include <cairo.h>

#include <string>
#include <vector>

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
// The path of a polygon on paper. Vertices closer than kPathTolerance mm to the last one
// kept are left out: a national map has ~1.6 M district vertices, most of them a fraction
// of a printer dot apart, and every one costs time and bytes in the PDF (nation world:
// 6.0 → 4.5 s, 12.3 → 9.0 MB against 0.05 mm). The shift is below a 150-dpi pixel and a
// third of a boundary line's width (0.35 mm), so neighbours' shared edges still meet under
// the line.
inline constexpr double kPathTolerance = 0.1;
void polygon_path(cairo_t* cr, const geometry::PlanarMultiPolygon& mp, const MapTransform& t);
// Fills the current path (kept) with a colour and optional hatch.
void fill_path(cairo_t* cr, const style::Colour& colour, style::Hatch hatch, const style::Colour& hatch_colour);
void stroke_path(cairo_t* cr, const style::LineSymbolizer& line);
// How much of a point symbol is drawn, from how crowded its neighbourhood is on paper.
//   full       the symbol, and its number inside when the symbolizer asks for one
//   no_number  the symbol only: a symbol drawn after it, or a ring, reaches into where
//              its number would be, so the number could not be read
//   reduced    a symbol in a heap (kCrowd or more others overlap it, as in a city on a
//              national map): its shape at half size, filled, without outline, number or
//              ring (a ring symbolizer draws nothing). Full-size outlines and rings would
//              merge into black blobs that hide the districts beneath. A few symbols
//              touching in a town centre stay full size, with their rings.
enum class SymbolDetail { full, no_number, reduced };
inline constexpr int kCrowd = 10;

// A point symbol on paper, for symbol_details: the footprint radius of its symbol
// (symbol_radius; 0 = no symbol), of a ring drawn around it (0 = none), and its place in
// the drawing order (a later symbol covers an earlier one).
struct PlacedSymbol {
  geometry::XY at;
  double radius = 0;
  double number_reach = 0;  // number_reach() of its number (0: none)
  double ring = 0, ring_half_width = 0;
  std::size_t order = 0;
};

// The detail of every symbol (parallel to `symbols`), from the symbols around it: a
// uniform grid over the paper (164,582 symbols: about 20 ms).
std::vector<SymbolDetail> symbol_details(const std::vector<PlacedSymbol>& symbols);

// How far from the symbol's centre its number reaches (mm): the half-width of `number`
// as point_symbol writes it, at least its half-height; 0 when no number is written.
double number_reach(const style::PointSymbolizer& s, const std::string& number);

// The radius (mm) point_symbol returns for this symbolizer at full detail.
double symbol_radius(const style::PointSymbolizer& s);

// A point symbol centred at (x, y); `number` (may be empty) is written inside when the
// symbolizer asks for it, the detail allows it and the number fits at a legible size
// (kMinNumberPt); `number_printed` (optional) tells whether it was. Returns the symbol's
// radius in mm (0 for a ring not drawn).
inline constexpr double kMinNumberPt = 3.0;
double point_symbol(cairo_t* cr, double x, double y, const style::PointSymbolizer& s, const std::string& number,
                    const std::string& font, SymbolDetail detail = SymbolDetail::full,
                    bool* number_printed = nullptr);

}  // namespace careatlas::render::detail
