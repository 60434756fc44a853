#pragma once
// Registry: everything one import produced — the model the analyses, maps and booklet
// read, plus the account of how each input file was read.
#include <cstdint>
#include <string>
#include <vector>

#include "careatlas/model/address.hpp"
#include "careatlas/model/diagnostic.hpp"
#include "careatlas/model/district.hpp"
#include "careatlas/model/facility.hpp"
#include "careatlas/model/population.hpp"
#include "careatlas/model/road_network.hpp"

namespace careatlas {

// The account of one input file. Invariant: rows_read == imported + rejected + skipped.
// "Rows" are data lines of a CSV (header lines excluded; a record spanning several
// physical lines counts once) or features of a layer.
struct FileReport {
  std::string file;       // path as given
  std::string role;       // facilities | districts | population | survey | addresses | network
  std::string format;     // e.g. "kaigo_csv", "iryo_facility", "n03", "estat_mesh"
  std::string encoding;   // "UTF-8", "UTF-8 (BOM)", "CP932", or the OGR driver
  std::int64_t rows_read = 0;
  std::int64_t imported = 0;
  std::int64_t rejected = 0;
  std::int64_t skipped = 0;
  std::int64_t warnings = 0;
  LocationCounts locations;  // facility files: how the imported facilities were located
  bool balanced() const { return rows_read == imported + rejected + skipped; }
  friend bool operator==(const FileReport&, const FileReport&) = default;
};

// Where the data came from: printed as 出典 on maps and booklets.
struct SourceInfo {
  std::string file;
  std::string format;
  std::string attribution;  // e.g. 出典：介護サービス情報公表システム（厚生労働省）
  std::string edition;      // edition/data date when known (from the file name or project)
  friend bool operator==(const SourceInfo&, const SourceInfo&) = default;
};

struct Registry {
  std::vector<Facility> facilities;
  std::vector<District> districts;
  std::vector<PopulationCell> population;
  std::vector<AddressTable> addresses;  // the 位置参照情報 read, one table per file
  RoadNetwork roads;                    // the OpenStreetMap road network ([network]); empty without one
  std::vector<Diagnostic> diagnostics;
  std::vector<FileReport> files;
  std::vector<SourceInfo> sources;
  std::string title;              // project title
  std::string import_time;        // ISO 8601 UTC
  std::string careatlas_version;
  friend bool operator==(const Registry&, const Registry&) = default;
};

}  // namespace careatlas
