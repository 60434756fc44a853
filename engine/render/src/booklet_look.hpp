#pragma once
// The booklet's type sizes, measures and greys, per paper size. Black and grey only: the
// booklet is photocopied and faxed as often as it is printed in colour.
#include <string>

#include "careatlas/render/booklet.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

// The notes printed beside an entry's kind, and explained under マークの意味.
inline constexpr const char* kNotOnMapNote = "（地図に表示なし）";
inline constexpr const char* kFromAddressNote = "（住所から推定）";

struct BookletLook {
  std::string font;
  int columns = 2;          // entry and index columns
  double gutter_mm = 6;     // between columns
  // Entries (points). Body text (field values) stays at 8 pt or more on A4, 7.5 on A5.
  double name_pt = 10.5;
  double kana_pt = 7;
  double kind_pt = 8;
  double badge_pt = 7;
  double number_pt = 9.5;
  double label_pt = 8;
  double body_pt = 8.5;
  double label_mm = 20;     // the field labels' column
  // Page furniture and headings.
  double running_pt = 8;
  double folio_pt = 9;
  double group_pt = 10;
  double section_pt = 16;
  double subtitle_pt = 9;
  double paragraph_pt = 9;  // how-to-read paragraphs
  double note_pt = 7;       // 出典 lines, footer
  double toc_pt = 10.5;
  double index_pt = 8.5;
  double cover_title_pt = 24;
  double leading = 1.3;     // baseline to baseline in wrapped text, × the type's line height

  style::Colour ink{0, 0, 0, 1};
  style::Colour label{0.3, 0.3, 0.3, 1};         // field labels, kana, kind
  style::Colour unanswered{0x77 / 255.0, 0x77 / 255.0, 0x77 / 255.0, 1};
  style::Colour rule{0.6, 0.6, 0.6, 1};          // between entries
  style::Colour dark{0.1, 0.1, 0.1, 1};          // number boxes, heading tabs
  style::Colour tint{0.9, 0.9, 0.9, 1};          // heading bars

  TextStyle text(double size_pt, bool bold = false, double wrap_mm = 0) const {
    TextStyle t;
    t.font = font;
    t.size_pt = size_pt;
    t.bold = bold;
    t.wrap_mm = wrap_mm;
    t.line_spacing = wrap_mm > 0 ? leading : 0;
    t.colour = ink;
    return t;
  }
  TextStyle text(double size_pt, const style::Colour& colour, bool bold = false, double wrap_mm = 0) const {
    TextStyle t = text(size_pt, bold, wrap_mm);
    t.colour = colour;
    return t;
  }
};

inline BookletLook booklet_look(BookletPaper paper, const std::string& font) {
  BookletLook L;
  L.font = font;
  if (paper == BookletPaper::a5) {
    L.columns = 1;
    L.name_pt = 10;
    L.kana_pt = 6.5;
    L.kind_pt = 7.5;
    L.badge_pt = 6.5;
    L.number_pt = 9;
    L.label_pt = 7.5;
    L.body_pt = 8;
    L.label_mm = 18;
    L.running_pt = 7.5;
    L.folio_pt = 8.5;
    L.group_pt = 9.5;
    L.section_pt = 14;
    L.subtitle_pt = 8.5;
    L.paragraph_pt = 8.5;
    L.note_pt = 6.5;
    L.toc_pt = 9.5;
    L.index_pt = 8;
    L.cover_title_pt = 19;
  }
  return L;
}

}  // namespace careatlas::render::detail
