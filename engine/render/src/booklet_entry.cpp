#include "booklet_entry.hpp"

#include <algorithm>
#include <numbers>
#include <string>
#include <utility>

#include "drawing.hpp"

namespace careatlas::render::detail {

namespace {

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
  r = std::min({r, w / 2, h / 2});
  constexpr double q = std::numbers::pi / 2;
  cairo_new_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -q, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, q);
  cairo_arc(cr, x + r, y + h - r, r, q, 2 * q);
  cairo_arc(cr, x + r, y + r, r, 2 * q, 3 * q);
  cairo_close_path(cr);
}

geometry::PaperBox box_at(double x, double y, double w, double h) { return {x, y, x + w, y + h}; }

}  // namespace

BadgeMark::BadgeMark(cairo_t* cr, const std::string& text, const BookletLook& look, double scale)
    : cr_(cr),
      text_(cr, text, look.text(look.badge_pt * scale)),
      pad_x_(1.1 * scale),
      pad_y_(0.6 * scale),
      line_mm_(0.25 * scale),
      w_(text_.width() + 2 * pad_x_),
      h_(text_.height() + 2 * pad_y_) {}

void BadgeMark::draw(double x, double y) const {
  const double inset = line_mm_ / 2;
  rounded_rect(cr_, x + inset, y + inset, w_ - line_mm_, h_ - line_mm_, h_ * 0.3);
  cairo_set_source_rgb(cr_, 1, 1, 1);
  cairo_fill_preserve(cr_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_set_line_width(cr_, line_mm_);
  cairo_stroke(cr_);
  text_.draw(x + pad_x_, y + pad_y_);
}

NumberBox::NumberBox(cairo_t* cr, int number, double size_pt, const BookletLook& look, double min_height)
    : cr_(cr), text_(cr, std::to_string(number), [&] {
        TextStyle t = look.text(size_pt, true);
        t.colour = {1, 1, 1, 1};
        return t;
      }()),
      fill_(look.dark) {
  const double pad = size_pt * kMmPerPt * 0.35;
  h_ = std::max(text_.height() + 0.2, min_height);
  // At least a square: one- and two-digit numbers get boxes of the same width.
  w_ = std::max(text_.width() + 2 * pad, h_ * 1.25);
}

void NumberBox::draw(double x, double y) const {
  cairo_new_path(cr_);
  cairo_rectangle(cr_, x, y, w_, h_);
  set_colour(cr_, fill_);
  cairo_fill(cr_);
  text_.draw(x + (w_ - text_.width()) / 2, y + (h_ - text_.height()) / 2);
}

struct EntryBlock::Placed {
  double x = 0, y = 0;
  std::unique_ptr<Text> text;
  std::unique_ptr<BadgeMark> badge;
  std::unique_ptr<NumberBox> number;
};

EntryBlock::~EntryBlock() = default;

EntryBlock::EntryBlock(cairo_t* cr, const BookletEntry& e, double width, const BookletLook& look, double scale,
                       bool continued)
    : cr_(cr), width_(width) {
  const double s = scale;
  auto put_text = [&](double x, double y, const std::string& text, const TextStyle& ts) -> const Text& {
    auto p = std::make_unique<Placed>();
    p->x = x;
    p->y = y;
    p->text = std::make_unique<Text>(cr, text, ts);
    items_.push_back(std::move(p));
    return *items_.back()->text;
  };

  // Header: the number box at the left, level with the name's first line.
  const TextStyle name_style = look.text(look.name_pt * s, true);
  const double name_line = Text(cr, "あ", name_style).height();
  auto num = std::make_unique<NumberBox>(cr, e.number, look.number_pt * s, look, name_line * 0.92);
  const double text_x = num->width() + 1.8 * s;
  const double text_w = std::max(width - text_x, 10.0);
  double y = kEntryPadTop * s;
  if (!e.kana.empty()) {
    const Text& k = put_text(text_x, y, e.kana, look.text(look.kana_pt * s, look.label, false, text_w));
    parts_.kana = box_at(text_x, y, k.width(), k.height());
    y += k.height() + 0.1 * s;
  }
  {  // the number first: a copy of the text reads 「12 みさき内科クリニック」
    const double ny = y + (name_line - num->height()) / 2;
    parts_.number = box_at(0, ny, num->width(), num->height());
    auto p = std::make_unique<Placed>();
    p->y = ny;
    p->number = std::move(num);
    items_.push_back(std::move(p));
  }
  TextStyle ns = name_style;
  ns.wrap_mm = text_w;
  const Text& name = put_text(text_x, y, continued ? e.name + "（続き）" : e.name, ns);
  parts_.name = box_at(text_x, y, name.width(), name.height());
  y += name.height();

  // The kind, the badges and 地図に表示なし, in a row that wraps.
  if (!continued && (!e.kind_label.empty() || !e.badges.empty() || !e.on_map || e.from_address)) {
    y += 0.9 * s;
    std::vector<std::unique_ptr<Placed>> row;
    double x = text_x, row_h = 0;
    const double gap = 1.2 * s;
    auto flush = [&] {
      for (auto& p : row) {
        const double h = p->text ? p->text->height() : p->badge->height();
        p->y = y + (row_h - h) / 2;
        items_.push_back(std::move(p));
      }
      row.clear();
      y += row_h;
    };
    const Placed* kind = nullptr;
    const Placed* first_badge = nullptr;
    auto add = [&](std::unique_ptr<Placed> p) -> const Placed* {
      const double w = p->text ? p->text->width() : p->badge->width();
      const double h = p->text ? p->text->height() : p->badge->height();
      if (x > text_x && x + w > width) {
        flush();
        y += 0.6 * s;
        x = text_x;
        row_h = 0;
      }
      p->x = x;
      x += w + gap;
      row_h = std::max(row_h, h);
      row.push_back(std::move(p));
      return row.back().get();
    };
    if (!e.kind_label.empty()) {
      auto p = std::make_unique<Placed>();
      p->text = std::make_unique<Text>(cr, e.kind_label, look.text(look.kind_pt * s, look.label));
      kind = add(std::move(p));
    }
    for (const std::string& b : e.badges) {
      auto p = std::make_unique<Placed>();
      p->badge = std::make_unique<BadgeMark>(cr, b, look, s);
      const Placed* q = add(std::move(p));
      if (!first_badge) first_badge = q;
    }
    if (!e.on_map || e.from_address) {
      auto p = std::make_unique<Placed>();
      p->text = std::make_unique<Text>(cr, e.on_map ? kFromAddressNote : kNotOnMapNote, look.text(look.kind_pt * s, look.label));
      add(std::move(p));
    }
    flush();
    if (kind) parts_.kind = box_at(kind->x, kind->y, kind->text->width(), kind->text->height());
    if (first_badge)
      parts_.badges = box_at(first_badge->x, first_badge->y, first_badge->badge->width(), first_badge->badge->height());
  }

  // The fields: label | value.
  if (!e.fields.empty()) y += 1.3 * s;
  const double label_w = look.label_mm * s;
  const double value_w = std::max(width - label_w, 10.0);
  for (const EntryField& f : e.fields) {
    // The label's first baseline on the value's (the label's type is a little smaller).
    const double shift = Text(cr, "あ", look.text(look.body_pt * s)).baseline() -
                         Text(cr, "あ", look.text(look.label_pt * s)).baseline();
    const Text& label =
        put_text(0, y + shift, f.label, look.text(look.label_pt * s, look.label, false, label_w - 1.2 * s));
    const Text& value =
        put_text(label_w, y, f.value, look.text(look.body_pt * s, f.unanswered ? look.unanswered : look.ink, false, value_w));
    if (parts_.label.x1 <= parts_.label.x0) {
      parts_.label = box_at(0, y + shift, label.width(), label.height());
      parts_.value = box_at(label_w, y, value.width(), value.height());
    }
    if (f.unanswered && parts_.unanswered.x1 <= parts_.unanswered.x0)
      parts_.unanswered = box_at(label_w, y, value.width(), value.height());
    y += std::max(shift + label.height(), value.height()) + 0.45 * s;
  }
  height_ = std::max(y, parts_.number.y1) + 1.2 * s;
}

void EntryBlock::draw(double x, double y) const {
  for (const auto& p : items_) {
    if (p->text) p->text->draw(x + p->x, y + p->y);
    else if (p->badge) p->badge->draw(x + p->x, y + p->y);
    else if (p->number) p->number->draw(x + p->x, y + p->y);
  }
}

}  // namespace careatlas::render::detail
