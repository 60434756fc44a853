#pragma once
// The booklet laid out before anything is drawn: every page in order with what goes on
// it, and where every entry, map and index line landed.
//
// One pass, front to back. Pages are numbered as they are made (the cover is page 1): the
// how-to-read pages, then the contents — whose page count is fixed first, from the
// number and height of its lines, known before anything after it is laid out — then the
// overview map, the sections (map pages, then entries in columns), the index. The
// contents' and the index's page numbers are then known; drawing reads them from the plan.
#include <cairo.h>

#include <functional>
#include <string>
#include <vector>

#include "booklet_flow.hpp"
#include "booklet_look.hpp"
#include "booklet_page.hpp"
#include "careatlas/render/booklet.hpp"
#include "careatlas/style/style.hpp"

namespace careatlas::render::detail {

enum class PageKind { cover, guide, contents, map, entries, index };

// Something drawn on a page: its box (mm, on its page) and how to draw it. Draw functions
// lay their text out again with the same inputs, so they draw what was measured.
struct PageItem {
  geometry::PaperBox box;
  std::function<void(cairo_t*)> draw;
};

struct PagePlan {
  PageKind kind = PageKind::entries;
  std::string running;  // the running header's section side ("" on the cover)
  std::vector<PageItem> items;
};

struct BookletPlan {
  std::vector<PagePlan> pages;  // pages[0] is page 1
  std::vector<PlacedEntry> entries;
  std::vector<TocLine> toc;
  std::vector<int> index_pages;
  std::vector<int> map_pages;
  RenderReport maps;  // filled as the map pages are drawn
};

// What the parts of the layout share. add_page() appends a page and returns its number.
struct LayoutContext {
  cairo_t* cr;  // for measuring text (the output's own context)
  const Booklet& booklet;
  const style::Style& style;
  const BookletLook& look;
  const PageFrame& frame;
  BookletPlan& plan;
  int add_page(PageKind kind, const std::string& running);
};

// Adds what a flow placed to its page: `draw` is called with the slot's top-left.
void add_item(LayoutContext& ctx, const ColumnFlow::Slot& slot, std::function<void(cairo_t*, double, double)> draw);

// Lays the booklet out into `plan` (which must stay where it is: the draw functions refer to it).
void lay_out_booklet(LayoutContext& ctx);

// The parts, in page order (booklet_front.cpp, booklet_sections.cpp, booklet_index.cpp).
void lay_out_cover(LayoutContext& ctx);
void lay_out_guide(LayoutContext& ctx);
// Adds the contents pages for these titles; their page numbers are read from plan.toc
// (parallel to `titles`) when drawn.
void lay_out_contents(LayoutContext& ctx, const std::vector<std::string>& titles,
                      const std::vector<std::string>& subtitles);
// Map pages of one sheet (one per view), the first page's number returned.
int lay_out_map(LayoutContext& ctx, const MapSheet& sheet, const std::string& running);
// A section's entries; returns the page it starts on.
int lay_out_section_entries(LayoutContext& ctx, const BookletSection& section);
// The index; returns its first page (0 when the booklet has no index lines).
int lay_out_index(LayoutContext& ctx);

// The 五十音 row of a reading's first character: ア行 … ワ行, else その他 (kanji, Latin,
// digits, an empty reading). Hiragana and katakana, full- and half-width; voiced and small
// kana count as their base row (ガ → カ行, ぱ → ハ行, ッ → タ行, ヴ → ア行).
std::string gojuon_row(const std::string& reading);

}  // namespace careatlas::render::detail
