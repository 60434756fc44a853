#include "booklet_layout.hpp"

#include <string>
#include <utility>
#include <vector>

namespace careatlas::render::detail {

int LayoutContext::add_page(PageKind kind, const std::string& running) {
  PagePlan p;
  p.kind = kind;
  p.running = running;
  plan.pages.push_back(std::move(p));
  return static_cast<int>(plan.pages.size());
}

void add_item(LayoutContext& ctx, const ColumnFlow::Slot& slot, std::function<void(cairo_t*, double, double)> draw) {
  ctx.plan.pages[static_cast<std::size_t>(slot.page - 1)].items.push_back(
      {slot.box, [draw = std::move(draw), box = slot.box](cairo_t* cr) { draw(cr, box.x0, box.y0); }});
}

void lay_out_booklet(LayoutContext& ctx) {
  const Booklet& b = ctx.booklet;
  lay_out_cover(ctx);
  const int guide = static_cast<int>(ctx.plan.pages.size()) + 1;
  lay_out_guide(ctx);

  // The contents' lines are known now; their pages once the rest is laid out.
  std::vector<std::string> titles{"この冊子の見方"}, subtitles{""};
  if (b.overview) {
    titles.emplace_back("全体図");
    subtitles.emplace_back();
  }
  for (const BookletSection& s : b.sections) {
    titles.push_back(s.title);
    subtitles.push_back(s.subtitle);
  }
  if (!b.index.empty()) {
    titles.emplace_back("索引");
    subtitles.emplace_back();
  }
  ctx.plan.toc.assign(titles.size(), {});
  for (std::size_t i = 0; i < titles.size(); ++i) ctx.plan.toc[i].title = titles[i];
  lay_out_contents(ctx, titles, subtitles);

  std::size_t t = 0;
  ctx.plan.toc[t++].page = guide;
  if (b.overview) ctx.plan.toc[t++].page = lay_out_map(ctx, *b.overview, "全体図");
  for (const BookletSection& s : b.sections) {
    const int map = s.map ? lay_out_map(ctx, *s.map, s.title) : 0;
    const int entries = lay_out_section_entries(ctx, s);
    ctx.plan.toc[t++].page = map > 0 ? map : entries;
  }
  if (!b.index.empty()) ctx.plan.toc[t++].page = lay_out_index(ctx);
}

}  // namespace careatlas::render::detail
