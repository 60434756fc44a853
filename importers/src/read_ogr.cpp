// Layers read through GDAL/OGR: 国土数値情報 N03 boundaries (2021–2023 and 2024+ layouts),
// P04 医療機関 and P14 福祉施設 points, 将来推計人口 mesh layers, and any polygon / point
// layer with a column mapping from the project file. Opening, text decoding and the CRS
// transformation are OgrLayer's (ogr_layer.hpp).
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <cstdio>
#include <map>
#include <memory>

#include "careatlas/importers/hours.hpp"
#include "district_builder.hpp"
#include "gdal_util.hpp"
#include "ogr_layer.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace {

using gdal::FeaturePtr;

std::string stem_of(const std::string& path) {
  std::string n = file_name_of(path);
  const auto dot = n.find_last_of('.');
  return dot == std::string::npos ? n : n.substr(0, dot);
}

class LayerReader {
 public:
  LayerReader(FileContext& ctx, const InputSpec& spec) : ctx_(ctx), spec_(spec) {}

  void run() {
    ogr_.emplace(ctx_, spec_.path, spec_.layer, spec_.encoding);
    layer_ = &ogr_->layer();
    ctx_.report().encoding = ogr_->driver();
    fields_ = ogr_->field_names();
    header_.emplace(fields_);

    const std::string format = detect();
    ctx_.report().format = format;
    if (spec_.role == InputRole::districts) read_districts(format);
    else if (spec_.role == InputRole::facilities) read_points(format);
    else if (spec_.role == InputRole::population) read_projected();
    else
      ctx_.fail(DiagCode::header_unrecognised, 0, "", "", "a survey sheet must be a CSV file, not a map layer");
  }

 private:
  FileContext& ctx_;
  const InputSpec& spec_;
  std::optional<OgrLayer> ogr_;
  OGRLayer* layer_ = nullptr;
  std::vector<std::string> fields_;
  std::optional<Header> header_;  // field lookup by normalised name

  std::string decode(const char* raw) const { return ogr_->decode(raw); }

  std::optional<int> col(std::initializer_list<std::string_view> names) const {
    const auto i = header_->find(names);
    return i ? std::optional<int>(static_cast<int>(*i)) : std::nullopt;
  }
  // A mapped column (project file columns = { key = "名前" }) or the defaults.
  std::optional<int> mapped(const std::string& key, std::initializer_list<std::string_view> defaults) const {
    if (auto it = spec_.columns.find(key); it != spec_.columns.end()) {
      auto c = col({it->second});
      if (!c)
        ctx_.fail(DiagCode::header_unrecognised, 0, it->second, it->second,
                  "column \"" + it->second + "\" (mapped to " + key + ") is not in the layer; fields are: " + field_list());
      return c;
    }
    return col(defaults);
  }
  std::string field_list() const {
    std::string s;
    for (const auto& f : fields_) s += (s.empty() ? "" : ", ") + f;
    return s;
  }
  std::string value(OGRFeature& f, std::optional<int> c) const {
    if (!c || !f.IsFieldSetAndNotNull(*c)) return "";
    return text::trim(decode(f.GetFieldAsString(*c)));
  }

  std::string detect() const {
    if (spec_.format != "auto" && !spec_.format.empty()) return spec_.format;
    if (col({"N03_007"})) return "n03";
    if (col({"MESH_ID"})) return "projected_mesh";
    if (col({"P04_002"})) return "p04";
    if (col({"P14_008"})) return "p14";
    return spec_.role == InputRole::districts ? "ogr_polygons" : "ogr_points";
  }

