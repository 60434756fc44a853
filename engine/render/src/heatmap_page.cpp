#include "heatmap_page.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "drawing.hpp"
#include "sheet_parts.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

namespace {

constexpr const char* kDays[] = {"月", "火", "水", "木", "金", "土", "日", "祝"};
constexpr const char* kNightText = "夜間（22時〜6時）";
constexpr double kBandMm = 1.0;  // the night band's height
constexpr double kSwatchW = 5.0, kSwatchH = 3.5;

bool is_night(int hour) { return hour % 24 >= 22 || hour % 24 < 6; }

TextStyle text_style(const style::SheetStyle& s, double pt, bool bold) {
  TextStyle t;
  t.font = s.font;
  t.size_pt = pt;
  t.bold = bold;
  return t;
}

// Hairline outline of a legend swatch, as draw_legend does.
void outline(cairo_t* cr) {
  cairo_set_source_rgba(cr, 0.4, 0.4, 0.4, 1);
  cairo_set_line_width(cr, 0.15);
  cairo_stroke(cr);
}

}  // namespace

HeatmapPages::HeatmapPages(cairo_t* cr, const HeatmapSheet& sheet, const style::Style& style,
                           const HeatClasses& classes, bool paginate)
    : cr_(cr), sheet_(sheet), style_(style), classes_(classes), paginate_(paginate) {
  const style::SheetStyle& ss = style.sheet;
  hours_ = static_cast<int>(sheet.values.front().size());
  W_ = sheet.page.width_mm();
  H_ = sheet.page.height_mm();
  m_ = sheet.page.margin_mm;

  // Vertical budget: title block, header, grid, legend, notes (the notes at the bottom).
  std::vector<std::string> notes = sheet.sources;
  if (!sheet.footer.empty()) notes.push_back(sheet.footer);
  notes_h_ = text_block_height(cr, W_ - 2 * m_, notes, ss.note_pt, false, ss);
  grid_top_ = header(m_ + title_block(false, 0) + 4, false);
  const double legend_h = legend(m_, 0, false);
  const double avail = std::max(1.0, H_ - m_ - notes_h_ - 3 - legend_h - 3 - grid_top_);

  const std::size_t rows = sheet.row_labels.size();
  std::size_t pages = 1;
  if (paginate) {
    const auto per_page = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(avail / kMinRowMm)));
    pages = (rows + per_page - 1) / per_page;
  }
  // Even split: 130 rows on 3 pages are 44 + 43 + 43, not 57 + 57 + 16.
  for (std::size_t p = 0; p <= pages; ++p) first_row_.push_back(rows * p / pages);
  const std::size_t most = (rows + pages - 1) / pages;
  row_h_ = avail / static_cast<double>(most);  // the rows fill the page: a town of 6 districts too
  label_pt_ = std::min(ss.legend_pt, row_h_ * 0.8 / kMmPerPt);

  // The label column: as wide as the longest name, at most a fifth of the page; longer
  // names are cut with "…" (never drawn over the grid).
  double widest = 0;
  const TextStyle ls = text_style(ss, label_pt_, false);
  for (const std::string& l : sheet.row_labels) widest = std::max(widest, Text(cr, l, ls).width());
  label_w_ = std::min(widest, std::clamp(W_ * 0.18, 20.0, 60.0));
  grid_x0_ = m_ + label_w_ + 1.5;
  const double gaps = hours_ > 168 ? kHolidayGapMm : 0;
  hour_w_ = (W_ - m_ - grid_x0_ - gaps) / hours_;
}

double HeatmapPages::col_x(int hour) const {
  return grid_x0_ + hour * hour_w_ + (hour >= 168 ? kHolidayGapMm : 0);
}

std::vector<std::string> HeatmapPages::legend_entries() const {
  std::vector<std::string> out;
  if (!sheet_.value_caption.empty()) out.push_back(sheet_.value_caption);
  out.push_back("0");
  for (const HeatClass& c : classes_.classes) out.push_back(c.text());
  out.push_back(kNightText);
  return out;
}

