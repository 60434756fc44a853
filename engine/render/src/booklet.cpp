#include "careatlas/render/booklet.hpp"

#include <stdexcept>

namespace careatlas::render {

BookletReport render_booklet(const Booklet&, const style::Style&, const std::string&, const RenderOptions&) {
  throw std::logic_error("render_booklet: not written yet");
}

}  // namespace careatlas::render
