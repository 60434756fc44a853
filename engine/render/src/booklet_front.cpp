// The booklet's front matter: the cover, the how-to-read pages and the contents.
#include <algorithm>
#include <numbers>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "booklet_entry.hpp"
#include "booklet_flow.hpp"
#include "booklet_layout.hpp"
#include "drawing.hpp"
#include "legend.hpp"
#include "sheet_renderer.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

namespace {

using geometry::PaperBox;

// ---- Cover ---------------------------------------------------------------------------

// The title as set on the cover: a title too long for one line is broken before its
// parenthesis (…連絡帳 / （ケアマネジャー用）) when that takes no more lines.
std::string cover_title(cairo_t* cr, const std::string& title, const BookletLook& look, double width) {
  const TextStyle ts = look.text(look.cover_title_pt, true, width);
  const int lines = Text(cr, title, ts).line_count();
  const std::size_t paren = title.find("（");
  if (lines < 2 || paren == std::string::npos || paren == 0) return title;
  std::string broken = title.substr(0, paren);
  while (!broken.empty() && broken.back() == ' ') broken.pop_back();
  broken += "\n" + title.substr(paren);
  return Text(cr, broken, ts).line_count() <= lines ? broken : title;
}

void draw_cover(cairo_t* cr, const Booklet& b, const BookletLook& look, const PaperBox& body, double page_h) {
  const double w = body.x1 - body.x0;
  const double top = body.y0 + page_h * 0.24;
  if (!b.municipality.empty()) {
    const Text m(cr, b.municipality, look.text(look.cover_title_pt * 0.55, look.label, false, w));
    m.draw(body.x0, top - 4 - m.height());
  }
  hline(cr, body.x0, body.x1, top, 1.2, look.dark);
  const Text title(cr, cover_title(cr, b.title, look, w), look.text(look.cover_title_pt, true, w));
  title.draw(body.x0, top + 7);
  double y = top + 7 + title.height() + 5;
  hline(cr, body.x0, body.x1, y, 0.3, look.dark);
  if (!b.edition.empty()) {
    const Text e(cr, b.edition, look.text(look.cover_title_pt * 0.5, false, w));
    e.draw(body.x0, y + 5);
  }
  if (!b.issuer.empty()) {
    const Text i(cr, b.issuer, look.text(look.cover_title_pt * 0.5, false, w));
    const double iy = body.y1 - i.height();
    hline(cr, body.x0, body.x1, iy - 3, 0.3, look.rule);
    i.draw(body.x0, iy);
  }
}

// ---- How to read ---------------------------------------------------------------------

// The width of the example entry's frame on the how-to-read page (the callouts take the rest).
double example_width(double width, const BookletLook& look) {
  return look.columns > 1 ? (width - look.gutter_mm) / 2 : width * 0.6;
}

// The entry shown as the example: the first that shows the most of what an entry can
// show (reading, badges, a field, an unanswered field) and is not too tall.
const BookletEntry* example_entry(cairo_t* cr, const Booklet& b, const BookletLook& look, double width,
                                  double max_height) {
  const BookletEntry* best = nullptr;
  int best_score = -1;
  for (const BookletSection& s : b.sections)
    for (const BookletGroup& g : s.groups)
      for (const BookletEntry& e : g.entries) {
        const int score = !e.kana.empty() + !e.badges.empty() + !e.fields.empty() +
                          std::any_of(e.fields.begin(), e.fields.end(), [](const EntryField& f) { return f.unanswered; });
        if (score <= best_score) continue;
        if (EntryBlock(cr, e, width, look, 1).height() > max_height) continue;
        best = &e;
        best_score = score;
        if (score == 4) return best;
      }
  return best;
}

// The example entry in a thin frame, and what its parts are, in callouts at its right
// joined to them by leader lines. Returns the height.
double example_block(cairo_t* cr, double x, double y, double width, const BookletEntry& e, const BookletLook& look,
                     bool draw) {
  const double pad = 2.0;
  const double ex_w = example_width(width, look);
  const EntryBlock block(cr, e, ex_w - 2 * pad, look, 1);
  const EntryBlock::Parts& p = block.parts();
  const double bx = x + pad, by = y + pad;
  const double box_right = x + ex_w;
  const double cx = box_right + 9;  // the callouts' left edge
  const double cw = x + width - cx;

  struct Callout {
    double anchor_x, anchor_y;
    std::string text;
  };
  std::vector<Callout> callouts;
  auto row = [&](std::initializer_list<const PaperBox*> parts, const std::string& text) {
    double right = -1, y0 = 0, y1 = 0;
    for (const PaperBox* b : parts) {
      if (!(b->x1 > b->x0)) continue;
      if (right < 0) {
        y0 = b->y0;
        y1 = b->y1;
      }
      right = std::max(right, b->x1);
    }
    if (right < 0) return;
    callouts.push_back({bx + right + 0.8, by + (y0 + y1) / 2, text});
  };
  row({&p.kana}, "ふりがな");
  row({&p.number, &p.name}, "番号と名称（番号は地図の記号の中の数字と同じです）");
  row({&p.kind, &p.badges}, "種別とマーク（マークの意味は下のとおり）");
  row({&p.label, &p.value}, "項目名と内容");
  if (p.unanswered.x1 > p.unanswered.x0 && p.unanswered.y0 > p.label.y0)
    row({&p.unanswered}, "未回答：調査で回答がなかった項目（灰色で表示）");

  const TextStyle ts = look.text(look.label_pt, false, std::max(cw, 10.0));
  double bottom = y + block.height() + 2 * pad;
  double prev = y - 10;
  std::vector<std::pair<double, double>> tops;  // callout top, its first line's middle
  for (const Callout& c : callouts) {
    const Text t(cr, c.text, ts);
    const double line = t.baseline() * 1.15;
    const double top = std::max(c.anchor_y - line / 2, prev + 1.5);
    if (draw) {
      t.draw(cx, top);
      const double mid = top + line / 2;
      cairo_new_path(cr);
      cairo_arc(cr, c.anchor_x, c.anchor_y, 0.45, 0, 2 * std::numbers::pi);
      set_colour(cr, look.dark);
      cairo_fill(cr);
      cairo_move_to(cr, c.anchor_x, c.anchor_y);
      cairo_line_to(cr, box_right + 3, c.anchor_y);
      cairo_line_to(cr, cx - 1.5, mid);
      cairo_set_line_width(cr, 0.2);
      cairo_stroke(cr);
    }
    prev = top + t.height();
    bottom = std::max(bottom, prev);
  }
  if (draw) {
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, ex_w, block.height() + 2 * pad);
    set_colour(cr, look.rule);
    cairo_set_line_width(cr, 0.25);
    cairo_stroke(cr);
    block.draw(bx, by);
  }
  return bottom - y;
}

