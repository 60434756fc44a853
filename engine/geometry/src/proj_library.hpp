#pragma once
// PROJ, loaded on first use (dlopen) instead of at program start. libproj brings some 35
// further shared libraries (curl, GnuTLS, Kerberos, libtiff …) whose loading costs about
// 5 ms: only commands that project pay it, and on the thread that first needs PROJ (the
// workload makes its projection beside the reading).
#include <proj.h>

namespace careatlas::geometry::detail {

#define CAREATLAS_PROJ_FUNCTIONS(X)                                                              \
  X(proj_context_create) X(proj_context_destroy) X(proj_log_level) X(proj_create)                \
  X(proj_create_crs_to_crs) X(proj_normalize_for_visualization) X(proj_clone) X(proj_destroy)    \
  X(proj_get_type) X(proj_get_name) X(proj_trans) X(proj_trans_generic)

struct ProjLibrary {
#define CAREATLAS_PROJ_POINTER(name) decltype(&::name) name = nullptr;
  CAREATLAS_PROJ_FUNCTIONS(CAREATLAS_PROJ_POINTER)
#undef CAREATLAS_PROJ_POINTER
};

// Loads libproj once (thread-safe); throws config_error naming the library when it cannot.
const ProjLibrary& proj_library();

}  // namespace careatlas::geometry::detail
