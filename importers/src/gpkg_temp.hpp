#pragma once
// The temporary name a GeoPackage is written under before it is renamed into place, and
// its registration as a partial output. The GDAL module writes the file, but it carries
// its own copy of the model library: the signal handler's table is the executable's, so
// the caller (gdal_module_loader.cpp) registers the names the module will use.
#include <unistd.h>

#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "careatlas/model/partial_output.hpp"

namespace careatlas {

inline std::string gpkg_temp_name(const std::string& path) {
  const std::filesystem::path target(path);
  return (target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + ".gpkg"))
      .string();
}

// The temporary GeoPackage and SQLite's journal files beside it.
class PartialGpkg {
 public:
  explicit PartialGpkg(const std::string& path)
      : tmp_(gpkg_temp_name(path)),
        parts_{std::make_unique<PartialOutput>(tmp_), std::make_unique<PartialOutput>(tmp_ + "-journal"),
               std::make_unique<PartialOutput>(tmp_ + "-wal"), std::make_unique<PartialOutput>(tmp_ + "-shm")} {}

 private:
  std::string tmp_;
  std::array<std::unique_ptr<PartialOutput>, 4> parts_;
};

}  // namespace careatlas
