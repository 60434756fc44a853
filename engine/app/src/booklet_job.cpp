#include "careatlas/app/booklet_job.hpp"

#include <stdexcept>

namespace careatlas::app {

BookletOutcome run_booklet(const Registry&, const project::ProjectConfig&, const BookletOptions&) {
  throw std::logic_error("run_booklet: not written yet");
}

}  // namespace careatlas::app
