#include "careatlas/render/heatmap.hpp"

#include <stdexcept>

namespace careatlas::render {

RenderReport render_heatmap(const HeatmapSheet&, const style::Style&, const std::string&, const RenderOptions&) {
  throw std::logic_error("render_heatmap: not implemented yet");
}

}  // namespace careatlas::render
