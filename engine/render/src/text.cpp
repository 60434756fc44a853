#include "text.hpp"

#include <fontconfig/fontconfig.h>

#include "careatlas/model/config_error.hpp"

namespace careatlas::render::detail {

Text::Text(cairo_t* cr, const std::string& text, const TextStyle& style)
    : cr_(cr), layout_(pango_cairo_create_layout(cr)), style_(style) {
  // Unhinted metrics: the same layout on PDF, SVG and PNG at any resolution.
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_layout_get_context(layout_), fo);
  cairo_font_options_destroy(fo);
  // Pango rounds glyph positions to whole units of user space by default — millimetres
  // here — which spread "careatlas" to "careatl as" on paper and in the PDF's text.
  pango_context_set_round_glyph_positions(pango_layout_get_context(layout_), FALSE);
  pango_layout_context_changed(layout_);

  PangoFontDescription* fd = pango_font_description_new();
  pango_font_description_set_family(fd, style.font.c_str());
  pango_font_description_set_weight(fd, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  // User space is millimetres: an absolute size in those units.
  pango_font_description_set_absolute_size(fd, style.size_pt * kMmPerPt * PANGO_SCALE);
  pango_layout_set_font_description(layout_, fd);
  pango_font_description_free(fd);
  if (style.wrap_mm > 0) {
    pango_layout_set_width(layout_, static_cast<int>(style.wrap_mm * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  } else if (style.ellipsize_mm > 0) {
    pango_layout_set_width(layout_, static_cast<int>(style.ellipsize_mm * PANGO_SCALE));
    pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
  }
  if (style.line_spacing > 0) pango_layout_set_line_spacing(layout_, static_cast<float>(style.line_spacing));
  pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
  PangoRectangle logical;
  pango_layout_get_extents(layout_, nullptr, &logical);
  w_ = static_cast<double>(logical.width) / PANGO_SCALE;
  h_ = static_cast<double>(logical.height) / PANGO_SCALE;
}

Text::~Text() { g_object_unref(layout_); }

int Text::line_count() const { return pango_layout_get_line_count(layout_); }

namespace {
// The logical extents of a layout's last line, in layout coordinates (Pango units).
PangoRectangle last_line_extents(PangoLayout* layout) {
  PangoRectangle logical{0, 0, 0, 0};
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do pango_layout_iter_get_line_extents(it, nullptr, &logical);
  while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return logical;
}
}  // namespace

double Text::last_line_width() const {
  const PangoRectangle r = last_line_extents(layout_);
  return static_cast<double>(r.x + r.width) / PANGO_SCALE;
}

double Text::last_line_top() const { return static_cast<double>(last_line_extents(layout_).y) / PANGO_SCALE; }

double Text::baseline() const { return static_cast<double>(pango_layout_get_baseline(layout_)) / PANGO_SCALE; }

void Text::draw(double x, double y) const {
  cairo_save(cr_);
  cairo_move_to(cr_, x, y);
  if (style_.halo_mm > 0) {
    // The halo: the glyph outlines stroked wide in the halo colour, under the text. Drawn
    // as a path, so it carries no text of its own (copying from the PDF gives the label once).
    pango_cairo_layout_path(cr_, layout_);
    cairo_set_source_rgba(cr_, style_.halo.r, style_.halo.g, style_.halo.b, style_.halo.a);
    cairo_set_line_width(cr_, 2 * style_.halo_mm);
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr_);
    cairo_move_to(cr_, x, y);
  }
  cairo_set_source_rgba(cr_, style_.colour.r, style_.colour.g, style_.colour.b, style_.colour.a);
  pango_cairo_show_layout(cr_, layout_);
  cairo_restore(cr_);
}

void require_font(const std::string& family) {
  FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str()));
  FcObjectSet* os = FcObjectSetBuild(FC_FAMILY, nullptr);
  FcFontSet* fs = FcFontList(nullptr, pat, os);
  const bool found = fs && fs->nfont > 0;
  if (fs) FcFontSetDestroy(fs);
  FcObjectSetDestroy(os);
  FcPatternDestroy(pat);
  if (!found)
    throw config_error("font \"" + family +
                       "\" is not installed (fontconfig); install fonts-ipaexfont or fonts-noto-cjk, or set [sheet] font");
}

}  // namespace careatlas::render::detail