// The title and subtitle, and on a sheet of several pages "2 / 3" at the top right.
double HeatmapPages::title_block(bool draw, int page) const {
  const style::SheetStyle& ss = style_.sheet;
  const double pager_w = paginate_ ? 20 : 0;  // room for "2 / 3", the same on every page
  TextStyle ts = text_style(ss, ss.title_pt, true);
  ts.wrap_mm = W_ - 2 * m_ - pager_w;
  TextStyle ss2 = text_style(ss, ss.subtitle_pt, false);
  ss2.wrap_mm = ts.wrap_mm;
  const Text title(cr_, sheet_.title, ts), sub(cr_, sheet_.subtitle, ss2);
  if (draw) {
    title.draw(m_, m_);
    if (!sheet_.subtitle.empty()) sub.draw(m_, m_ + title.height() + 1);
    if (count() > 1) {
      const Text pager(cr_, std::to_string(page + 1) + " / " + std::to_string(count()),
                       text_style(ss, ss.subtitle_pt, false));
      pager.draw(W_ - m_ - pager.width(), m_);
    }
  }
  return title.height() + (sheet_.subtitle.empty() ? 0 : sub.height() + 1);
}

// Day names, hour ticks and the night band from y down; returns the grid's top.
double HeatmapPages::header(double y, bool draw) const {
  const style::SheetStyle& ss = style_.sheet;
  const Text probe(cr_, "月", text_style(ss, ss.legend_pt * 1.1, true));
  const double tick_pt = std::min(ss.note_pt, ss.legend_pt);
  const Text tick_probe(cr_, "0", text_style(ss, tick_pt, false));
  const double tick_y = y + probe.height() + 0.3;
  const double band_y = tick_y + tick_probe.height() + 0.4;
  if (draw) {
    for (int d = 0; d * 24 < hours_; ++d) {
      const double x0 = col_x(d * 24), x1 = col_x(d * 24 + 23) + hour_w_;
      const Text day(cr_, kDays[d], text_style(ss, ss.legend_pt * 1.1, true));
      day.draw((x0 + x1 - day.width()) / 2, y);
      for (int h = 0; h < 24; h += 6) {
        // The number stands over its hour's cell (the hour from h:00 to h:59).
        const Text t(cr_, std::to_string(h), text_style(ss, tick_pt, false));
        const double cx = col_x(d * 24 + h) + hour_w_ / 2;
        t.draw(cx - t.width() / 2, tick_y);
      }
    }
    const Text hours_caption(cr_, "時", text_style(ss, tick_pt, false));
    hours_caption.draw(grid_x0_ - 1.5 - hours_caption.width(), tick_y);
    // The night band: 22:00–6:00 of every day, dark enough for grayscale.
    cairo_new_path(cr_);
    for (int h = 0; h < hours_; ++h)
      if (is_night(h)) cairo_rectangle(cr_, col_x(h), band_y, hour_w_, kBandMm);
    set_colour(cr_, style_.heatmap.night);
    cairo_fill(cr_);
  }
  return band_y + kBandMm + 0.6;
}

// The legend as one or more lines of items from (x, y); returns its height.
double HeatmapPages::legend(double x, double y, bool draw) const {
  const style::SheetStyle& ss = style_.sheet;
  const style::HeatmapStyle& hs = style_.heatmap;
  struct Item {
    std::unique_ptr<Text> text;
    int swatch;  // -3 none, -2 night band, -1 zero, else the class
  };
  std::vector<Item> items;
  items.push_back({std::make_unique<Text>(cr_, sheet_.legend_title, text_style(ss, ss.legend_pt * 1.25, true)), -3});
  if (!sheet_.value_caption.empty())
    items.push_back({std::make_unique<Text>(cr_, sheet_.value_caption, text_style(ss, ss.legend_pt, true)), -3});
  const TextStyle body = text_style(ss, ss.legend_pt, false);
  items.push_back({std::make_unique<Text>(cr_, "0", body), -1});
  for (std::size_t k = 0; k < classes_.classes.size(); ++k)
    items.push_back({std::make_unique<Text>(cr_, classes_.classes[k].text(), body), static_cast<int>(k)});
  items.push_back({std::make_unique<Text>(cr_, kNightText, body), -2});

  const double x1 = W_ - m_;
  double line_h = 0;
  for (const Item& it : items) line_h = std::max({line_h, it.text->height(), kSwatchH});
  double cx = x, cy = y;
  for (const Item& it : items) {
    const double sw = it.swatch > -3 ? kSwatchW + 1.2 : 0;
    const double w = sw + it.text->width();
    if (cx > x && cx + w > x1) {  // wrap to the next line
      cx = x;
      cy += line_h + 1.2;
    }
    if (draw) {
      const double mid = cy + line_h / 2;
      cairo_new_path(cr_);
      if (it.swatch == -2) {
        cairo_rectangle(cr_, cx, mid - kBandMm / 2, kSwatchW, kBandMm);
        set_colour(cr_, hs.night);
        cairo_fill(cr_);
      } else if (it.swatch >= -1) {
        cairo_rectangle(cr_, cx, mid - kSwatchH / 2, kSwatchW, kSwatchH);
        if (it.swatch == -1) {
          fill_path(cr_, hs.zero, style::Hatch::none, hs.hatch_colour);
        } else {
          const HeatClass& c = classes_.classes[static_cast<std::size_t>(it.swatch)];
          fill_path(cr_, c.colour, c.hatched ? hs.hatch_last : style::Hatch::none, hs.hatch_colour);
        }
        outline(cr_);
      }
      it.text->draw(cx + sw, mid - it.text->height() / 2);
    }
    cx += w + (it.swatch == -3 ? 3 : 4);
  }
  return cy + line_h - y;
}

