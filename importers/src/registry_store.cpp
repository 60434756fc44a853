// The GeoPackage registry through GDAL/OGR (in the GDAL module; the CSV reports are in
// report_files.cpp).
#include "careatlas/importers/registry_store.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <array>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "careatlas/importers/csv.hpp"
#include "careatlas/model/mesh_code.hpp"
#include "careatlas/model/safe_path.hpp"
#include "gdal_util.hpp"
#include "registry_addresses.hpp"
#include "registry_facilities.hpp"
#include "registry_fields.hpp"
#include "registry_roads.hpp"

namespace careatlas {

namespace fs = std::filesystem;

namespace {

using gdal::DatasetPtr;
using gdal::FeaturePtr;
using namespace registry_fields;
using namespace registry_facilities;

void write_districts(GDALDataset& ds, OGRSpatialReference& srs, const std::vector<District>& districts) {
  OGRLayer* l = ds.CreateLayer("districts", &srs, wkbMultiPolygon, nullptr);
  if (!l) throw std::runtime_error("cannot create layer districts");
  create_fields(l, {{"district_id", F::str}, {"name", F::str}, {"parent_id", F::str}, {"level", F::str},
                    {"source_file", F::str}});
  for (const District& d : districts) {
    OGRFeature ft(l->GetLayerDefn());
    set_str(ft, "district_id", d.id);
    set_str(ft, "name", d.name);
    set_str(ft, "parent_id", d.parent_id);
    set_str(ft, "level", std::string(to_string(d.level)));
    set_str(ft, "source_file", d.source_file);
    OGRMultiPolygon mp = gdal::to_ogr(d.geometry);
    ft.SetGeometry(&mp);
    add(l, ft);
  }
}

void write_population(GDALDataset& ds, OGRSpatialReference& srs, const std::vector<PopulationCell>& cells) {
  OGRLayer* l = ds.CreateLayer("population", &srs, wkbPolygon, nullptr);
  if (!l) throw std::runtime_error("cannot create layer population");
  create_fields(l, {{"mesh_code", F::i64}, {"year", F::i32}, {"pop_total", F::real}, {"pop_65plus", F::real},
                    {"pop_75plus", F::real}, {"merged_into", F::i64}, {"merged_from", F::str}, {"source_file", F::str}});
  for (const PopulationCell& c : cells) {
    OGRFeature ft(l->GetLayerDefn());
    ft.SetField("mesh_code", static_cast<GIntBig>(c.mesh_code));
    ft.SetField("year", c.year);
    set_opt_real(ft, "pop_total", c.total);
    set_opt_real(ft, "pop_65plus", c.age65plus);
    set_opt_real(ft, "pop_75plus", c.age75plus);
    ft.SetField("merged_into", static_cast<GIntBig>(c.merged_into));
    set_str(ft, "merged_from", c.merged_from);
    set_str(ft, "source_file", c.source_file);
    OGRPolygon cell = gdal::mesh_cell_polygon(c.mesh_code);
    if (!cell.IsEmpty()) ft.SetGeometry(&cell);
    add(l, ft);
  }
}

// The import_files columns of a file's LocationCounts, both ways.
template <class Counts>
auto location_columns(Counts& c) {
  using V = decltype(&c.published);
  return std::array<std::pair<const char*, V>, 9>{{{"located_published", &c.published},
                                                    {"located_block", &c.by_address[0]},
                                                    {"located_chome", &c.by_address[1]},
                                                    {"located_oaza", &c.by_address[2]},
                                                    {"located_municipality", &c.by_address[3]},
                                                    {"unlocated", &c.unlocated},
                                                    {"address_checked", &c.checked},
                                                    {"location_suspect", &c.suspect},
                                                    {"location_replaced", &c.replaced}}};
}

void write_tables(GDALDataset& ds, const Registry& reg) {
  OGRLayer* d = ds.CreateLayer("diagnostics", nullptr, wkbNone, nullptr);
  if (!d) throw std::runtime_error("cannot create table diagnostics");
  create_fields(d, {{"file", F::str}, {"row", F::i64}, {"column", F::str}, {"code", F::str}, {"severity", F::str},
                    {"value", F::str}, {"message", F::str}, {"description_ja", F::str}});
  for (const Diagnostic& x : reg.diagnostics) {
    OGRFeature ft(d->GetLayerDefn());
    set_str(ft, "file", x.file);
    ft.SetField("row", static_cast<GIntBig>(x.row));
    set_str(ft, "column", x.column);
    set_str(ft, "code", std::string(to_string(x.code)));
    set_str(ft, "severity", std::string(to_string(x.severity)));
    set_str(ft, "value", x.value);
    set_str(ft, "message", x.message);
    set_str(ft, "description_ja", std::string(diag_info(x.code).summary_ja));
    add(d, ft);
  }
  OGRLayer* f = ds.CreateLayer("import_files", nullptr, wkbNone, nullptr);
  if (!f) throw std::runtime_error("cannot create table import_files");
  create_fields(f, {{"file", F::str}, {"role", F::str}, {"format", F::str}, {"encoding", F::str},
                    {"rows_read", F::i64}, {"imported", F::i64}, {"rejected", F::i64}, {"skipped", F::i64},
                    {"warnings", F::i64}, {"located_published", F::i64}, {"located_block", F::i64},
                    {"located_chome", F::i64}, {"located_oaza", F::i64}, {"located_municipality", F::i64},
                    {"unlocated", F::i64}, {"address_checked", F::i64}, {"location_suspect", F::i64},
                    {"location_replaced", F::i64}});
  for (const FileReport& r : reg.files) {
    OGRFeature ft(f->GetLayerDefn());
    set_str(ft, "file", r.file);
    set_str(ft, "role", r.role);
    set_str(ft, "format", r.format);
    set_str(ft, "encoding", r.encoding);
    ft.SetField("rows_read", static_cast<GIntBig>(r.rows_read));
    ft.SetField("imported", static_cast<GIntBig>(r.imported));
    ft.SetField("rejected", static_cast<GIntBig>(r.rejected));
    ft.SetField("skipped", static_cast<GIntBig>(r.skipped));
    ft.SetField("warnings", static_cast<GIntBig>(r.warnings));
    for (const auto& [column, value] : location_columns(r.locations))
      ft.SetField(column, static_cast<GIntBig>(*value));
    add(f, ft);
  }
  OGRLayer* s = ds.CreateLayer("sources", nullptr, wkbNone, nullptr);
  if (!s) throw std::runtime_error("cannot create table sources");
  create_fields(s, {{"file", F::str}, {"format", F::str}, {"attribution", F::str}, {"edition", F::str}});
  for (const SourceInfo& x : reg.sources) {
    OGRFeature ft(s->GetLayerDefn());
    set_str(ft, "file", x.file);
    set_str(ft, "format", x.format);
    set_str(ft, "attribution", x.attribution);
    set_str(ft, "edition", x.edition);
    add(s, ft);
  }
  OGRLayer* m = ds.CreateLayer("careatlas_metadata", nullptr, wkbNone, nullptr);
  if (!m) throw std::runtime_error("cannot create table careatlas_metadata");
  create_fields(m, {{"key", F::str}, {"value", F::str}});
  for (auto [k, v] : {std::pair<const char*, const std::string*>{"title", &reg.title},
                      {"import_time", &reg.import_time},
                      {"careatlas_version", &reg.careatlas_version}}) {
    OGRFeature ft(m->GetLayerDefn());
    set_str(ft, "key", k);
    set_str(ft, "value", *v);
    add(m, ft);
  }
}

}  // namespace

namespace {

class GpkgRegistryWriter final : public RegistryWriter {
 public:
  explicit GpkgRegistryWriter(const std::string& path) : draft_(gdal::start_gpkg(path)) {
    try {
      layer_ = create_facilities_layer(*draft_->ds, draft_->srs);
    } catch (...) {
      gdal::discard_gpkg(*draft_);
      throw;
    }
  }
  ~GpkgRegistryWriter() override {
    if (!committed_) gdal::discard_gpkg(*draft_);
  }