  // OGR polygon geometry → model multipolygon (lon/lat), repaired when invalid.
  std::optional<MultiPolygon> polygons(OGRFeature& f, std::int64_t row) {
    OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty()) {
      ctx_.diag(DiagCode::geometry_empty, row, "geometry", "", "feature has no geometry; rejected");
      return std::nullopt;
    }
    std::unique_ptr<OGRGeometry> owned(g->clone());
    ogr_->to_lonlat(*owned);
    auto flat = wkbFlatten(owned->getGeometryType());
    if (flat == wkbCurvePolygon || flat == wkbMultiSurface) {
      owned.reset(owned->getLinearGeometry());
      flat = wkbFlatten(owned->getGeometryType());
    }
    if (flat != wkbPolygon && flat != wkbMultiPolygon) {
      ctx_.diag(DiagCode::geometry_not_polygon, row, "geometry", OGRGeometryTypeToName(owned->getGeometryType()),
                "a district must be a polygon or multipolygon; feature rejected");
      return std::nullopt;
    }
    return usable_polygons(ctx_, row, gdal::to_model(*owned));
  }

  // ---- districts -----------------------------------------------------------------------
  void read_districts(const std::string& format) {
    DistrictBuilder builder(ctx_, spec_, fields_, format);
    std::int64_t row = 0;
    std::vector<std::string> values(fields_.size());
    layer_->ResetReading();
    for (FeaturePtr f(layer_->GetNextFeature()); f; f.reset(layer_->GetNextFeature())) {
      ++row;
      for (std::size_t i = 0; i < fields_.size(); ++i) values[i] = value(*f, static_cast<int>(i));
      builder.add(row, values, [&] { return polygons(*f, row); });
    }
    builder.finish(row);
  }

  // ---- facilities ----------------------------------------------------------------------
  void read_points(const std::string& format) {
    const bool p04 = format == "p04", p14 = format == "p14";
    // P04/P14 carry no ID: facility_id becomes <file stem>:<feature number>.
    std::optional<int> c_id;
    if (p04 || p14) {
      if (spec_.columns.contains("id")) c_id = mapped("id", {});
    } else {
      c_id = mapped("id", {"facility_id", "id"});
    }
    const std::string id_column = c_id ? fields_[static_cast<std::size_t>(*c_id)] : std::string("fid");
    auto c_name = p04 ? col({"P04_002"}) : p14 ? col({"P14_008"}) : mapped("name", {"name", "名称", "施設名"});
    auto c_addr = p04 ? col({"P04_003"}) : p14 ? col({"P14_004"}) : mapped("address", {"address", "住所", "所在地"});
    auto c_kind = p04 ? col({"P04_001"}) : mapped("kind", {"kind"});
    auto c_muni = p14 ? col({"P14_003"}) : mapped("municipality_code", {"municipality_code"});
    auto c_beds = p04 ? col({"P04_008"}) : std::optional<int>{};
    auto c_tel = mapped("phone", {"phone", "電話番号"});
    auto c_doc = mapped("doctors", {"doctors"});
    auto c_hv = mapped("home_visit", {"home_visit"});
    auto c_24 = mapped("support_24h", {"support_24h"});
    auto c_hours = mapped("hours", {"hours"});
    auto c_p14a = col({"P14_005"}), c_p14b = col({"P14_006"}), c_p14c = col({"P14_007"});
    if (!c_name)
      ctx_.fail(DiagCode::header_unrecognised, 0, "", "",
                "no name column; set columns = { name = \"…\" } in the project file. Fields: " + field_list());
    std::optional<FacilityKind> fixed_kind;
    if (!spec_.kind.empty()) {
      fixed_kind = facility_kind_from_string(spec_.kind);
      if (!fixed_kind) throw config_error(spec_.path + ": unknown kind \"" + spec_.kind + "\"");
    }
    const std::string fname = file_name_of(spec_.path), stem = stem_of(spec_.path);
    FileReport& rep = ctx_.report();
    std::int64_t row = 0;
    layer_->ResetReading();
    for (FeaturePtr f(layer_->GetNextFeature()); f; f.reset(layer_->GetNextFeature())) {
      ++row;
      ++rep.rows_read;
      RowScope scope(ctx_.state());
      Facility fac;
      fac.source_file = fname;
      fac.source_row = row;
      fac.source_id = c_id ? value(*f, c_id) : "";
      fac.facility_id = fac.source_id.empty() ? stem + ":" + std::to_string(row) : fac.source_id;
      fac.name = value(*f, c_name);
      if (fac.name.empty()) {
        ++rep.rejected;
        ctx_.diag(DiagCode::missing_name, row, fields_[static_cast<std::size_t>(*c_name)], "", "feature has no name; rejected");
        continue;
      }
      fac.address = value(*f, c_addr);
      fac.municipality_code = value(*f, c_muni);
      fac.phone = value(*f, c_tel);
      for (auto [c, s] : {std::pair{c_name, &fac.name}, {c_addr, &fac.address}}) {
        std::string bad;
        if (!text::is_cp932_encodable(*s, &bad))
          ctx_.diag(DiagCode::not_cp932, row, c ? fields_[static_cast<std::size_t>(*c)] : "", *s,
                    "\"" + bad + "\" cannot be written in CP932 (Shift_JIS); kept as is");
      }
      if (p04) {
        const std::string k = value(*f, c_kind);
        fac.kind = k == "1" ? FacilityKind::hospital : k == "3" ? FacilityKind::dental_clinic : FacilityKind::clinic;
        if (auto b = parse_int(value(*f, c_beds)); b && *b > 0) fac.capacity = *b;
      } else if (p14) {
        fac.kind = fac.name.find("地域包括支援センター") != std::string::npos ? FacilityKind::community_support_center
                                                                              : FacilityKind::welfare_facility;
        fac.service_code = "P14:" + value(*f, c_p14a) + "-" + value(*f, c_p14b) + "-" + value(*f, c_p14c);
      } else if (fixed_kind) {
        fac.kind = *fixed_kind;
      } else {
        const std::string k = value(*f, c_kind);
        auto kk = facility_kind_from_string(k);
        if (!kk) {
          ++rep.rejected;
          ctx_.diag(DiagCode::kind_unknown, row, "kind", k,
                    "unknown kind; rejected (map a kind column or set kind = \"clinic\" etc. in the project file)");
          continue;
        }
        fac.kind = *kk;
      }
      for (auto [c, flag] : {std::pair{c_hv, &fac.home_visit}, {c_24, &fac.support_24h}}) {
        const std::string v = value(*f, c);
        if (v == "1" || v == "0") *flag = {v == "1", fname};
      }
      if (auto d = parse_int(value(*f, c_doc)); d && *d >= 0) fac.doctors = *d;
      if (const std::string h = value(*f, c_hours); !h.empty()) {
        std::string err;
        if (auto s = hours::parse_weekly(h, &err)) fac.availability = *s;
        else ctx_.diag(DiagCode::hours_unparsable, row, "hours", h, err + "; hours left unknown");
      }
      fac.location = point(*f, row);
      scope.count(rep, ctx_.state().add_facility(ctx_, std::move(fac), id_column));
    }
    warn_if_empty(row);
  }

  std::optional<LonLat> point(OGRFeature& f, std::int64_t row) {
    OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint) {
      ctx_.diag(DiagCode::coordinates_missing, row, "geometry", "",
                "feature has no point geometry; kept as unlocated");
      return std::nullopt;
    }
    OGRPoint p(*g->toPoint());
    ogr_->to_lonlat(p);
    char lat[40], lon[40];
    std::snprintf(lat, sizeof lat, "%.17g", p.getY());
    std::snprintf(lon, sizeof lon, "%.17g", p.getX());
    return resolve_location(ctx_, row, "geometry", lat, "geometry", lon);
  }

  // ---- population ----------------------------------------------------------------------
  void read_projected() {
    ProjectedMeshRows rows(ctx_, spec_, fields_);
    FileReport& rep = ctx_.report();
    std::int64_t row = 0;
    std::vector<std::string> values(fields_.size());
    layer_->ResetReading();
    for (FeaturePtr f(layer_->GetNextFeature()); f; f.reset(layer_->GetNextFeature())) {
      ++row;
      ++rep.rows_read;
      for (std::size_t i = 0; i < fields_.size(); ++i) values[i] = value(*f, static_cast<int>(i));
      count_row(rep, rows.row(row, values));
    }
    warn_if_empty(row);
  }

  void warn_if_empty(std::int64_t features) {
    if (features == 0) ctx_.diag(DiagCode::no_rows, 0, "", "", "the layer has no features; nothing imported from it");
  }
};

}  // namespace

void read_ogr(FileContext& ctx, const InputSpec& spec) {  // (GeoJSON districts try their fast path first: session.cpp)
  LayerReader reader(ctx, spec);
  reader.run();
}

}  // namespace careatlas
