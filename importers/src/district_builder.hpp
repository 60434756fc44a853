#pragma once
// Turns the features of a district layer — from GDAL/OGR or from the fast GeoJSON
// reader — into Districts: N03 naming (2021–2023 and 2024+ layouts), column mappings,
// 所属未定地, ids repeated within a file merged as parts (islands), ids repeated across
// files rejected, invalid polygons repaired. Internal to the importers.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "session_state.hpp"

namespace careatlas {

class DistrictBuilder {
 public:
  // `format` is "n03" or "ogr_polygons"; fails (import_error) when no id column is found.
  DistrictBuilder(FileContext& ctx, const InputSpec& spec, const std::vector<std::string>& fields,
                  const std::string& format);
  // One feature: attribute values as text, parallel to `fields`, and its geometry, asked
  // for only when the feature is otherwise usable (nullopt: reported and rejected).
  void add(std::int64_t row, const std::vector<std::string>& values,
           const std::function<std::optional<MultiPolygon>()>& geometry);
  void finish(std::int64_t features);

 private:
  std::string value(const std::vector<std::string>& v, std::optional<std::size_t> c) const;
  FileContext& ctx_;
  const InputSpec& spec_;
  std::vector<std::string> fields_;
  bool n03_;
  std::optional<std::size_t> c_id_, c_name_, c_parent_, c_003_, c_005_;
  std::map<std::string, int> parts_;
};

// Orientation fixed (bg::correct); an invalid polygon repaired with GEOS MakeValid (through
// OGR) and reported; empty → reported, nullopt.
std::optional<MultiPolygon> usable_polygons(FileContext& ctx, std::int64_t row, MultiPolygon mp);

// The fast path for GeoJSON FeatureCollections of (multi)polygons in lon/lat. Returns false,
// having read nothing, when the file is anything else; GDAL then reads it.
bool read_geojson_districts(FileContext& ctx, const InputSpec& spec);

}  // namespace careatlas
