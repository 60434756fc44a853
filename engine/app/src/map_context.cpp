#include "careatlas/app/map_context.hpp"

namespace careatlas::app {

MapContext read_map_context(const project::ProjectConfig&, const geometry::Projection&) { return {}; }

}  // namespace careatlas::app
