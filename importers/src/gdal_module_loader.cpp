// Loads careatlas_gdal.so on first use and forwards the GDAL-backed functions to it (see
// gdal_module.hpp). Linked into the executables, never into the module itself.
#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "careatlas/version.hpp"
#include "gdal_module.hpp"
#include "gpkg_temp.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace gdal_module {

namespace {

// Where the module may be: $CAREATLAS_GDAL_MODULE, beside the executable's lib folder
// when installed (<prefix>/bin/careatlas → <prefix>/lib/careatlas/careatlas_gdal.so), and
// the build tree.
std::vector<std::string> candidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("CAREATLAS_GDAL_MODULE"); env && *env) out.emplace_back(env);
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) out.push_back((exe.parent_path().parent_path() / "lib" / "careatlas" / "careatlas_gdal.so").string());
  out.emplace_back(CAREATLAS_GDAL_MODULE_BUILD_PATH);
  return out;
}

const Api* load() {
  std::string tried;
  for (const std::string& path : candidates()) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      tried += "\n  " + path + ": not found";
      continue;
    }
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* err = dlerror();
      tried += "\n  " + path + ": " + (err ? err : "dlopen failed");
      continue;
    }
    using Entry = const Api* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, "careatlas_gdal_module_api"));
    const Api* a = entry ? entry() : nullptr;
    if (!a || a->abi != kAbi || !a->version || std::string(a->version) != kVersion) {
      tried += "\n  " + path + ": built from another careatlas version";
      dlclose(handle);
      continue;
    }
    return a;  // stays loaded for the life of the process
  }
  throw std::runtime_error("careatlas cannot load its GDAL module (needed for OGR layers, GeoPackage files and "
                           "polygon repair); looked in:" + tried +
                           "\nset CAREATLAS_GDAL_MODULE to the path of careatlas_gdal.so");
}

}  // namespace

const Api& api() {
  static const Api* const loaded = load();  // a failed load throws and is tried again next call
  return *loaded;
}

}  // namespace gdal_module

void read_ogr(FileContext& ctx, const InputSpec& spec) { gdal_module::api().read_ogr(ctx, spec); }

std::optional<MultiPolygon> gdal_make_valid(const MultiPolygon& mp) { return gdal_module::api().make_valid(mp); }

void write_registry(const std::string& path, const Registry& reg) {
  const PartialGpkg partial(path);
  gdal_module::api().write_registry(path, reg);
}

namespace {

// The module's writer, with its temporary GeoPackage registered as a partial output for
// as long as it lives (the module cannot: gpkg_temp.hpp).
class RegisteredRegistryWriter final : public RegistryWriter {
 public:
  explicit RegisteredRegistryWriter(const std::string& path)
      : partial_(path), writer_(gdal_module::api().open_registry_writer(path)) {}
  void append(const std::vector<Facility>& batch) override { writer_->append(batch); }
  Facility get(std::size_t index) override { return writer_->get(index); }
  void put(std::size_t index, const Facility& f) override { writer_->put(index, f); }
  void for_each(const std::function<void(std::size_t, const Facility&)>& fn) override { writer_->for_each(fn); }
  void commit(const Registry& reg) override { writer_->commit(reg); }

 private:
  PartialGpkg partial_;  // registered first, released last
  std::unique_ptr<RegistryWriter> writer_;
};

}  // namespace

std::unique_ptr<RegistryWriter> open_registry_writer(const std::string& path) {
  return std::make_unique<RegisteredRegistryWriter>(path);
}

Registry read_registry(const std::string& path, bool with_addresses) {
  return gdal_module::api().read_registry(path, with_addresses);
}

void write_analysis_gpkg(const std::string& path, const AnalysisGpkg& data) {
  const PartialGpkg partial(path);
  gdal_module::api().write_analysis_gpkg(path, data);
}

ContextRead read_context_layer(const ContextSpec& spec, DiagnosticSink& sink) {
  return gdal_module::api().read_context(spec, sink);
}

}  // namespace careatlas
