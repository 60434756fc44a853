// analysis.gpkg through GDAL: district metrics, coverage polygons and cell accessibility.
#include "careatlas/importers/analysis_store.hpp"


#include <stdexcept>

#include "careatlas/model/mesh_code.hpp"
#include "gdal_util.hpp"

namespace careatlas {

namespace {

OGRLayer* create(GDALDataset& ds, const char* name, OGRSpatialReference* srs, OGRwkbGeometryType type,
                 std::initializer_list<std::pair<const char*, OGRFieldType>> fields) {
  OGRLayer* l = ds.CreateLayer(name, srs, type, nullptr);
  if (!l) throw std::runtime_error(std::string("cannot create layer ") + name);
  for (const auto& [n, t] : fields) {
    OGRFieldDefn def(n, t);
    if (l->CreateField(&def) != OGRERR_NONE) throw std::runtime_error(std::string("cannot create field ") + n);
  }
  return l;
}

void add(OGRLayer* l, OGRFeature& f) {
  if (l->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error(std::string("cannot write to layer ") + l->GetName());
}

}  // namespace

void write_analysis_gpkg(const std::string& path, const AnalysisGpkg& data) {
  gdal::write_gpkg_atomically(path, [&data](GDALDataset& ds, OGRSpatialReference& srs) {
    OGRLayer* dl = create(ds, "district_metrics", &srs, wkbMultiPolygon,
                          {{"district_id", OFTString}, {"name", OFTString}, {"parent_id", OFTString}});
    if (!data.districts.empty())
      for (const auto& [name, v] : data.districts.front().metrics) {
        OGRFieldDefn def(name.c_str(), OFTReal);
        if (dl->CreateField(&def) != OGRERR_NONE) throw std::runtime_error("cannot create field " + name);
      }
    for (const auto& row : data.districts) {
      OGRFeature f(dl->GetLayerDefn());
      f.SetField("district_id", row.district->id.c_str());
      f.SetField("name", row.district->name.c_str());
      f.SetField("parent_id", row.district->parent_id.c_str());
      for (const auto& [name, v] : row.metrics) f.SetField(name.c_str(), v);
      OGRMultiPolygon g = gdal::to_ogr(row.district->geometry);
      f.SetGeometry(&g);
      add(dl, f);
    }

    OGRLayer* cl = create(ds, "coverage", &srs, wkbMultiPolygon,
                          {{"district_id", OFTString}, {"layer", OFTString}, {"radius_m", OFTReal}});
    for (const auto& row : data.coverage) {
      OGRFeature f(cl->GetLayerDefn());
      f.SetField("district_id", row.district_id.c_str());
      f.SetField("layer", row.layer.c_str());
      f.SetField("radius_m", row.radius_m);
      OGRMultiPolygon g = gdal::to_ogr(row.geometry);
      f.SetGeometry(&g);
      add(cl, f);
    }

    OGRLayer* al = create(ds, "cell_access", &srs, wkbPolygon,
                          {{"mesh_code", OFTInteger64}, {"year", OFTInteger}, {"district_id", OFTString},
                           {"pop65", OFTReal}, {"n_providers", OFTInteger}, {"accessibility", OFTReal}});
    for (const auto& row : data.cells) {
      OGRFeature f(al->GetLayerDefn());
      f.SetField("mesh_code", static_cast<GIntBig>(row.mesh_code));
      f.SetField("year", row.year);
      f.SetField("district_id", row.district_id.c_str());
      f.SetField("pop65", row.pop65);
      f.SetField("n_providers", row.n_providers);
      f.SetField("accessibility", row.accessibility);
      OGRPolygon cell = gdal::mesh_cell_polygon(row.mesh_code);
      if (!cell.IsEmpty()) f.SetGeometry(&cell);
      add(al, f);
    }

    OGRLayer* ml = create(ds, "careatlas_metadata", nullptr, wkbNone, {{"key", OFTString}, {"value", OFTString}});
    OGRFeature f(ml->GetLayerDefn());
    f.SetField("key", "analysis_crs");
    f.SetField("value", data.crs_note.c_str());
    add(ml, f);
  });
}

}  // namespace careatlas
