// careatlas_gdal.so's one export: the table of its GDAL-backed functions (gdal_module.hpp).
#include "careatlas/version.hpp"
#include "gdal_module.hpp"
#include "session_state.hpp"

extern "C" __attribute__((visibility("default"))) const careatlas::gdal_module::Api* careatlas_gdal_module_api() {
  static const careatlas::gdal_module::Api api = [] {
    careatlas::gdal_module::Api a;
    a.version = careatlas::kVersion;
    a.read_ogr = &careatlas::read_ogr;
    a.make_valid = &careatlas::gdal_make_valid;
    a.write_registry = &careatlas::write_registry;
    a.open_registry_writer = &careatlas::open_registry_writer;
    a.read_registry = &careatlas::read_registry;
    a.write_analysis_gpkg = &careatlas::write_analysis_gpkg;
    a.read_context = &careatlas::read_context_layer;
    return a;
  }();
  return &api;
}