  void append(const std::vector<Facility>& batch) override {
    for (const Facility& f : batch) {
      OGRFeature ft(layer_->GetLayerDefn());
      to_feature(ft, f);
      ft.SetFID(static_cast<GIntBig>(++count_));  // index + 1: the order appended
      if (layer_->CreateFeature(&ft) != OGRERR_NONE)
        throw std::runtime_error(draft_->path + ": cannot write facility " + f.facility_id);
    }
  }
  Facility get(std::size_t index) override {
    FeaturePtr ft(layer_->GetFeature(fid(index)));
    if (!ft) throw std::runtime_error(draft_->path + ": cannot read back facility " + std::to_string(index));
    return from_feature(*ft);
  }
  void put(std::size_t index, const Facility& f) override {
    OGRFeature ft(layer_->GetLayerDefn());
    to_feature(ft, f);
    ft.SetFID(fid(index));
    if (layer_->SetFeature(&ft) != OGRERR_NONE)
      throw std::runtime_error(draft_->path + ": cannot update facility " + f.facility_id);
  }
  void for_each(const std::function<void(std::size_t, const Facility&)>& fn) override {
    layer_->ResetReading();
    for (FeaturePtr ft(layer_->GetNextFeature()); ft; ft.reset(layer_->GetNextFeature()))
      fn(static_cast<std::size_t>(ft->GetFID() - 1), from_feature(*ft));
  }
  void commit(const Registry& reg) override {
    write_districts(*draft_->ds, draft_->srs, reg.districts);
    write_population(*draft_->ds, draft_->srs, reg.population);
    write_address_tables(*draft_->ds, draft_->srs, reg.addresses);
    write_roads_layer(*draft_->ds, draft_->srs, reg.roads);
    write_tables(*draft_->ds, reg);
    committed_ = true;  // finish_gpkg removes the draft itself when it fails
    gdal::finish_gpkg(*draft_);
  }

