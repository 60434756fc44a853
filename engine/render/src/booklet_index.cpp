// The index: the lines in the order given (the caller collates the readings), under
// 五十音 row headings; each line the reading small above the name, the entry number in
// its inverted box and the page the entry is on. Lines whose reading starts with no kana
// (その他) are gathered at the end, under one heading, in their given order.
#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "booklet_entry.hpp"
#include "booklet_flow.hpp"
#include "booklet_layout.hpp"
#include "drawing.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

namespace {

// The first code point of UTF-8 text (0 when empty or malformed).
char32_t first_code_point(std::string_view s) {
  if (s.empty()) return 0;
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  if (c < 0x80) return c;
  if ((c & 0xE0) == 0xC0 && s.size() >= 2) return static_cast<char32_t>(((c & 0x1F) << 6) | (b(1) & 0x3F));
  if ((c & 0xF0) == 0xE0 && s.size() >= 3)
    return static_cast<char32_t>(((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F));
  if ((c & 0xF8) == 0xF0 && s.size() >= 4)
    return static_cast<char32_t>(((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F));
  return 0;
}

// Half-width katakana (U+FF66 ｦ … U+FF9D ﾝ) as full-width hiragana's rows.
const char* half_width_row(char32_t c) {
  // ｦ ｧｨｩｪｫ ｬｭｮ ｯ ｰ ｱｲｳｴｵ ｶｷｸｹｺ ｻｼｽｾｿ ﾀﾁﾂﾃﾄ ﾅﾆﾇﾈﾉ ﾊﾋﾌﾍﾎ ﾏﾐﾑﾒﾓ ﾔﾕﾖ ﾗﾘﾙﾚﾛ ﾜﾝ
  static constexpr std::pair<char32_t, const char*> kRows[] = {
      {0xFF66, "ワ行"}, {0xFF6B, "ア行"}, {0xFF6E, "ヤ行"}, {0xFF6F, "タ行"}, {0xFF70, nullptr},
      {0xFF75, "ア行"}, {0xFF7A, "カ行"}, {0xFF7F, "サ行"}, {0xFF84, "タ行"}, {0xFF89, "ナ行"},
      {0xFF8E, "ハ行"}, {0xFF93, "マ行"}, {0xFF96, "ヤ行"}, {0xFF9B, "ラ行"}, {0xFF9D, "ワ行"}};
  for (const auto& [last, row] : kRows)
    if (c <= last) return row;
  return nullptr;
}

}  // namespace

std::string gojuon_row(const std::string& reading) {
  char32_t c = first_code_point(reading);
  if (c >= 0xFF66 && c <= 0xFF9D) {
    const char* r = half_width_row(c);
    return r ? r : "その他";
  }
  if (c >= 0x30A1 && c <= 0x30F6) c -= 0x60;  // katakana → hiragana (ァ … ヶ)
  else if (c >= 0x30F7 && c <= 0x30FA) return "ワ行";  // ヷ ヸ ヹ ヺ
  if (c < 0x3041 || c > 0x3096) return "その他";
  // The last hiragana of each row (small and voiced kana included).
  static constexpr std::pair<char32_t, const char*> kRows[] = {
      {0x304A, "ア行"},  // ぁ … お
      {0x3054, "カ行"},  // か … ご
      {0x305E, "サ行"},  // さ … ぞ
      {0x3069, "タ行"},  // た … ど (っ)
      {0x306E, "ナ行"},  // な … の
      {0x307D, "ハ行"},  // は … ぽ
      {0x3082, "マ行"},  // ま … も
      {0x3088, "ヤ行"},  // ゃ … よ
      {0x308D, "ラ行"},  // ら … ろ
      {0x3093, "ワ行"},  // ゎ … ん
      {0x3094, "ア行"},  // ゔ
      {0x3096, "カ行"},  // ゕ ゖ
  };
  for (const auto& [last, row] : kRows)
    if (c <= last) return row;
  return "その他";
}

namespace {

double index_number_pt(const BookletLook& look) { return look.index_pt * 0.9; }

// The width of the widest number box of the index (the numbers' digits need not all be
// equally wide): every line keeps that much room for its box, so that no name runs into
// a five- or six-digit number.
double number_column_width(cairo_t* cr, const std::vector<IndexLine>& index, const BookletLook& look) {
  double w = 0;
  for (const IndexLine& line : index) w = std::max(w, NumberBox(cr, line.number, index_number_pt(look), look).width());
  return w;
}

// One index line: the reading small above the name, a dot leader, the entry number in
// its box (right-aligned in a column `number_w` wide) and the page at the right.
double index_line(cairo_t* cr, double x, double y, double width, double number_w, const IndexLine& line, int page,
                  const BookletLook& look, bool draw) {
  const double page_w = Text(cr, "0000", look.text(look.index_pt)).width();
  const NumberBox number(cr, line.number, index_number_pt(look), look);
  const double text_w = width - page_w - number_w - 6;
  double h = 0;
  std::optional<Text> reading;
  if (!line.reading.empty() && line.reading != line.name) {
    reading.emplace(cr, line.reading, look.text(look.kana_pt * 0.95, look.label, false, text_w));
    h = reading->height();
  }
  const Text name(cr, line.name, look.text(look.index_pt, false, text_w));
  if (draw) {
    if (reading) reading->draw(x, y);
    name.draw(x, y + h);
    const double line_top = y + h + name.last_line_top();
    const double mid = line_top + name.baseline() * 0.62;
    const double number_x = x + width - page_w - 2 - number.width();
    number.draw(number_x, mid - number.height() / 2);
    const Text p(cr, std::to_string(page), look.text(look.index_pt));
    p.draw(x + width - p.width(), line_top);
    dot_leader(cr, x + name.last_line_width() + 1.5, number_x - 1.5, line_top + name.baseline() - 0.35, look.label);
  }
  return h + name.height();
}

}  // namespace

int lay_out_index(LayoutContext& ctx) {
  const Booklet& b = ctx.booklet;
  ctx.plan.index_pages.assign(b.index.size(), 0);
  if (b.index.empty()) return 0;
  std::map<int, int> page_of;
  for (const PlacedEntry& e : ctx.plan.entries) page_of.emplace(e.number, e.page);
  for (std::size_t i = 0; i < b.index.size(); ++i) {
    const auto it = page_of.find(b.index[i].number);
    if (it == page_of.end())
      throw std::invalid_argument("booklet: index line " + std::to_string(i + 1) + " (" + b.index[i].name +
                                  ") names entry " + std::to_string(b.index[i].number) + ", which the booklet lacks");
    ctx.plan.index_pages[i] = it->second;
  }

  cairo_t* cr = ctx.cr;
  const BookletLook* look = &ctx.look;
  ColumnFlow flow(ctx.frame, look->columns, look->gutter_mm, [&ctx] { return ctx.add_page(PageKind::index, "索引"); });
  const double full = flow.full_width(), col = flow.column_width();
  const std::string caption = "読みの五十音順です。黒地の数字は掲載番号（地図の記号の中の数字）、右端の数字は掲載ページです。";
  const double th = title_block(cr, 0, 0, full, "索引", caption, *look, false);
  const ColumnFlow::Slot first = flow.place_full(th, 0);
  add_item(ctx, first, [=](cairo_t* c, double x, double y) { title_block(c, x, y, full, "索引", caption, *look, true); });

  // Kana rows in the given order, then the rest.
  std::vector<std::size_t> order;
  std::vector<std::string> rows(b.index.size());
  for (std::size_t i = 0; i < b.index.size(); ++i) rows[i] = gojuon_row(b.index[i].reading);
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i < b.index.size(); ++i)
      if ((rows[i] == "その他") == (pass == 1)) order.push_back(i);

  const double row_pt = look->group_pt * 0.9;
  const double number_w = number_column_width(cr, b.index, *look);
  std::string current;
  for (const std::size_t i : order) {
    const IndexLine line = b.index[i];
    const int page = ctx.plan.index_pages[i];
    const double h = index_line(cr, 0, 0, col, number_w, line, page, *look, false);
    if (rows[i] != current) {
      current = rows[i];
      const std::string row = current;
      const double hh = heading_bar(cr, 0, 0, col, row, row_pt, *look, false);
      add_item(ctx, flow.place(hh, 3.5, 1.2 + h),
               [=](cairo_t* c, double x, double y) { heading_bar(c, x, y, col, row, row_pt, *look, true); });
      add_item(ctx, flow.place(h, 1.2),
               [=](cairo_t* c, double x, double y) { index_line(c, x, y, col, number_w, line, page, *look, true); });
      continue;
    }
    add_item(ctx, flow.place(h, 1.0),
             [=](cairo_t* c, double x, double y) { index_line(c, x, y, col, number_w, line, page, *look, true); });
  }
  return first.page;
}

}  // namespace careatlas::render::detail
