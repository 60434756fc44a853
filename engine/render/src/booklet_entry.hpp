#pragma once
// One entry of the booklet as a box: the header (the number in an inverted box — the
// number on the maps —, the reading small above the bold name, the kind and the badges),
// then the fields as a two-column table (grey label, value wrapped at the rest of the
// width; an unanswered value in grey). Laid out once at a width and a type scale; drawn
// anywhere after.
#include <cairo.h>

#include <memory>
#include <string>
#include <vector>

#include "booklet_look.hpp"
#include "careatlas/geometry/label_placement.hpp"
#include "careatlas/render/booklet.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

// A badge: its short text in a small outlined, rounded mark (the same in entries and on
// the how-to-read page).
class BadgeMark {
 public:
  BadgeMark(cairo_t* cr, const std::string& text, const BookletLook& look, double scale = 1);
  double width() const { return w_; }
  double height() const { return h_; }
  void draw(double x, double y) const;

 private:
  cairo_t* cr_;
  Text text_;
  double pad_x_, pad_y_, line_mm_, w_, h_;
};

// The entry number, white bold digits in a dark box at least `min_height` high.
class NumberBox {
 public:
  NumberBox(cairo_t* cr, int number, double size_pt, const BookletLook& look, double min_height = 0);
  double width() const { return w_; }
  double height() const { return h_; }
  void draw(double x, double y) const;

 private:
  cairo_t* cr_;
  Text text_;
  style::Colour fill_;
  double w_, h_;
};

class EntryBlock {
 public:
  // `continued`: a later part of an entry too long for one page (its name says （続き）).
  EntryBlock(cairo_t* cr, const BookletEntry& entry, double width, const BookletLook& look, double scale,
             bool continued = false);
  ~EntryBlock();
  EntryBlock(const EntryBlock&) = delete;
  EntryBlock& operator=(const EntryBlock&) = delete;

  double width() const { return width_; }
  double height() const { return height_; }
  void draw(double x, double y) const;

  // Where the parts lie, relative to the block's top-left (the how-to-read page points at
  // them). Empty boxes for parts the entry lacks.
  struct Parts {
    geometry::PaperBox number, kana, name, kind, badges, label, value, unanswered;
  };
  const Parts& parts() const { return parts_; }

 private:
  struct Placed;
  cairo_t* cr_;
  double width_ = 0, height_ = 0;
  std::vector<std::unique_ptr<Placed>> items_;
  Parts parts_;
};

// Padding inside an entry's box, above and below its content (mm at scale 1).
inline constexpr double kEntryPadTop = 1.2;

}  // namespace careatlas::render::detail