// One badge with its explanation.
double badge_row(cairo_t* cr, double x, double y, double width, double mark_w, const std::string& mark,
                 bool is_badge, const std::string& explanation, const BookletLook& look, bool draw) {
  const Text t(cr, explanation, look.text(look.paragraph_pt, false, width - mark_w - 3));
  double h = t.height();
  if (is_badge) {
    const BadgeMark m(cr, mark, look);
    if (draw) m.draw(x, y + std::max(0.0, (t.baseline() - m.height()) / 2 + 0.4));
    h = std::max(h, m.height());
  } else {
    const Text m(cr, mark, look.text(look.kind_pt, look.label));
    if (draw) m.draw(x, y);
    h = std::max(h, m.height());
  }
  if (draw) t.draw(x + mark_w + 3, y);
  return h;
}

// The legend of the map symbols: that of the overview, else of the first section map.
// Found by drawing the map into a group that is thrown away.
std::vector<LegendEntry> map_legend(LayoutContext& ctx) {
  const MapSheet* sheet = ctx.booklet.overview ? &*ctx.booklet.overview : nullptr;
  for (const BookletSection& s : ctx.booklet.sections)
    if (!sheet && s.map) sheet = &*s.map;
  if (!sheet) return {};
  const std::vector<SheetView> views = sheet_views(*sheet, ctx.style);
  if (views.empty()) return {};
  RenderReport scratch;
  cairo_push_group(ctx.cr);
  const SheetArea area{ctx.frame.content(2), false, ctx.frame.width, ctx.frame.height};
  std::vector<LegendEntry> legend = draw_sheet_view(ctx.cr, *sheet, views.front(), area, ctx.style, scratch, 0);
  cairo_pattern_destroy(cairo_pop_group(ctx.cr));
  for (LegendEntry& e : legend) e.count.reset();  // what the symbols mean, not how many there are
  return legend;
}

