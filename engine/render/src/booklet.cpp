// render_booklet: checks the booklet, lays it out (booklet_layout.hpp), then draws the
// pages in order into one PDF.
#include "careatlas/render/booklet.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include "booklet_layout.hpp"
#include "booklet_look.hpp"
#include "booklet_page.hpp"
#include "output_surface.hpp"
#include "text.hpp"

namespace careatlas::render {

namespace {

using namespace detail;

// Malformed input is the caller's bug: refused before a file is opened.
void check(const Booklet& b, const std::string& path, const RenderOptions& options) {
  const auto bad = [&](const std::string& why) { throw std::invalid_argument(path + ": booklet: " + why); };
  if (options.format != Format::pdf) bad("a booklet is written as PDF only");
  const double width = b.paper == BookletPaper::a5 ? 148 : 210;
  if (!(b.binding_mm >= 0) || !(b.margin_mm >= 0) || width - b.binding_mm - b.margin_mm < 80 ||
      !(b.margin_mm <= 40))
    bad("the margins leave no room for the entries (binding " + std::to_string(b.binding_mm) + " mm, margin " +
        std::to_string(b.margin_mm) + " mm)");
  std::set<int> numbers;
  for (const BookletSection& s : b.sections)
    for (const BookletGroup& g : s.groups)
      for (const BookletEntry& e : g.entries)
        if (!numbers.insert(e.number).second) bad("entry number " + std::to_string(e.number) + " is used twice");
  for (std::size_t i = 0; i < b.index.size(); ++i)
    if (!numbers.count(b.index[i].number))
      bad("index line " + std::to_string(i + 1) + " (" + b.index[i].name + ") names entry " +
          std::to_string(b.index[i].number) + ", which the booklet lacks");
}

// The field labels' column: as wide as the widest label (so that 「ケアマネタイム」 keeps to
// one line), within 12 mm and 22.5 mm (A5: 20 mm); longer labels wrap.
double label_column(cairo_t* cr, const Booklet& b, const BookletLook& look) {
  double widest = 0;
  std::set<std::string> seen;
  for (const BookletSection& s : b.sections)
    for (const BookletGroup& g : s.groups)
      for (const BookletEntry& e : g.entries)
        for (const EntryField& f : e.fields)
          if (seen.insert(f.label).second) widest = std::max(widest, Text(cr, f.label, look.text(look.label_pt)).width());
  return std::clamp(widest + 2.4, 12.0, look.columns > 1 ? 22.5 : 20.0);
}

void draw_footer(cairo_t* cr, const PageFrame& frame, int page, const std::string& footer, const BookletLook& look) {
  const geometry::PaperBox body = frame.body(page);
  TextStyle ts = look.text(look.note_pt, look.label);
  ts.ellipsize_mm = (body.x1 - body.x0) - 25;
  const Text t(cr, footer, ts);
  const double x = PageFrame::bound_left(page) ? body.x0 : body.x1 - t.width();
  t.draw(x, body.y1 - t.height());
}

}  // namespace

BookletReport render_booklet(const Booklet& booklet, const style::Style& style, const std::string& path,
                             const RenderOptions& options) {
  check(booklet, path, options);
  require_font(style.sheet.font);
  BookletLook look = booklet_look(booklet.paper, style.sheet.font);
  const double W = booklet.paper == BookletPaper::a5 ? 148 : 210, H = booklet.paper == BookletPaper::a5 ? 210 : 297;
  OutputSurface out(path, W, H, options, booklet.title);
  cairo_t* cr = out.cr();
  look.label_mm = label_column(cr, booklet, look);
  const PageFrame frame = page_frame(cr, booklet, look);

  // Lay out everything (measured on the output's own context), then draw.
  BookletPlan plan;
  LayoutContext ctx{cr, booklet, style, look, frame, plan};
  lay_out_booklet(ctx);
  const int pages = static_cast<int>(plan.pages.size());
  for (int page = 1; page <= pages; ++page) {
    if (page > 1) out.next_page(W, H);
    const PagePlan& p = plan.pages[static_cast<std::size_t>(page - 1)];
    // In reading order (a copy of the text follows the order of drawing): the running
    // header, the page's matter, the page number.
    if (p.kind != PageKind::cover) draw_running_head(cr, frame, page, booklet.title, p.running, look);
    for (const PageItem& item : p.items) {
      cairo_save(cr);
      item.draw(cr);
      cairo_restore(cr);
    }
    if (page == pages && page > 1 && !booklet.footer.empty()) draw_footer(cr, frame, page, booklet.footer, look);
    if (p.kind != PageKind::cover) draw_folio(cr, frame, page, look);
  }
  out.finish();

  BookletReport report;
  report.pages = pages;
  report.entries = std::move(plan.entries);
  report.toc = std::move(plan.toc);
  report.index_pages = std::move(plan.index_pages);
  report.map_pages = std::move(plan.map_pages);
  report.maps = std::move(plan.maps);
  for (int page = 1; page <= pages; ++page) report.body_boxes.push_back(frame.body(page));
  return report;
}

}  // namespace careatlas::render
