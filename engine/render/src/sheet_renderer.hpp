#pragma once
// One view of a map sheet drawn into an area of a page: the title block, the map in its
// frame, the legend, north arrow, scale bar and 出典 lines. render() gives it the whole
// page inside the sheet's margins; the booklet gives it the body of a booklet page, under
// the running header.
#include <cairo.h>

#include <string>
#include <vector>

#include "careatlas/geometry/label_placement.hpp"
#include "careatlas/render/map.hpp"
#include "careatlas/style/style.hpp"
#include "legend.hpp"

namespace careatlas::render::detail {

// What one page shows: the sheet's title and frame, or an atlas page's.
struct SheetView {
  std::string title, subtitle, focus_id;
  MapExtent extent;
};

// The views of a sheet: its own (one), or one per AtlasPage; an empty focus is the extent
// of the districts drawn (else of every feature drawn).
std::vector<SheetView> sheet_views(const MapSheet& sheet, const style::Style& st);

// Where a view is drawn. landscape: the legend panel at the right of the frame; portrait:
// below it. The paper the area lies on sets the panel's size (a larger sheet, a larger panel).
struct SheetArea {
  geometry::PaperBox box;
  bool landscape = true;
  double paper_width = 0, paper_height = 0;  // mm
};

// Draws the view into the area on `cr` and adds what it drew to `report` (frames, legend
// and note boxes, labels, markers — these on page `page`, 0-based). Returns the legend's
// entries, all of them (also those the panel had no room for).
std::vector<LegendEntry> draw_sheet_view(cairo_t* cr, const MapSheet& sheet, const SheetView& view,
                                         const SheetArea& area, const style::Style& st, RenderReport& report,
                                         int page);

}  // namespace careatlas::render::detail
