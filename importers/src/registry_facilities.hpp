#pragma once
// The registry's facilities layer (registry_store.cpp writes and reads it through these):
// its fields — hours, survey answers, location columns — and a Facility as a feature,
// both ways. Not installed; GDAL module only.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "careatlas/model/facility.hpp"

namespace careatlas::registry_facilities {

// The layer `facilities` (points, EPSG:6668) with every field.
OGRLayer* create_facilities_layer(GDALDataset& ds, OGRSpatialReference& srs);
void to_feature(OGRFeature& ft, const Facility& f);
Facility from_feature(OGRFeature& ft);

}  // namespace careatlas::registry_facilities
