#pragma once
// The 24/365 heatmap: districts (rows) × the 168 hours of the week (columns), and
// optionally the 24 hours of a public holiday, coloured by a value such as the 65+
// population no open provider reaches. For slides and the council's handout.
// (Owned by the heatmap work package; see heatmap.cpp.)
#include <string>
#include <vector>

#include "careatlas/render/map.hpp"

namespace careatlas::render {

struct HeatmapSheet {
  Page page;                              // PaperSize::slide for a 16:9 slide
  std::string title;
  std::string subtitle;
  std::vector<std::string> row_labels;    // one per row (district names)
  // values[row] holds 168 hour-of-week values (Monday 00:00 first) or 192 (then a
  // public holiday's 24 hours).
  std::vector<std::vector<double>> values;
  std::string value_caption;              // legend caption, e.g. 対応できない65歳以上人口（人）
  std::vector<std::string> sources;       // 出典 lines
  std::string footer;
};

RenderReport render_heatmap(const HeatmapSheet& sheet, const style::Style& style, const std::string& path,
                            const RenderOptions& options);

}  // namespace careatlas::render