 private:
  GIntBig fid(std::size_t index) const {
    if (index >= count_) throw std::out_of_range("facility index " + std::to_string(index) + " not written");
    return static_cast<GIntBig>(index + 1);
  }

  std::unique_ptr<gdal::GpkgDraft> draft_;
  OGRLayer* layer_ = nullptr;
  std::size_t count_ = 0;
  bool committed_ = false;
};

}  // namespace

std::unique_ptr<RegistryWriter> open_registry_writer(const std::string& path) {
  return std::make_unique<GpkgRegistryWriter>(path);
}

void write_registry(const std::string& path, const Registry& reg) {
  GpkgRegistryWriter w(path);
  w.append(reg.facilities);
  w.commit(reg);
}

Registry read_registry(const std::string& path, bool with_addresses) {
  require_local_path(path, "registry");  // safe_path.hpp
  gdal::register_drivers();
  const char* drivers[] = {"GPKG", nullptr};  // a registry is a GeoPackage, nothing else
  DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!ds) throw std::runtime_error(path + ": cannot open as a GeoPackage");
  auto layer = [&](const char* name) {
    OGRLayer* l = ds->GetLayerByName(name);
    if (!l) throw std::runtime_error(path + ": not a careatlas registry (no layer " + name + ")");
    l->ResetReading();
    return l;
  };
  Registry reg;
  OGRLayer* fl = layer("facilities");
  for (FeaturePtr ft(fl->GetNextFeature()); ft; ft.reset(fl->GetNextFeature()))
    reg.facilities.push_back(from_feature(*ft));
  OGRLayer* dl = layer("districts");
  for (FeaturePtr ft(dl->GetNextFeature()); ft; ft.reset(dl->GetNextFeature())) {
    District d;
    d.id = get_str(*ft, "district_id");
    d.name = get_str(*ft, "name");
    d.parent_id = get_str(*ft, "parent_id");
    d.level = district_level_from_string(get_str(*ft, "level")).value_or(DistrictLevel::other);
    d.source_file = get_str(*ft, "source_file");
    if (const OGRGeometry* g = ft->GetGeometryRef(); g && !g->IsEmpty()) d.geometry = gdal::to_model(*g);
    reg.districts.push_back(std::move(d));
  }
  OGRLayer* pl = layer("population");
  for (FeaturePtr ft(pl->GetNextFeature()); ft; ft.reset(pl->GetNextFeature())) {
    PopulationCell c;
    c.mesh_code = static_cast<std::uint64_t>(get_i64(*ft, "mesh_code"));
    c.year = get_opt_int(*ft, "year").value_or(0);
    c.total = get_opt_real(*ft, "pop_total");
    c.age65plus = get_opt_real(*ft, "pop_65plus");
    c.age75plus = get_opt_real(*ft, "pop_75plus");
    c.merged_into = static_cast<std::uint64_t>(get_i64(*ft, "merged_into"));
    c.merged_from = get_str(*ft, "merged_from");
    c.source_file = get_str(*ft, "source_file");
    reg.population.push_back(std::move(c));
  }
  OGRLayer* xl = layer("diagnostics");
  for (FeaturePtr ft(xl->GetNextFeature()); ft; ft.reset(xl->GetNextFeature())) {
    Diagnostic d;
    d.file = get_str(*ft, "file");
    d.row = get_i64(*ft, "row");
    d.column = get_str(*ft, "column");
    const std::string code = get_str(*ft, "code");
    for (const auto& info : diag_table())
      if (info.name == code) d.code = info.code;
    const std::string sev = get_str(*ft, "severity");
    d.severity = sev == "error" ? Severity::error : sev == "info" ? Severity::info : Severity::warning;
    d.value = get_str(*ft, "value");
    d.message = get_str(*ft, "message");
    reg.diagnostics.push_back(std::move(d));
  }
  OGRLayer* il = layer("import_files");
  for (FeaturePtr ft(il->GetNextFeature()); ft; ft.reset(il->GetNextFeature())) {
    FileReport r;
    r.file = get_str(*ft, "file");
    r.role = get_str(*ft, "role");
    r.format = get_str(*ft, "format");
    r.encoding = get_str(*ft, "encoding");
    r.rows_read = get_i64(*ft, "rows_read");
    r.imported = get_i64(*ft, "imported");
    r.rejected = get_i64(*ft, "rejected");
    r.skipped = get_i64(*ft, "skipped");
    r.warnings = get_i64(*ft, "warnings");
    for (const auto& [column, value] : location_columns(r.locations)) *value = get_i64(*ft, column);
    reg.files.push_back(std::move(r));
  }
  OGRLayer* sl = layer("sources");
  for (FeaturePtr ft(sl->GetNextFeature()); ft; ft.reset(sl->GetNextFeature()))
    reg.sources.push_back({get_str(*ft, "file"), get_str(*ft, "format"), get_str(*ft, "attribution"),
                           get_str(*ft, "edition")});
  OGRLayer* ml = layer("careatlas_metadata");
  for (FeaturePtr ft(ml->GetNextFeature()); ft; ft.reset(ml->GetNextFeature())) {
    const std::string k = get_str(*ft, "key"), v = get_str(*ft, "value");
    if (k == "title") reg.title = v;
    else if (k == "import_time") reg.import_time = v;
    else if (k == "careatlas_version") reg.careatlas_version = v;
  }
  if (with_addresses) reg.addresses = read_address_tables(*ds);
  reg.roads = read_roads_layer(*ds);
  return reg;
}

}  // namespace careatlas
