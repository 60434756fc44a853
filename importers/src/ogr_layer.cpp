#include "ogr_layer.hpp"

#include <ogr_api.h>

#include <cstdio>

#include "careatlas/model/safe_path.hpp"
#include "session_state.hpp"

namespace careatlas {

OgrLayer::OgrLayer(FileContext& ctx, const std::string& path, const std::string& layer_name, std::string encoding)
    : encoding_(std::move(encoding)) {
  require_local_path(path, "layer file");  // the callers checked already; GDAL must never see one
  gdal::register_drivers();
  const char* raw_encoding[] = {"ENCODING=", nullptr};
  CPLPushErrorHandler(CPLQuietErrorHandler);
  ds_.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, gdal::kReadDrivers, raw_encoding,
                              nullptr));
  const std::string gdal_msg = CPLGetLastErrorMsg();
  CPLPopErrorHandler();
  if (!ds_) {
    FILE* probe = std::fopen(path.c_str(), "rb");
    if (!probe) ctx.fail(DiagCode::file_unreadable, 0, "", path, "cannot open the file");
    std::fseek(probe, 0, SEEK_END);
    const long size = std::ftell(probe);
    std::fclose(probe);
    if (size == 0) ctx.fail(DiagCode::file_empty, 0, "", "", "the file is empty");
    ctx.fail(DiagCode::header_unrecognised, 0, "", gdal_msg.substr(0, 200),
             "not a layer of a format careatlas opens: " + std::string(gdal::kReadFormats) +
                 ". Other formats (GML, CSV or spreadsheets as layers, VRT, MapInfo, databases and web "
                 "services) are not opened: save the layer as GeoPackage or GeoJSON (QGIS: Export > Save "
                 "Features As)");
  }
  layer_ = layer_name.empty() ? ds_->GetLayer(0) : ds_->GetLayerByName(layer_name.c_str());
  if (!layer_)
    ctx.fail(DiagCode::header_unrecognised, 0, "layer", layer_name,
             layer_name.empty() ? "the file has no layer" : "no layer with this name");
  raw_strings_ = driver() == "ESRI Shapefile";

  const OGRSpatialReference* srs = layer_->GetSpatialRef();
  if (!srs || srs->IsGeographic()) return;
  OGRSpatialReference target;
  target.importFromEPSG(6668);
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference source(*srs);
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  to_jgd2011_.reset(OGRCreateCoordinateTransformation(&source, &target));
  if (!to_jgd2011_)
    ctx.fail(DiagCode::header_unrecognised, 0, "", "", "cannot transform the layer's CRS to JGD2011 (EPSG:6668)");
}

OgrLayer::~OgrLayer() = default;

std::vector<std::string> OgrLayer::field_names() const {
  std::vector<std::string> out;
  OGRFeatureDefn* defn = layer_->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) out.push_back(decode(defn->GetFieldDefn(i)->GetNameRef()));
  return out;
}

std::string OgrLayer::decode(const char* raw) const {
  if (!raw) return "";
  std::string_view b(raw);
  if (!raw_strings_) return std::string(b);
  auto enc = text::parse_encoding_option(encoding_);
  if (!enc) enc = text::is_valid_utf8(b) ? text::Encoding::utf8 : text::Encoding::cp932;
  auto s = text::decode(b, *enc);
  return s ? *s : std::string(b);
}

void OgrLayer::to_lonlat(OGRGeometry& g) const {
  if (to_jgd2011_) g.transform(to_jgd2011_.get());
}

}  // namespace careatlas