void HeatmapPages::grid(std::size_t first, std::size_t end, double top, RenderReport& report) const {
  const style::HeatmapStyle& hs = style_.heatmap;
  const double gap = std::min(0.35, row_h_ * 0.12);  // white between rows keeps them apart
  const double cell_h = row_h_ - gap;
  // One path per class, of runs of equal class within a row: few, seamless fills.
  for (int k = -1; k < static_cast<int>(classes_.classes.size()); ++k) {
    cairo_new_path(cr_);
    for (std::size_t r = first; r < end; ++r) {
      const std::vector<double>& v = sheet_.values[r];
      const double y = top + static_cast<double>(r - first) * row_h_;
      for (int h = 0; h < hours_;) {
        int e = h;
        const int block_end = h < 168 ? 168 : hours_;
        while (e < block_end && classes_.class_of(v[e]) == classes_.class_of(v[h])) ++e;
        if (classes_.class_of(v[h]) == k) cairo_rectangle(cr_, col_x(h), y, col_x(e - 1) + hour_w_ - col_x(h), cell_h);
        h = e;
      }
    }
    if (k < 0) fill_path(cr_, hs.zero, style::Hatch::none, hs.hatch_colour);
    else {
      const HeatClass& c = classes_.classes[static_cast<std::size_t>(k)];
      fill_path(cr_, c.colour, c.hatched ? hs.hatch_last : style::Hatch::none, hs.hatch_colour);
    }
    cairo_new_path(cr_);
  }
  report.features_drawn += (end - first) * static_cast<std::size_t>(hours_);

  // Day separators and the outline of each block (the week, the holiday).
  const double bottom = top + static_cast<double>(end - first) * row_h_ - gap;
  set_colour(cr_, hs.separator);
  cairo_set_line_width(cr_, 0.25);
  for (int d = 1; d < 7; ++d) {
    cairo_move_to(cr_, col_x(24 * d), top);
    cairo_line_to(cr_, col_x(24 * d), bottom);
  }
  cairo_rectangle(cr_, col_x(0), top, 168 * hour_w_, bottom - top);
  if (hours_ > 168) cairo_rectangle(cr_, col_x(168), top, (hours_ - 168) * hour_w_, bottom - top);
  cairo_stroke(cr_);

  // Row names, right-aligned against the grid, centred on their row.
  TextStyle ls = text_style(style_.sheet, label_pt_, false);
  ls.ellipsize_mm = label_w_;
  for (std::size_t r = first; r < end; ++r) {
    const Text t(cr_, sheet_.row_labels[r], ls);
    const double x = grid_x0_ - 1.5 - t.width();
    const double y = top + static_cast<double>(r - first) * row_h_ + cell_h / 2 - t.height() / 2;
    t.draw(x, y);
    ++report.labels_placed;
    report.label_boxes.push_back({x, y, x + t.width(), y + t.height()});
    report.label_texts.push_back(sheet_.row_labels[r]);
  }
}

void HeatmapPages::draw(int page, RenderReport& report) const {
  const style::SheetStyle& ss = style_.sheet;
  header(m_ + title_block(true, page) + 4, true);
  const std::size_t first = first_row_[static_cast<std::size_t>(page)];
  const std::size_t end = first_row_[static_cast<std::size_t>(page) + 1];
  grid(first, end, grid_top_, report);
  legend(m_, grid_top_ + static_cast<double>(end - first) * row_h_ + 3, true);
  std::vector<std::string> notes = sheet_.sources;
  if (!sheet_.footer.empty()) notes.push_back(sheet_.footer);
  text_block(cr_, m_, H_ - m_ - notes_h_, W_ - 2 * m_, notes, ss.note_pt, false, ss);
}

}  // namespace careatlas::render::detail
