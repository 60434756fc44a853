#pragma once
// The 24/365 heatmap: districts (rows) × the 168 hours of the week (columns), and
// optionally the 24 hours of a public holiday, coloured by a value such as the 65+
// population no open provider reaches. For slides and the council's handout.
//
// The sheet: title block; day headers 月…日 (and 祝 after a small gap), hour ticks
// 0 6 12 18 and a dark band over the night hours (22:00–6:00) above the grid; one row per
// district, its name right-aligned at the left (cut with "…" when too long); a legend of
// the classes (style [heatmap]: 0 in its own colour, the positive values rounded to whole
// numbers and classed, the darkest class hatched for grayscale); 出典 lines and footer.
//
// Rows share the page's height (at most 10 mm each). A PDF continues on further pages when
// the rows would be thinner than 2.6 mm (about 50 rows on A4 landscape), the rows split
// evenly and the header repeated. SVG and PNG hold one page: every row is kept and the
// rows are compressed to fit, their names shrinking with them (use PDF for many rows).
#include <string>
#include <vector>

#include "careatlas/render/map.hpp"

namespace careatlas::render {

struct HeatmapSheet {
  Page page;                              // PaperSize::slide for a 16:9 slide
  std::string title;                      // e.g. みさき市 24時間365日の空白
  std::string subtitle;
  std::vector<std::string> row_labels;    // one per row (district names)
  // values[row] holds 168 hour-of-week values (Monday 00:00 first) or 192 (then a
  // public holiday's 24 hours); every row the same count. Values must be finite and
  // not negative; they are rounded to whole numbers for classing.
  std::vector<std::vector<double>> values;
  std::string value_caption;              // legend caption, e.g. 対応できない65歳以上人口（人）
  std::vector<std::string> sources;       // 出典 lines
  std::string footer;
  std::string legend_title = "凡例";
};

// Renders the heatmap into `path` (PDF, SVG or PNG as in `options`); the file appears
// complete or not at all. The report: pages, legend_entries (the caption, "0", each class
// as "lower – upper", the night band), features_drawn = cells drawn, labels_placed and
// label_boxes = the row names drawn. Throws std::invalid_argument for malformed values
// (before anything is written), std::runtime_error naming the path when it cannot be
// written, config_error for a font fontconfig does not know.
RenderReport render_heatmap(const HeatmapSheet& sheet, const style::Style& style, const std::string& path,
                            const RenderOptions& options);

}  // namespace careatlas::render
