#pragma once
// The care-manager contact booklet as a print-ready PDF (A4 or A5 portrait).
//
// The renderer lays out what the app layer hands it: a cover, a how-to-read page with the
// icon legend, a table of contents, an overview map, then one section per district (its
// own map page, then its entries grouped by kind), and an index in the order given
// (the caller collates the readings with ICU). Entries are boxes that are never split
// across pages: an entry that does not fit in what is left of a column starts the next
// column or page. Every page but the cover carries a running header (booklet title and
// the current section) and a page number; inner margins are wider for binding (odd pages
// bound on the left, even pages on the right).
//
// The renderer knows nothing of facilities or surveys: an entry is a number, a name, a
// reading and labelled text fields, already worded (未回答 included).
#include <optional>
#include <string>
#include <vector>

#include "careatlas/geometry/label_placement.hpp"
#include "careatlas/render/map.hpp"
#include "careatlas/style/style.hpp"

namespace careatlas::render {

enum class BookletPaper { a4, a5 };

// One labelled line of an entry: 「電話」「0561-00-0000」. `unanswered`: the value is the
// 未回答 placeholder (printed in grey so that it reads as missing, not as an answer).
struct EntryField {
  std::string label;
  std::string value;
  bool unanswered = false;
};

// A small mark drawn in the entry's header and explained on the how-to-read page.
struct Badge {
  std::string text;         // short word printed in the mark: 訪問診療, 24時間, 退院調整, 強化型, ケアマネ
  std::string explanation;  // how-to-read page: what the mark means
};

struct BookletEntry {
  int number = 0;           // the marker number on every map
  std::string name;         // 正式名称
  std::string kana;         // reading, printed small above the name ("" = none known)
  std::string kind_label;   // 診療所, 訪問看護ステーション, …
  std::vector<std::string> badges;  // texts of Booklet::badges that apply
  std::vector<EntryField> fields;
  bool on_map = true;       // false: the facility has no location; printed 「地図に表示なし」
  bool from_address = false;  // its point is estimated from its address; printed 「住所から推定」
};

// The entries of one kind inside a section (診療所, 病院, …).
struct BookletGroup {
  std::string title;
  std::vector<BookletEntry> entries;
};

// One district (or, grouped by kind only, the whole area).
struct BookletSection {
  std::string id;                 // district id, "" when not a district
  std::string title;              // 中央圏域 — also the running header on its pages
  std::string subtitle;           // e.g. 「みさき市・掲載 24 件」
  // Its own map page(s), kind "booklet": drawn like render() draws a sheet (one page, or one
  // per AtlasPage, whose focus_id greys the neighbours) inside the booklet page's body,
  // under the running header; the sheet's `page` is ignored.
  std::optional<MapSheet> map;
  std::vector<BookletGroup> groups;
};

// One line of the index: the reading, the name and the entry number (the page is found by
// the layout). Given in the order to print (ICU collation of the readings, by the caller).
// The lines fall under 五十音 headings (ア行 … ワ行) by the reading's first character;
// lines whose reading starts with anything but kana are printed last, under その他, in
// their given order. A reading equal to the name is not printed twice.
struct IndexLine {
  std::string reading;  // printed small; also decides the 五十音 heading (ア行, カ行, …)
  std::string name;
  int number = 0;
};

struct Booklet {
  BookletPaper paper = BookletPaper::a4;
  double binding_mm = 20;   // inner margin (the binding side)
  double margin_mm = 12;    // outer, top and bottom margins
  // Cover.
  std::string title;        // みさき市 在宅医療・介護 連絡帳（ケアマネジャー用）
  std::string municipality;
  std::string edition;      // 2026年4月1日現在
  std::string issuer;
  // How-to-read page: paragraphs, then the badges with their explanations, then the map
  // symbols (the overview map's legend is drawn there as well).
  std::vector<std::string> how_to_read;
  std::vector<Badge> badges;
  std::optional<MapSheet> overview;  // kind "booklet", drawn as a section map; after the contents
  std::vector<BookletSection> sections;
  std::vector<IndexLine> index;
  std::vector<std::string> sources;  // 出典 lines: on the how-to-read page and under every map
  std::string footer;                // e.g. 作成 2026-11-24 careatlas 0.1.0 (last page)
};

// Where each entry went: for the CSV's page column, the index and the tests.
struct PlacedEntry {
  int number = 0;
  int page = 0;                  // 1-based physical page of the PDF (the printed number)
  std::string section_id;
  geometry::PaperBox box;        // on its page, mm
  // An entry too tall for a column is set across the columns (full_width), in smaller
  // type if need be (type_scale, down to 0.75). One too long for a whole page even then
  // is continued on the following pages (pages > 1; box is its first part's).
  double type_scale = 1;
  bool full_width = false;
  int pages = 1;
};

struct TocLine {
  std::string title;
  int page = 0;
};

struct BookletReport {
  int pages = 0;
  std::vector<PlacedEntry> entries;     // in print order
  std::vector<TocLine> toc;             // as printed
  std::vector<int> index_pages;         // parallel to Booklet::index: the page printed
  std::vector<int> map_pages;           // the pages that hold a map (overview first)
  // What the map pages drew (marker numbers included). Its pages count the map pages; a
  // marker's page is the booklet's physical page − 1 (the 0-based page of the PDF).
  RenderReport maps;
  std::vector<geometry::PaperBox> body_boxes;  // per page: the area inside the margins
};

// Writes the booklet to `path` (PDF only; written beside, then renamed). Throws
// std::runtime_error naming the path when it cannot be written, config_error for a font
// fontconfig does not know, std::invalid_argument (before any file is opened) for another
// format than PDF, margins that leave no room, an entry number used twice or an index line
// whose number is no entry's.
BookletReport render_booklet(const Booklet& booklet, const style::Style& style, const std::string& path,
                             const RenderOptions& options);

}  // namespace careatlas::render
