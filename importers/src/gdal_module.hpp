#pragma once
// The GDAL module. Every piece of careatlas that calls GDAL/OGR — OGR layer reading,
// polygon repair, the GeoPackage registry and analysis.gpkg — is built into a separate
// shared object, careatlas_gdal.so, that the importers load with dlopen() the first time
// one of them is needed. GDAL links about a hundred shared libraries, most of them bound
// eagerly (-z now): loading them costs ~20 ms at every start, more than the whole
// analysis of a prefecture. Commands that read only CSV and GeoJSON (the benchmark's
// `workload`, `codes`, `--help`) no longer pay it.
//
// The module is built from the same sources in the same build, so plain C++ types cross
// the boundary; it exports one C symbol that returns the table below. The functions
// named in the table are declared where they always were (registry_store.hpp,
// context_reader.hpp, …); in the careatlas executables they are thin forwarders
// (gdal_module_loader.cpp), in the module they are the GDAL code itself.
#include <memory>
#include <optional>
#include <string>

#include "careatlas/importers/analysis_store.hpp"
#include "careatlas/importers/context_reader.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/geo.hpp"
#include "careatlas/model/input_spec.hpp"

namespace careatlas {

class FileContext;

// GEOS MakeValid through OGR, polygons kept (a repair may also give stray lines);
// nullopt when GEOS cannot repair the geometry.
std::optional<MultiPolygon> gdal_make_valid(const MultiPolygon& mp);

namespace gdal_module {

inline constexpr int kAbi = 5;  // 2: read_context; 3: open_registry_writer; 4: read_registry(with_addresses); 5: Registry::roads

struct Api {
  int abi = kAbi;
  const char* version = nullptr;  // careatlas version the module was built from
  void (*read_ogr)(FileContext&, const InputSpec&) = nullptr;
  std::optional<MultiPolygon> (*make_valid)(const MultiPolygon&) = nullptr;
  void (*write_registry)(const std::string&, const Registry&) = nullptr;
  std::unique_ptr<RegistryWriter> (*open_registry_writer)(const std::string&) = nullptr;
  Registry (*read_registry)(const std::string&, bool) = nullptr;
  void (*write_analysis_gpkg)(const std::string&, const AnalysisGpkg&) = nullptr;
  ContextRead (*read_context)(const ContextSpec&, DiagnosticSink&) = nullptr;
};

// The loaded module (loaded on the first call, thread-safe). Throws std::runtime_error
// naming every place it looked when the module cannot be loaded.
const Api& api();

}  // namespace gdal_module
}  // namespace careatlas

// The module's one export.
extern "C" const careatlas::gdal_module::Api* careatlas_gdal_module_api();
