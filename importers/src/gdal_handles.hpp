#pragma once
// RAII handles for GDAL objects and one-time driver registration (importers only).
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace careatlas::gdal {

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
  void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

// GDALAllRegister() once per process.
inline void register_drivers() {
  static const bool once = [] {
    GDALAllRegister();
    return true;
  }();
  (void)once;
}

}  // namespace careatlas::gdal
