#pragma once
// Printable map sheets on Cairo (PDF, SVG, PNG) with Pango for every text.
//
// The renderer knows nothing of registries or files it did not write: the caller (the
// app layer) hands it a MapSheet — planar features with attributes, per style source —
// and a Style. A sheet is a page: title block, a map frame fitted to the extent, and a
// panel with the legend (only the classes that appear), north arrow, scale bar, 出典
// lines and a footer. Several sheets make one multi-page PDF (the district atlas).
//
// Paper units: millimetres, y downwards. The map's coordinates are metres of the analysis
// CRS (x east, y north).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "careatlas/geometry/label_placement.hpp"
#include "careatlas/geometry/planar.hpp"
#include "careatlas/style/style.hpp"

namespace careatlas::render {

// Polylines (roads, rivers, railways of a context layer), map metres.
using Lines = std::vector<std::vector<geometry::XY>>;

// One feature: a shape in map metres and its attributes for filters and labels.
struct Feature {
  std::variant<geometry::XY, geometry::PlanarMultiPolygon, Lines> shape;
  std::map<std::string, style::Value, std::less<>> attributes;
};

// The features for one style source (and, for Source::context, one context name).
struct SourceData {
  style::Source source = style::Source::districts;
  std::string context;
  std::vector<Feature> features;
};

// A rectangle of map metres.
struct MapExtent {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return !(x1 > x0 && y1 > y0); }
};

// slide: 16:9 widescreen (338.67 × 190.5 mm, PowerPoint's 13.33 × 7.5 in).
enum class PaperSize { a4, a3, slide };

struct Page {
  PaperSize size = PaperSize::a3;
  bool landscape = true;
  double margin_mm = 10;
  double width_mm() const;
  double height_mm() const;
};

// One page of an atlas: the sheet's data seen through another frame.
struct AtlasPage {
  std::string title, subtitle;  // replace the sheet's
  MapExtent focus;              // the area the frame shows
  // The district the page is about: district features get the attribute in_focus =
  // (their "id" == focus_id), so that a style can grey the neighbours.
  std::string focus_id;
};

struct MapSheet {
  Page page;
  std::string kind = "resource";  // which style layers are drawn (style::kMapKinds)
  std::string title;              // e.g. みさき市 在宅医療・介護資源マップ
  std::string subtitle;           // e.g. 訪問診療の到達圏（16 km）・データ時点 2026-04-01
  std::vector<std::string> sources;  // 出典 lines, printed as given
  std::string footer;             // e.g. 作成 2026-11-24 careatlas 0.1.0
  std::string legend_title = "凡例";
  // The area the frame shows; empty = the extent of every feature.
  MapExtent focus;
  std::vector<SourceData> data;
  // A classed fill's field override (the gap map's chosen metric) and its legend caption.
  std::string classes_field;
  std::string classes_caption;
  std::string classes_format = "%.2f";  // printf format of class bounds in the legend
  double classes_scale = 1;             // bounds are multiplied by this in the legend (100: percent)
  // The field's higher values are the better ones (accessibility): the palette runs the
  // other way, so that the darkest, hatched class is still the worst served.
  bool classes_higher_is_better = false;
  // Legend text per style layer name, replacing its rules' legend (e.g. the coverage
  // layer's 訪問診療の到達圏（16 km）).
  std::map<std::string, std::string, std::less<>> legend_text;
  // Non-empty: one page per entry instead of one page (PDF only), sharing the data.
  std::vector<AtlasPage> atlas;
};

enum class Format { pdf, svg, png };

struct RenderOptions {
  Format format = Format::pdf;
  double dpi = 150;  // PNG only
  std::string creation_date;  // ISO date for the PDF's metadata ("" = none); keeps output reproducible
};

// What was drawn, for tests and the CLI's report.
struct RenderReport {
  int pages = 0;
  std::size_t features_drawn = 0;
  std::size_t labels_placed = 0;
  std::size_t labels_dropped = 0;
  std::vector<geometry::PaperBox> label_boxes;  // placed label boxes, all pages, paper mm
  std::vector<std::string> label_texts;         // parallel to label_boxes
  std::vector<std::string> legend_entries;      // in order, all pages (those drawn)
  // Per style layer: features drawn on the sheet by at least one of its rules, all pages.
  std::map<std::string, std::size_t> layer_features;
  // Per page, paper mm: the legend, the north arrow with the scale bar, the 出典 lines
  // with the footer (they never overlap) and the map frame.
  std::vector<geometry::PaperBox> legend_boxes, tools_boxes, note_boxes, frames;
  // Every numbered point symbol drawn (a symbolizer with number = true and a feature with a
  // "number" attribute), all pages: the feature's "id" attribute ("" when it has none),
  // the number it carries, and whether the number was printed legibly — inside the symbol, or
  // beside it (with a leader) when the symbols around leave it no room.
  struct Marker {
    std::string id;
    long long number = 0;
    bool printed = false;
    int page = 0;  // 0-based page of this render
  };
  std::vector<Marker> markers;
};

// Format by name: "pdf", "svg" or "png" (any case); nullopt for any other.
std::optional<Format> format_named(std::string_view name);
// "A3", "A4", "slide" (any case) → the paper size.
std::optional<PaperSize> paper_size_named(std::string_view name);

// Renders the sheets into `path` (PDF: one page each, or one per atlas page; SVG and
// PNG: only one page allowed). The file appears complete or not at all (written beside, then renamed).
// Throws std::runtime_error naming the path when it cannot be written, config_error for
// a font fontconfig does not know.
RenderReport render(const std::vector<MapSheet>& sheets, const style::Style& style, const std::string& path,
                    const RenderOptions& options);

}  // namespace careatlas::render
