#include "careatlas/app/booklet_plan.hpp"

#include <stdexcept>

namespace careatlas::app {

BookletPlan plan_booklet(const Registry&, const project::ProjectConfig&) {
  throw std::logic_error("plan_booklet: not written yet");
}

}  // namespace careatlas::app
