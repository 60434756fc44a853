#pragma once
// analysis.gpkg: the analysis for QGIS, written through GDAL (atomically, like the
// registry). Layers, all in EPSG:6668:
//   district_metrics   districts (multipolygons) with the ranking metrics as fields
//   coverage           the covered part of each district, one feature per district × layer
//   cell_access        500 m cells (polygons) with 65+ and E2SFCA accessibility, per year
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "careatlas/model/district.hpp"

namespace careatlas {

struct AnalysisGpkg {
  struct DistrictRow {
    const District* district = nullptr;
    std::vector<std::pair<std::string, double>> metrics;  // field name → value (same names every row)
  };
  struct CoverageRow {
    std::string district_id;
    std::string layer;
    double radius_m = 0;
    MultiPolygon geometry;
  };
  struct CellRow {
    std::uint64_t mesh_code = 0;
    int year = 0;
    std::string district_id;
    double pop65 = 0;
    int n_providers = 0;
    double accessibility = 0;
  };
  std::string crs_note;  // the analysis CRS, stored in a metadata table
  std::vector<DistrictRow> districts;
  std::vector<CoverageRow> coverage;
  std::vector<CellRow> cells;
};

// Throws std::runtime_error when the file cannot be written.
void write_analysis_gpkg(const std::string& path, const AnalysisGpkg& data);

}  // namespace careatlas