double measured_legend(cairo_t* cr, double width, double room, const std::vector<LegendEntry>& legend,
                       const style::SheetStyle& ss) {
  cairo_push_group(cr);
  const LegendLayout L = draw_legend(cr, 0, 0, width, room, "", legend, ss);
  cairo_pattern_destroy(cairo_pop_group(cr));
  return L.height;
}

}  // namespace

void lay_out_cover(LayoutContext& ctx) {
  const int page = ctx.add_page(PageKind::cover, "");
  const PaperBox body = ctx.frame.body(page);
  const Booklet* b = &ctx.booklet;
  const BookletLook* look = &ctx.look;
  const double page_h = ctx.frame.height;
  ctx.plan.pages.back().items.push_back({body, [=](cairo_t* cr) { draw_cover(cr, *b, *look, body, page_h); }});
}

void lay_out_guide(LayoutContext& ctx) {
  cairo_t* cr = ctx.cr;
  const BookletLook* look = &ctx.look;
  const Booklet* b = &ctx.booklet;
  ColumnFlow flow(ctx.frame, 1, 0, [&ctx] { return ctx.add_page(PageKind::guide, "この冊子の見方"); });
  const double w = flow.full_width();
  const double para_gap = 3.0, section_gap = 5.0;

  auto subhead = [&](const std::string& text, double keep) {
    const double h = subheading(cr, 0, 0, w, text, *look, false);
    add_item(ctx, flow.place(h, section_gap, keep),
             [=](cairo_t* c, double x, double y) { subheading(c, x, y, w, text, *look, true); });
  };

  const double th = title_block(cr, 0, 0, w, "この冊子の見方", "", *look, false);
  add_item(ctx, flow.place(th, 0), [=](cairo_t* c, double x, double y) {
    title_block(c, x, y, w, "この冊子の見方", "", *look, true);
  });
  for (const std::string& para : b->how_to_read) {
    const TextStyle ts = look->text(look->paragraph_pt, false, w);
    const double h = Text(cr, para, ts).height();
    add_item(ctx, flow.place(h, para_gap), [=](cairo_t* c, double x, double y) { Text(c, para, ts).draw(x, y); });
  }

  // An entry explained.
  if (const BookletEntry* e = example_entry(cr, *b, *look, example_width(w, *look) - 4, flow.room() * 0.45)) {
    const double h = example_block(cr, 0, 0, w, *e, *look, false);
    subhead("掲載内容の見方", 2 + h);
    add_item(ctx, flow.place(h, 2), [=](cairo_t* c, double x, double y) { example_block(c, x, y, w, *e, *look, true); });
  }

  // The badges, and the note on entries that are not on the maps.
  std::vector<std::pair<std::string, std::string>> marks;
  for (const Badge& badge : b->badges) marks.emplace_back(badge.text, badge.explanation);
  bool unmapped = false, estimated = false;
  for (const BookletSection& s : b->sections)
    for (const BookletGroup& g : s.groups)
      for (const BookletEntry& e : g.entries) {
        unmapped = unmapped || !e.on_map;
        estimated = estimated || (e.on_map && e.from_address);
      }
  if (!marks.empty() || unmapped || estimated) {
    double mark_w = 0;
    for (const auto& m : marks) mark_w = std::max(mark_w, BadgeMark(cr, m.first, *look).width());
    const std::size_t badge_count = marks.size();
    for (const auto& [shown, note] : {std::pair{unmapped, kNotOnMapNote}, std::pair{estimated, kFromAddressNote}})
      if (shown) mark_w = std::max(mark_w, Text(cr, note, look->text(look->kind_pt)).width());
    if (unmapped) marks.emplace_back(kNotOnMapNote, "所在地が分からないため、地図には載せていない施設です。");
    if (estimated)
      marks.emplace_back(kFromAddressNote,
                         "公表データに座標がないため、住所（国土交通省の位置参照情報）から位置を推定して地図に載せた施設です。");
    bool first = true;
    for (std::size_t i = 0; i < marks.size(); ++i) {
      const auto [mark, text] = marks[i];
      const bool is_badge = i < badge_count;
      const double h = badge_row(cr, 0, 0, w, mark_w, mark, is_badge, text, *look, false);
      if (first) subhead("マークの意味", 2 + h);
      add_item(ctx, flow.place(h, first ? 2 : 1.6), [=](cairo_t* c, double x, double y) {
        badge_row(c, x, y, w, mark_w, mark, is_badge, text, *look, true);
      });
      first = false;
    }
  }

  // The map symbols.
  const std::vector<LegendEntry> legend = map_legend(ctx);
  if (!legend.empty()) {
    const style::SheetStyle ss = ctx.style.sheet;
    const double lw = std::min(w, 100.0);
    const std::string caption = "地図の記号の中の数字は、この冊子の掲載番号です。";
    const TextStyle cs = look->text(look->paragraph_pt, false, w);
    const double ch = Text(cr, caption, cs).height();
    const double lh = measured_legend(cr, lw, flow.room() * 0.6, legend, ss);
    subhead("地図の記号", 2 + ch + 2 + lh);
    add_item(ctx, flow.place(ch, 2, 2 + lh), [=](cairo_t* c, double x, double y) { Text(c, caption, cs).draw(x, y); });
    const double room = flow.room() * 0.6;
    add_item(ctx, flow.place(lh, 2), [=](cairo_t* c, double x, double y) {
      draw_legend(c, x, y, lw, room, "", legend, ss);
    });
  }

  // 出典.
  if (!b->sources.empty()) {
    bool first = true;
    for (const std::string& line : b->sources) {
      const TextStyle ts = look->text(look->note_pt + 1, false, w);
      const double h = Text(cr, line, ts).height();
      if (first) subhead("出典", 2 + h);
      add_item(ctx, flow.place(h, first ? 2 : 0.8), [=](cairo_t* c, double x, double y) { Text(c, line, ts).draw(x, y); });
      first = false;
    }
  }
}

