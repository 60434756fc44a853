#pragma once
// The registry on disk: one GeoPackage written through GDAL, and the import report CSVs.
//
// Layers of the GeoPackage (all readable in QGIS):
//   facilities    points, EPSG:6668; unlocated facilities have an empty point
//   districts     multipolygons, EPSG:6668
//   population    the mesh cells as polygons, EPSG:6668, one feature per cell and year
//   diagnostics   table: file,row,column,code,severity,value,message (+ description_ja)
//   import_files  table: the per-file account (rows read = imported + rejected + skipped)
//   sources       table: file, format, 出典 line, edition
//   careatlas_metadata  table: key/value (title, import_time, careatlas_version)
//   address_<stem>  points, EPSG:6668: one 位置参照情報 file each, rows as published
//   address_tables  table: which address_ layer holds which file (layer, file, format, rows)
//   roads         LineStrings, EPSG:6668: the road network, one feature per RoadWay with its
//                 OSM node ids (registry_roads.hpp); road_network table: its source, edition
// Writing is atomic: a temporary file in the same folder is renamed over the target only
// when complete, so a failed or interrupted run leaves the previous registry (or none).
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "careatlas/model/registry.hpp"

namespace careatlas {

// A registry being written, facilities first, so that an import can stream them out as
// it reads (careatlas import: memory does not grow with the rows). Facilities are
// numbered by index in the order appended (0, 1, …); the GeoPackage keeps that order.
// Nothing is visible at `path` until commit(); a writer destroyed without commit()
// removes its temporary file. Every call throws std::runtime_error (with the path) when
// the file cannot be written or read.
class RegistryWriter {
 public:
  virtual ~RegistryWriter() = default;
  virtual void append(const std::vector<Facility>& batch) = 0;
  virtual Facility get(std::size_t index) = 0;
  virtual void put(std::size_t index, const Facility& f) = 0;  // replaces the facility
  // Every facility appended, in index order. `fn` must not call get() or put().
  virtual void for_each(const std::function<void(std::size_t, const Facility&)>& fn) = 0;
  // Writes the rest of `reg` (everything but its facilities, which are ignored) and moves
  // the file into place.
  virtual void commit(const Registry& reg) = 0;
};
std::unique_ptr<RegistryWriter> open_registry_writer(const std::string& path);

// The whole registry at once (a RegistryWriter given every facility). Throws
// std::runtime_error (with the path) when the file cannot be written, config_error for a
// path that is not a plain local file (safe_path.hpp).
void write_registry(const std::string& path, const Registry& reg);
// Throws std::runtime_error when the file is not a careatlas registry, config_error for a
// path that is not a plain local file (safe_path.hpp). Without `with_addresses` the
// 位置参照情報 tables are left on disk (a 街区 file is a million rows; only the import,
// which already has them, uses them).
Registry read_registry(const std::string& path, bool with_addresses = false);

// import_report.csv: one line per input file (UTF-8 with BOM, CRLF, for Excel).
std::string import_report_csv(const Registry& reg);
// import_diagnostics.csv: every diagnostic, with the code's Japanese description in 説明
// (UTF-8 with BOM, CRLF).
std::string diagnostics_csv(const Registry& reg);

// Writes bytes to path through a temporary file in the same folder and a rename.
void write_file_atomic(const std::string& path, const std::string& bytes);

}  // namespace careatlas
