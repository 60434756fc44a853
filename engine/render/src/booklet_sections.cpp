// The sections: map pages (the overview's too), then the entries in columns under their
// group headings.
#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "booklet_entry.hpp"
#include "booklet_flow.hpp"
#include "booklet_layout.hpp"
#include "drawing.hpp"
#include "sheet_renderer.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

namespace {

using geometry::PaperBox;

constexpr double kEntryGap = 2.6;     // between entries (a thin rule in its middle)
constexpr double kHeadingGap = 4.5;   // above a group heading
constexpr double kUnderHeading = 1.6; // between a heading and its first entry
// An entry too tall for a column is set across the columns, then in smaller type, down
// to this fraction of the booklet's.
constexpr double kSmallestScale = 0.75;

// How an entry is set: in a column, or across the columns (in smaller type if need be),
// or — too long for a page even so — in parts on consecutive pages.
struct Fitted {
  bool full = false;
  double scale = 1;
  std::vector<std::shared_ptr<const BookletEntry>> parts;  // the entry itself, or its parts
  std::vector<double> heights;                             // parallel to parts
};

std::size_t utf8_char_start(const std::string& s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Splits an entry too long for a page (even across the columns at the smallest type)
// into parts that each fit one: whole fields while they fit, then the field that does
// not, cut where its text still fits — after a 。 or a line break when one is near.
std::vector<std::shared_ptr<const BookletEntry>> split_entry(cairo_t* cr, const BookletEntry& e, double width,
                                                             double room, const BookletLook& look) {
  std::vector<std::shared_ptr<const BookletEntry>> parts;
  BookletEntry rest = e;
  const auto height = [&](const BookletEntry& x, bool continued) {
    return EntryBlock(cr, x, width, look, kSmallestScale, continued).height();
  };
  for (;;) {
    const bool continued = !parts.empty();
    if (height(rest, continued) <= room) {
      parts.push_back(std::make_shared<const BookletEntry>(std::move(rest)));
      return parts;
    }
    BookletEntry part = rest;
    part.fields.clear();
    std::size_t k = 0;
    for (; k < rest.fields.size(); ++k) {
      part.fields.push_back(rest.fields[k]);
      if (height(part, continued) > room) {
        part.fields.pop_back();
        break;
      }
    }
    // Field k does not fit whole: the longest beginning of its value that does.
    const EntryField& f = rest.fields.at(k);
    std::size_t lo = 0, hi = f.value.size();
    while (lo < hi) {
      const std::size_t mid = utf8_char_start(f.value, (lo + hi + 1) / 2);
      if (mid <= lo) break;
      part.fields.push_back({f.label, f.value.substr(0, mid), f.unanswered});
      const bool fits = height(part, continued) <= room;
      part.fields.pop_back();
      if (fits) lo = mid;
      else hi = mid - 1;
    }
    lo = utf8_char_start(f.value, lo);
    if (lo == 0 && k == 0)
      throw std::invalid_argument("booklet: entry " + std::to_string(e.number) + " (" + e.name +
                                  ") does not fit on a page even without its fields");
    std::size_t cut = lo;
    for (const std::string mark : {"\n", "。"}) {
      const std::size_t at = lo > 0 ? f.value.rfind(mark, lo - 1) : std::string::npos;
      if (at != std::string::npos && at + mark.size() <= lo && lo - (at + mark.size()) < 120) {
        cut = at + mark.size();
        break;
      }
    }
    std::vector<EntryField> remaining;
    if (cut > 0) {
      part.fields.push_back({f.label, f.value.substr(0, cut), f.unanswered});
      std::string tail = f.value.substr(cut);
      while (!tail.empty() && tail.front() == '\n') tail.erase(0, 1);
      if (!tail.empty()) remaining.push_back({f.label, tail, f.unanswered});
    } else {
      remaining.push_back(f);
    }
    remaining.insert(remaining.end(), rest.fields.begin() + static_cast<std::ptrdiff_t>(k) + 1, rest.fields.end());
    rest.fields = std::move(remaining);
    parts.push_back(std::make_shared<const BookletEntry>(std::move(part)));
  }
}

Fitted fit_entry(cairo_t* cr, const BookletEntry& e, double column_w, double full_w, double room,
                 const BookletLook& look) {
  Fitted f;
  const auto self = std::shared_ptr<const BookletEntry>(&e, [](const BookletEntry*) {});  // not owned
  const double h = EntryBlock(cr, e, column_w, look, 1).height();
  if (h <= room) {
    f.parts = {self};
    f.heights = {h};
    return f;
  }
  f.full = true;
  for (double scale = 1; scale >= kSmallestScale - 1e-9; scale -= 0.05) {
    const double hf = EntryBlock(cr, e, full_w, look, scale).height();
    if (hf <= room) {
      f.scale = scale;
      f.parts = {self};
      f.heights = {hf};
      return f;
    }
  }
  f.scale = kSmallestScale;
  f.parts = split_entry(cr, e, full_w, room, look);
  for (std::size_t i = 0; i < f.parts.size(); ++i)
    f.heights.push_back(EntryBlock(cr, *f.parts[i], full_w, look, f.scale, i > 0).height());
  return f;
}

// Whether an entry ends just above `box` on its page (a rule goes between them).
bool entry_above(const BookletPlan& plan, int page, const PaperBox& box) {
  for (auto it = plan.entries.rbegin(); it != plan.entries.rend() && it->page == page; ++it)
    if (it->box.x0 < box.x1 && box.x0 < it->box.x1 && it->box.y1 <= box.y0 + 1e-6 &&
        box.y0 - it->box.y1 < kEntryGap + 0.5)
      return true;
  return false;
}

}  // namespace

int lay_out_map(LayoutContext& ctx, const MapSheet& sheet, const std::string& running) {
  const std::vector<SheetView> views = sheet_views(sheet, ctx.style);
  int first = 0;
  for (const SheetView& view : views) {
    const int page = ctx.add_page(PageKind::map, running);
    if (first == 0) first = page;
    ctx.plan.map_pages.push_back(page);
    const SheetArea area{ctx.frame.content(page), false, ctx.frame.width, ctx.frame.height};
    const MapSheet* s = &sheet;
    const style::Style* st = &ctx.style;
    BookletPlan* plan = &ctx.plan;
    ctx.plan.pages.back().items.push_back({area.box, [=](cairo_t* cr) {
                                             draw_sheet_view(cr, *s, view, area, *st, plan->maps, page - 1);
                                             ++plan->maps.pages;
                                           }});
  }
  return first;
}

int lay_out_section_entries(LayoutContext& ctx, const BookletSection& section) {
  cairo_t* cr = ctx.cr;
  const BookletLook* look = &ctx.look;
  const std::string running = section.title;
  ColumnFlow flow(ctx.frame, look->columns, look->gutter_mm,
                  [&ctx, running] { return ctx.add_page(PageKind::entries, running); });
  const double full = flow.full_width(), col = flow.column_width(), room = flow.room();

  const std::string title = section.title, subtitle = section.subtitle;
  const double th = title_block(cr, 0, 0, full, title, subtitle, *look, false);
  const ColumnFlow::Slot ts = flow.place_full(th, 0);
  add_item(ctx, ts, [=](cairo_t* c, double x, double y) { title_block(c, x, y, full, title, subtitle, *look, true); });

  const TextStyle none_style = look->text(look->paragraph_pt, look->unanswered);
  const auto none = [&](double gap) {
    const double h = Text(cr, "掲載なし", none_style).height();
    add_item(ctx, flow.place(h, gap), [=](cairo_t* c, double x, double y) { Text(c, "掲載なし", none_style).draw(x, y); });
  };
  if (std::all_of(section.groups.begin(), section.groups.end(),
                  [](const BookletGroup& g) { return g.entries.empty(); })) {
    none(0);
    return ts.page;
  }

  bool section_first = true;
  for (const BookletGroup& g : section.groups) {
    const std::string group = g.title;
    const double hh = heading_bar(cr, 0, 0, col, group, look->group_pt, *look, false);
    const auto heading = [&](bool across, double keep) {
      const double w = across ? full : col;
      const double h = across ? heading_bar(cr, 0, 0, w, group, look->group_pt, *look, false) : hh;
      const ColumnFlow::Slot s =
          across ? flow.place_full(h, kHeadingGap, keep, kUnderHeading) : flow.place(h, kHeadingGap, keep);
      add_item(ctx, s, [=](cairo_t* c, double x, double y) { heading_bar(c, x, y, w, group, look->group_pt, *look, true); });
    };
    if (g.entries.empty()) {
      heading(false, kUnderHeading + Text(cr, "掲載なし", none_style).height());
      none(kUnderHeading);
      continue;
    }
    bool first = true;
    for (const BookletEntry& e : g.entries) {
      // A group's first entry shares its page with the heading (and the section's first
      // with the section's title): it is fitted to what is left under them.
      double avail = room;
      if (first) avail -= kHeadingGap + hh + kUnderHeading;
      if (section_first) avail -= th;
      section_first = false;
      const Fitted f = fit_entry(cr, e, col, full, avail, *look);
      if (first) heading(f.full, kUnderHeading + f.heights.front());
      PlacedEntry placed;
      placed.number = e.number;
      placed.section_id = section.id;
      placed.type_scale = f.scale;
      placed.full_width = f.full;
      for (std::size_t i = 0; i < f.parts.size(); ++i) {
        const double gap = first && i == 0 ? kUnderHeading : kEntryGap;
        const ColumnFlow::Slot s = f.full ? flow.place_full(f.heights[i], gap, 0, kEntryGap) : flow.place(f.heights[i], gap);
        const bool rule = !(first && i == 0) && entry_above(ctx.plan, s.page, s.box);
        const std::shared_ptr<const BookletEntry> part = f.parts[i];
        const double w = s.box.x1 - s.box.x0, scale = f.scale;
        const bool continued = i > 0;
        const style::Colour rule_colour = look->rule;
        add_item(ctx, s, [=](cairo_t* c, double x, double y) {
          if (rule) {
            cairo_new_path(c);
            cairo_move_to(c, x, y - kEntryGap / 2);
            cairo_line_to(c, x + w, y - kEntryGap / 2);
            set_colour(c, rule_colour);
            cairo_set_line_width(c, 0.2);
            cairo_stroke(c);
          }
          EntryBlock(c, *part, w, *look, scale, continued).draw(x, y);
        });
        if (i == 0) {
          placed.page = s.page;
          placed.box = s.box;
        }
        placed.pages = s.page - placed.page + 1;
        if (i == 0) ctx.plan.entries.push_back(placed);
        else ctx.plan.entries.back().pages = placed.pages;
      }
      first = false;
    }
  }
  return ts.page;
}

}  // namespace careatlas::render::detail
