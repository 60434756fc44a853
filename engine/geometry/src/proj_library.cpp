#include "proj_library.hpp"

#include <dlfcn.h>

#include <mutex>
#include <type_traits>
#include <string>

#include "careatlas/model/config_error.hpp"

#ifndef CAREATLAS_PROJ_SONAME
#error "CAREATLAS_PROJ_SONAME (e.g. libproj.so.25) comes from engine/geometry/CMakeLists.txt"
#endif

namespace careatlas::geometry::detail {

namespace {

ProjLibrary load() {
  // The soname the build was made against: the same ABI as <proj.h>.
  void* lib = dlopen(CAREATLAS_PROJ_SONAME, RTLD_LAZY | RTLD_GLOBAL);
  if (!lib) {
    const char* why = dlerror();
    throw config_error(std::string("cannot load PROJ (") + CAREATLAS_PROJ_SONAME + "): " + (why ? why : "unknown error") +
                       "; install it with .ci/install-deps");
  }
  ProjLibrary api;
  auto resolve = [lib](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name));
    if (!fn) throw config_error(std::string(CAREATLAS_PROJ_SONAME) + " lacks " + name);
  };
#define CAREATLAS_PROJ_RESOLVE(name) resolve(api.name, #name);
  CAREATLAS_PROJ_FUNCTIONS(CAREATLAS_PROJ_RESOLVE)
#undef CAREATLAS_PROJ_RESOLVE
  return api;  // the library stays loaded until the process ends
}

}  // namespace

const ProjLibrary& proj_library() {
  static std::once_flag once;
  static ProjLibrary api;
  std::call_once(once, [] { api = load(); });  // an exception leaves it to be tried again
  return api;
}

}  // namespace careatlas::geometry::detail
