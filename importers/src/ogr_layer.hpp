#pragma once
// One OGR layer opened the way every careatlas OGR reader opens one (GDAL module only):
// the drivers careatlas supports, local files only, file-level failures as import_error
// through the FileContext, Shapefile text decoded here, projected layers transformed to
// lon/lat JGD2011. Shared by the district/point/mesh reader (read_ogr.cpp) and the
// context-layer reader (read_context.cpp).
//
// Strings: GeoJSON and GeoPackage are UTF-8; Shapefile DBFs are CP932 up to N03 2023 and
// UTF-8 after, often without a .cpg. Shapefiles are therefore opened without GDAL's
// recoding (ENCODING="") and each value is decoded here: the encoding option if given,
// else UTF-8 when the bytes are valid UTF-8, else CP932.
// Coordinates: geographic layers are taken as lon/lat (JGD2011/JGD2000/WGS84 differ by
// less than a map symbol); projected layers are transformed to EPSG:6668.
#include <memory>
#include <string>
#include <vector>

#include "gdal_util.hpp"

namespace careatlas {

class FileContext;

class OgrLayer {
 public:
  // Opens `path` and its layer `layer_name` (empty = the first layer). Throws config_error
  // for network/virtual paths, import_error (ctx.fail) for an unreadable, empty or
  // unrecognised file, a missing layer or a CRS that cannot be transformed.
  OgrLayer(FileContext& ctx, const std::string& path, const std::string& layer_name, std::string encoding);
  ~OgrLayer();
  OgrLayer(const OgrLayer&) = delete;
  OgrLayer& operator=(const OgrLayer&) = delete;

  OGRLayer& layer() { return *layer_; }
  std::string driver() const { return ds_->GetDriverName(); }
  // The layer's field names, decoded.
  std::vector<std::string> field_names() const;
  // A string of the layer (field name or value), decoded to UTF-8.
  std::string decode(const char* raw) const;
  // Moves a geometry of the layer to lon/lat JGD2011 (no-op for a geographic layer).
  void to_lonlat(OGRGeometry& g) const;

 private:
  gdal::DatasetPtr ds_;
  OGRLayer* layer_ = nullptr;
  bool raw_strings_ = false;
  std::string encoding_;
  std::unique_ptr<OGRCoordinateTransformation> to_jgd2011_;
};

}  // namespace careatlas
