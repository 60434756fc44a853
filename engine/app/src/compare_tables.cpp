// compare/changes.csv (compare_tables.hpp).
#include "careatlas/app/compare_tables.hpp"

#include "careatlas/importers/csv.hpp"
#include "number_text.hpp"

namespace careatlas::app {

namespace {

std::string_view change_label(ChangeKind k) {
  switch (k) {
    case ChangeKind::opened: return "新規開設";
    case ChangeKind::closed: return "廃止";
    case ChangeKind::re_registered: return "再登録";
    case ChangeKind::moved: return "移転";
    case ChangeKind::changed: return "変更";
  }
  return "変更";
}

void point(const Facility* f, std::vector<std::string>& row) {
  if (f && f->located()) {
    row.push_back(detail::fixed(f->location->lat, 6));
    row.push_back(detail::fixed(f->location->lon, 6));
  } else {
    row.emplace_back();
    row.emplace_back();
  }
}

}  // namespace

std::string changes_csv(const std::vector<FacilityChange>& changes, bool ja) {
  csv::Writer w;
  w.row(ja ? std::vector<std::string>{"変更の種類", "事業所番号（前回）", "事業所番号（今回）", "名称", "種別", "住所",
                                      "移動距離（m）", "変更項目", "緯度（前回）", "経度（前回）", "緯度（今回）",
                                      "経度（今回）"}
           : std::vector<std::string>{"change", "old_id", "new_id", "name", "kind", "address", "moved_m", "fields",
                                      "old_lat", "old_lon", "new_lat", "new_lon"});
  for (const FacilityChange& c : changes) {
    const Facility& f = c.after ? *c.after : *c.before;
    std::string fields;
    for (const std::string& name : c.fields) fields += (fields.empty() ? "" : "|") + name;
    const bool distance = c.kind == ChangeKind::moved || c.kind == ChangeKind::re_registered;
    std::vector<std::string> row = {ja ? std::string(change_label(c.kind)) : std::string(to_string(c.kind)),
                                    c.before ? c.before->facility_id : "",
                                    c.after ? c.after->facility_id : "",
                                    f.name,
                                    ja ? std::string(japanese_label(f.kind)) : std::string(to_string(f.kind)),
                                    f.address,
                                    distance ? detail::integer(c.moved_m) : "",
                                    fields};
    point(c.before, row);
    point(c.after, row);
    w.row(row);
  }
  return std::move(w).text();
}

}  // namespace careatlas::app
