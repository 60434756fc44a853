#pragma once
// The routing engine's parallel loops are the geometry engine's (careatlas/geometry/parallel.hpp).
#include "careatlas/geometry/parallel.hpp"

namespace careatlas::routing::detail {
using geometry::parallel_for;
using geometry::parallel_strided;
using geometry::thread_count;
}  // namespace careatlas::routing::detail
