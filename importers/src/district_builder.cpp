#include "district_builder.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <vector>

#include "gdal_module.hpp"
#include "polygon_validity.hpp"

namespace careatlas {

DistrictBuilder::DistrictBuilder(FileContext& ctx, const InputSpec& spec, const std::vector<std::string>& fields,
                                 const std::string& format)
    : ctx_(ctx), spec_(spec), fields_(fields), n03_(format == "n03") {
  const Header h(fields_);
  auto mapped = [&](const std::string& key, std::initializer_list<std::string_view> defaults) {
    if (auto it = spec_.columns.find(key); it != spec_.columns.end()) {
      auto c = h.find({it->second});
      if (!c) {
        std::string list;
        for (const auto& f : fields_) list += (list.empty() ? "" : ", ") + f;
        ctx_.fail(DiagCode::header_unrecognised, 0, it->second, it->second,
                  "column \"" + it->second + "\" (mapped to " + key + ") is not in the layer; fields are: " + list);
      }
      return c;
    }
    return h.find(defaults);
  };
  if (n03_) {
    c_id_ = h.find({"N03_007"});
    c_name_ = h.find({"N03_004"});
    c_003_ = h.find({"N03_003"});
    c_005_ = h.find({"N03_005"});  // present from the 2024 edition: N03_004 city, N03_005 ward
  } else {
    c_id_ = mapped("id", {"district_id", "id", "code", "コード"});
    c_name_ = mapped("name", {"name", "名称", "district_name"});
    c_parent_ = mapped("parent", {"parent_id", "parent"});
    if (!c_id_) {
      std::string list;
      for (const auto& f : fields_) list += (list.empty() ? "" : ", ") + f;
      ctx_.fail(DiagCode::header_unrecognised, 0, "", "",
                "no district id column; set columns = { id = \"…\", name = \"…\" } in the project file. Fields: " + list);
    }
  }
}

std::string DistrictBuilder::value(const std::vector<std::string>& v, std::optional<std::size_t> c) const {
  return c && *c < v.size() ? v[*c] : std::string();
}

void DistrictBuilder::add(std::int64_t row, const std::vector<std::string>& values,
                          const std::function<std::optional<MultiPolygon>()>& geometry) {
  FileReport& rep = ctx_.report();
  ++rep.rows_read;
  const std::string id = value(values, c_id_);
  std::string name = value(values, c_name_);
  if (n03_) {
    const std::string n003 = value(values, c_003_), n005 = value(values, c_005_);
    if (c_005_) name += n005;                                                 // 2024+: 札幌市 + 中央区
    else if (n003.ends_with("市") && name.ends_with("区")) name = n003 + name;  // 2021–2023 wards
  }
  const std::string id_column = c_id_ ? fields_[*c_id_] : "id";
  if (id.empty()) {
    if (n03_) {
      ++rep.skipped;
      ctx_.diag(DiagCode::district_unassigned, row, "N03_007", name,
                "feature has no 行政区域コード (所属未定地: land whose municipality is undecided); not a district, skipped");
    } else {
      ++rep.rejected;
      ctx_.diag(DiagCode::district_id_missing, row, id_column, "", "district has no id; rejected");
    }
    return;
  }
  auto& st = ctx_.state();
  // Features of one file that share an id are parts of one district (islands);
  // the same id in another file is a conflict, not more parts.
  if (auto prev = st.district_by_id.find(id); prev != st.district_by_id.end() && !parts_.contains(id)) {
    ++rep.rejected;
    const District& first = st.reg.districts[prev->second];
    ctx_.diag(DiagCode::duplicate_id, row, id_column, id,
              "district id already imported from " + first.source_file + " (" + first.name +
                  "); this feature is rejected (the first is kept)");
    return;
  }
  auto geom = geometry();
  if (!geom) {
    ++rep.rejected;
    return;
  }
  ++rep.imported;
  auto [it, fresh] = st.district_by_id.try_emplace(id, st.reg.districts.size());
  if (fresh) {
    District d;
    d.id = id;
    d.name = name;
    d.parent_id = n03_ ? id.substr(0, 2) : value(values, c_parent_);
    d.level = n03_ ? DistrictLevel::municipality : spec_.level;
    d.source_file = file_name_of(spec_.path);
    d.geometry = std::move(*geom);
    st.reg.districts.push_back(std::move(d));
    st.district_origin.push_back({ctx_.report_index(), 1, {row}});
  } else {
    District& d = st.reg.districts[it->second];
    for (auto& p : *geom) d.geometry.push_back(std::move(p));
    ++st.district_origin[it->second].features;
    st.district_origin[it->second].rows.push_back(row);
  }
  ++parts_[id];
}

void DistrictBuilder::finish(std::int64_t features) {
  if (features == 0) ctx_.diag(DiagCode::no_rows, 0, "", "", "the layer has no features; nothing imported from it");
  for (const auto& [id, n] : parts_)
    if (n > 1)
      ctx_.diag(DiagCode::district_parts_merged, 0, "", id,
                std::to_string(n) + " features with id " + id + " merged into one multipolygon (islands, exclaves)");
}

namespace {

// GEOS MakeValid through OGR, in the GDAL module (gdal_module.hpp): the polygons of the
// result, oriented. nullopt when nothing usable comes back.
std::optional<MultiPolygon> repaired_with_make_valid(const MultiPolygon& mp) {
  if (std::optional<MultiPolygon> repaired = gdal_make_valid(mp)) {
    boost::geometry::correct(*repaired);
    if (!repaired->empty()) return repaired;
  }
  return std::nullopt;
}

}  // namespace

std::optional<MultiPolygon> usable_polygons(FileContext& ctx, std::int64_t row, MultiPolygon mp) {
  boost::geometry::correct(mp);
  boost::geometry::validity_failure_type why{};
  if (!mp.empty() && !surely_valid(mp) && !boost::geometry::is_valid(mp, why)) {
    if (auto repaired = repaired_with_make_valid(mp)) {
      ctx.diag(DiagCode::geometry_repaired, row, "geometry", "",
               "the polygon was invalid (self-intersection or bad ring) and was repaired with GEOS MakeValid");
      mp = std::move(*repaired);
    } else {
      // Nothing with an area is left (a ring of two points, a line drawn as a polygon):
      // passed on, it would be a district no analysis can measure.
      std::string reason;
      boost::geometry::is_valid(mp, reason);
      ctx.diag(DiagCode::geometry_empty, row, "geometry", "",
               "the polygon is invalid (" + reason + ") and has no area once repaired; rejected");
      return std::nullopt;
    }
  }
  if (mp.empty()) {
    ctx.diag(DiagCode::geometry_empty, row, "geometry", "", "feature has no usable polygon; rejected");
    return std::nullopt;
  }
  return mp;
}

}  // namespace careatlas
