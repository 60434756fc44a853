#include "drawing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "text.hpp"

namespace careatlas::render::detail {

MapTransform MapTransform::fit(const MapExtent& e, const geometry::PaperBox& frame, double padding_fraction) {
  MapTransform t;
  const double fw = frame.x1 - frame.x0, fh = frame.y1 - frame.y0;
  const double ew = std::max(e.x1 - e.x0, 1.0), eh = std::max(e.y1 - e.y0, 1.0);
  t.scale = std::min(fw / ew, fh / eh) * (1 - 2 * padding_fraction);
  // Centre the extent in the frame.
  const double cx = (e.x0 + e.x1) / 2, cy = (e.y0 + e.y1) / 2;
  t.x0 = cx - fw / 2 / t.scale;
  t.y1 = cy + fh / 2 / t.scale;
  t.left = frame.x0;
  t.top = frame.y0;
  return t;
}

void set_colour(cairo_t* cr, const style::Colour& c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

void polygon_path(cairo_t* cr, const geometry::PlanarMultiPolygon& mp, const MapTransform& t) {
  constexpr double tol2 = kPathTolerance * kPathTolerance;
  std::vector<geometry::XY> kept;
  auto ring = [&](const geometry::PlanarRing& r) {
    if (r.size() < 3) return;
    kept.clear();
    kept.push_back(t.to_paper(r.front()));
    for (std::size_t i = 1; i < r.size(); ++i) {
      const geometry::XY p = t.to_paper(r[i]);
      const geometry::XY& last = kept.back();
      // The last vertex is always kept, so the ring closes where its data does.
      if (i + 1 < r.size() && (p.x - last.x) * (p.x - last.x) + (p.y - last.y) * (p.y - last.y) < tol2) continue;
      kept.push_back(p);
    }
    // A ring smaller on paper than the tolerance (a 500 m cell on a map of Japan) would
    // thin to a line and fill nothing: it keeps every vertex.
    if (kept.size() < 4) {
      kept.clear();
      for (const geometry::XY& q : r) kept.push_back(t.to_paper(q));
    }
    cairo_move_to(cr, kept.front().x, kept.front().y);
    for (std::size_t i = 1; i < kept.size(); ++i) cairo_line_to(cr, kept[i].x, kept[i].y);
    cairo_close_path(cr);
  };
  for (const auto& poly : mp) {
    ring(poly.outer());
    for (const auto& h : poly.inners()) ring(h);
  }
}

namespace {

void hatch_lines(cairo_t* cr, style::Hatch hatch, const style::Colour& colour) {
  double x0, y0, x1, y1;
  cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
  cairo_save(cr);
  cairo_clip_preserve(cr);
  cairo_new_path(cr);
  set_colour(cr, colour);
  const double step = 1.6;  // mm between hatch lines
  const double span = (x1 - x0) + (y1 - y0);
  if (hatch == style::Hatch::dots) {
    for (double y = std::floor(y0 / step) * step; y <= y1; y += step)
      for (double x = std::floor(x0 / step) * step; x <= x1; x += step) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, 0.18, 0, 2 * std::numbers::pi);
      }
    cairo_fill(cr);
  } else {
    cairo_set_line_width(cr, 0.15);
    // Lines on a fixed paper grid (x − y = k·step), so neighbouring areas' hatches meet.
    for (double k = std::floor((x0 - y1) / step) * step; k <= x1 - y0; k += step) {
      cairo_move_to(cr, y0 + k, y0);
      cairo_line_to(cr, y0 + k + span, y0 + span);
    }
    if (hatch == style::Hatch::cross)
      for (double k = std::floor((x0 + y0) / step) * step; k <= x1 + y1; k += step) {
        cairo_move_to(cr, k - y0, y0);
        cairo_line_to(cr, k - y0 - span, y0 + span);
      }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

}  // namespace

void fill_path(cairo_t* cr, const style::Colour& colour, style::Hatch hatch, const style::Colour& hatch_colour) {
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_colour(cr, colour);
  cairo_fill_preserve(cr);
  if (hatch != style::Hatch::none) hatch_lines(cr, hatch, hatch_colour);
}

void stroke_path(cairo_t* cr, const style::LineSymbolizer& line) {
  set_colour(cr, line.colour);
  cairo_set_line_width(cr, line.width_mm);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash(cr, line.dash_mm.data(), static_cast<int>(line.dash_mm.size()), 0);
  cairo_stroke_preserve(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
}

namespace {

void regular(cairo_t* cr, double x, double y, double r, int n, double start_deg) {
  for (int i = 0; i < n; ++i) {
    const double a = (start_deg + 360.0 * i / n) * std::numbers::pi / 180.0;
    const double px = x + r * std::cos(a), py = y + r * std::sin(a);
    if (i == 0) cairo_move_to(cr, px, py);
    else cairo_line_to(cr, px, py);
  }
  cairo_close_path(cr);
}

// The outline of a symbol's shape of radius r, as the current path.
void shape_path(cairo_t* cr, double x, double y, double r, style::Shape shape) {
  cairo_new_path(cr);
  switch (shape) {
    case style::Shape::circle:
    case style::Shape::ring:
      cairo_arc(cr, x, y, r, 0, 2 * std::numbers::pi);
      break;
    case style::Shape::square:
      cairo_rectangle(cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case style::Shape::triangle:  // apex up (−90°); a little larger, as it covers less
      regular(cr, x, y + r * 0.15, r * 1.2, 3, -90);
      break;
    case style::Shape::diamond:
      regular(cr, x, y, r * 1.1, 4, -90);
      break;
    case style::Shape::pentagon:
      regular(cr, x, y, r, 5, -90);
      break;
    case style::Shape::hexagon:
      regular(cr, x, y, r, 6, 0);
      break;
    case style::Shape::star:
      for (int i = 0; i < 10; ++i) {
        const double a = (-90 + 36.0 * i) * std::numbers::pi / 180.0, rr = i % 2 ? r * 0.5 : r * 1.15;
        if (i == 0) cairo_move_to(cr, x + rr * std::cos(a), y + rr * std::sin(a));
        else cairo_line_to(cr, x + rr * std::cos(a), y + rr * std::sin(a));
      }
      cairo_close_path(cr);
      break;
    case style::Shape::cross: {
      const double w = r * 0.35;
      cairo_move_to(cr, x - w, y - r);
      for (auto [dx, dy] : {std::pair{w, -r}, {w, -w}, {r, -w}, {r, w}, {w, w}, {w, r}, {-w, r}, {-w, w}, {-r, w},
                            {-r, -w}, {-w, -w}})
        cairo_line_to(cr, x + dx, y + dy);
      cairo_close_path(cr);
      break;
    }
  }
}

// A reduced symbol is drawn at this fraction of its size.
constexpr double kReducedScale = 0.5;

}  // namespace

double symbol_radius(const style::PointSymbolizer& s) {
  const double r = s.size_mm / 2;
  return s.shape == style::Shape::triangle || s.shape == style::Shape::star ? r * 1.2 : r;
}

double number_reach(const style::PointSymbolizer& s, const std::string& number) {
  if (!s.number || number.empty() || s.shape == style::Shape::ring) return 0;
  // Digits are half an em wide, the em is 1.25 r (point_symbol), and the width is capped
  // at 1.6 r by shrinking; the ink of a digit is about 0.7 em high.
  const double r = s.size_mm / 2, em = 1.25 * r;
  const double half_width = std::min(0.8 * r, 0.25 * em * static_cast<double>(number.size()));
  return std::max(half_width, 0.35 * em);
}

std::vector<SymbolDetail> symbol_details(const std::vector<PlacedSymbol>& symbols) {
  const std::size_t n = symbols.size();
  std::vector<SymbolDetail> out(n, SymbolDetail::full);
  // Farthest centre distance at which two symbols can meet: two footprints, or a
  // footprint and a ring's stroke.
  double max_r = 0, max_ring = 0;
  double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
  for (const PlacedSymbol& s : symbols) {
    if (!(s.radius > 0) || !std::isfinite(s.at.x) || !std::isfinite(s.at.y)) continue;
    max_r = std::max(max_r, s.radius);
    max_ring = std::max(max_ring, s.ring + s.ring_half_width);
    x0 = std::min(x0, s.at.x);
    y0 = std::min(y0, s.at.y);
    x1 = std::max(x1, s.at.x);
    y1 = std::max(y1, s.at.y);
  }
  if (!(max_r > 0)) return out;
  // Cells of at least the reach, and at most ~1 M of them.
  double cell = max_r + std::max(max_r, max_ring);
  cell = std::max(cell, std::sqrt((x1 - x0) * (y1 - y0) / 1.0e6));
  const std::size_t nx = static_cast<std::size_t>((x1 - x0) / cell) + 1;
  const std::size_t ny = static_cast<std::size_t>((y1 - y0) / cell) + 1;
  const auto cell_of = [&](const PlacedSymbol& s) {
    return static_cast<std::size_t>((s.at.y - y0) / cell) * nx + static_cast<std::size_t>((s.at.x - x0) / cell);
  };
  // Symbols bucketed by cell (counting sort: two flat arrays, whatever the count).
  std::vector<std::uint32_t> start(nx * ny + 1, 0), items;
  std::vector<char> placed(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (symbols[i].radius > 0 && std::isfinite(symbols[i].at.x) && std::isfinite(symbols[i].at.y)) {
      placed[i] = 1;
      ++start[cell_of(symbols[i]) + 1];
    }
  for (std::size_t c = 0; c < nx * ny; ++c) start[c + 1] += start[c];
  items.resize(start.back());
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      if (placed[i]) items[fill[cell_of(symbols[i])]++] = static_cast<std::uint32_t>(i);
  }

  // The own cell first, then its neighbours: in a heap the own cell alone usually holds
  // kCrowd overlapping symbols, and the scan stops there.
  constexpr std::array<std::array<int, 2>, 9> kOrder{
      {{0, 0}, {-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}}};
  for (std::size_t i = 0; i < n; ++i) {
    if (!placed[i]) continue;
    const PlacedSymbol& a = symbols[i];
    const double reach = a.number_reach;
    const auto cx = static_cast<long long>((a.at.x - x0) / cell), cy = static_cast<long long>((a.at.y - y0) / cell);
    int overlaps = 0;
    bool number_clear = true;
    for (const auto& [dx, dy] : kOrder) {
      const long long kx = cx + dx, ky = cy + dy;
      if (kx < 0 || ky < 0 || kx >= static_cast<long long>(nx) || ky >= static_cast<long long>(ny)) continue;
      const std::size_t c = static_cast<std::size_t>(ky) * nx + static_cast<std::size_t>(kx);
      for (std::uint32_t m = start[c]; m < start[c + 1] && overlaps < kCrowd; ++m) {
        if (items[m] == i) continue;
        const PlacedSymbol& b = symbols[items[m]];
        const double ex = b.at.x - a.at.x, ey = b.at.y - a.at.y, d2 = ex * ex + ey * ey;
        const double touch = a.radius + b.radius, covers = b.radius + reach;
        if (d2 < touch * touch) ++overlaps;
        if (reach > 0 && b.order >= a.order && d2 < covers * covers) number_clear = false;
        if (reach > 0 && b.ring > 0) {
          const double ring_far = b.ring + b.ring_half_width + reach;
          if (d2 < ring_far * ring_far && std::abs(std::sqrt(d2) - b.ring) < reach + b.ring_half_width)
            number_clear = false;
        }
      }
      if (overlaps >= kCrowd) break;
    }
    out[i] = overlaps >= kCrowd ? SymbolDetail::reduced : number_clear ? SymbolDetail::full : SymbolDetail::no_number;
  }
  return out;
}

double point_symbol(cairo_t* cr, double x, double y, const style::PointSymbolizer& s, const std::string& number,
                    const std::string& font, SymbolDetail detail, bool* number_printed) {
  if (number_printed) *number_printed = false;
  if (detail == SymbolDetail::reduced) {
    if (s.shape == style::Shape::ring) return 0;
    shape_path(cr, x, y, s.size_mm / 2 * kReducedScale, s.shape);
    set_colour(cr, s.fill);
    cairo_fill(cr);
    return symbol_radius(s) * kReducedScale;
  }
  const double r = s.size_mm / 2;
  shape_path(cr, x, y, r, s.shape);
  if (s.shape != style::Shape::ring) {
    set_colour(cr, s.fill);
    cairo_fill_preserve(cr);
  }
  set_colour(cr, s.stroke);
  cairo_set_line_width(cr, s.stroke_mm);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_dash(cr, s.dash_mm.data(), static_cast<int>(s.dash_mm.size()), 0);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
  if (s.number && !number.empty() && s.shape != style::Shape::ring && detail == SymbolDetail::full) {
    // Dark text on light fills, white on dark; shrunk until it fits inside the symbol,
    // and left out when it would have to shrink below a legible size.
    const double lum = 0.299 * s.fill.r + 0.587 * s.fill.g + 0.114 * s.fill.b;
    TextStyle ts;
    ts.font = font;
    ts.colour = lum > 0.5 ? style::Colour{0, 0, 0, 1} : style::Colour{1, 1, 1, 1};
    ts.size_pt = r * 1.25 / kMmPerPt;
    const Text t(cr, number, ts);
    const double fit = std::min(1.0, r * 1.6 / std::max(t.width(), 1e-9));  // one layout, scaled to fit
    if (ts.size_pt * fit >= kMinNumberPt) {
      cairo_save(cr);
      cairo_translate(cr, x, y);
      cairo_scale(cr, fit, fit);
      t.draw(-t.width() / 2, -t.height() / 2);
      cairo_restore(cr);
      if (number_printed) *number_printed = true;
    }
  }
  return symbol_radius(s);
}

}  // namespace careatlas::render::detail