namespace {

// One line of the contents: the title (its subtitle small under it), a dot leader, the
// page number at the right.
double toc_line(cairo_t* cr, double x, double y, double width, const std::string& title, const std::string& sub,
                const std::string& page, const BookletLook& look, bool draw) {
  const double num_w = Text(cr, "0000", look.text(look.toc_pt)).width();
  const double text_w = width - num_w - 10;
  const Text t(cr, title, look.text(look.toc_pt, true, text_w));
  double h = t.height();
  std::optional<Text> s;
  if (!sub.empty()) s.emplace(cr, sub, look.text(look.subtitle_pt, look.label, false, text_w));
  if (draw) {
    t.draw(x, y);
    const Text n(cr, page, look.text(look.toc_pt));
    const double line_top = y + t.last_line_top();
    n.draw(x + width - n.width(), line_top);
    dot_leader(cr, x + t.last_line_width() + 2, x + width - n.width() - 2, line_top + t.baseline() - 0.4, look.label);
    if (s) s->draw(x, y + h + 0.3);
  }
  if (s) h += 0.3 + s->height();
  return h;
}

}  // namespace

void lay_out_contents(LayoutContext& ctx, const std::vector<std::string>& titles,
                      const std::vector<std::string>& subtitles) {
  cairo_t* cr = ctx.cr;
  const BookletLook* look = &ctx.look;
  const BookletPlan* plan = &ctx.plan;
  ColumnFlow flow(ctx.frame, 1, 0, [&ctx] { return ctx.add_page(PageKind::contents, "目次"); });
  const double w = flow.full_width();
  const double th = title_block(cr, 0, 0, w, "目次", "", *look, false);
  add_item(ctx, flow.place(th, 0),
           [=](cairo_t* c, double x, double y) { title_block(c, x, y, w, "目次", "", *look, true); });
  for (std::size_t i = 0; i < titles.size(); ++i) {
    const std::string title = titles[i], sub = subtitles[i];
    const double h = toc_line(cr, 0, 0, w, title, sub, "", *look, false);
    add_item(ctx, flow.place(h, 3.2), [=](cairo_t* c, double x, double y) {
      toc_line(c, x, y, w, title, sub, std::to_string(plan->toc[i].page), *look, true);
    });
  }
}

}  // namespace careatlas::render::detail
