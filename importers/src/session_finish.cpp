// The end of an import, once every file is read (ImportSession::finish): the diagnostics
// put back into the order of the inputs, the districts a project area leaves out dropped
// with their diagnostics, and one outside_project_area note per file with rows skipped.
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "session_state.hpp"

namespace careatlas {

// The diagnostics of each file in the order of the inputs, as if they had been read in
// that order (the district layers are read first when an area needs their polygons).
void restore_input_order(ImportSession::State& st) {
  auto& reads = st.reads;
  const auto by_slot = [](const auto& a, const auto& b) { return a.slot < b.slot; };
  if (std::is_sorted(reads.begin(), reads.end(), by_slot)) return;
  std::vector<Diagnostic> ordered;
  ordered.reserve(st.reg.diagnostics.size());
  std::stable_sort(reads.begin(), reads.end(), by_slot);
  for (const auto& r : reads)
    for (std::size_t k = r.begin; k < r.end; ++k) ordered.push_back(std::move(st.reg.diagnostics[k]));
  st.reg.diagnostics = std::move(ordered);
}

namespace {

// The diagnostics of dropped districts' features (repairs, merged parts): they go with
// the districts, and their warnings leave their files' counts.
void drop_district_diagnostics(ImportSession::State& st,
                               const std::vector<std::pair<const District*, std::size_t>>& dropped) {
  if (dropped.empty()) return;
  std::set<std::pair<std::string, std::int64_t>> rows;  // (file, row)
  std::set<std::pair<std::string, std::string>> ids;    // (file, district id)
  for (const auto& [d, i] : dropped) {
    const auto& o = st.district_origin[i];
    const std::string& file = st.reg.files[o.report_index].file;
    for (std::int64_t r : o.rows) rows.emplace(file, r);
    ids.emplace(file, d->id);
  }
  std::erase_if(st.reg.diagnostics, [&](const Diagnostic& d) {
    const bool gone = (d.row > 0 && rows.contains({d.file, d.row})) ||
                      (d.code == DiagCode::district_parts_merged && ids.contains({d.file, d.value}));
    if (gone && d.severity == Severity::warning)
      for (FileReport& f : st.reg.files)
        if (f.file == d.file) {
          --f.warnings;
          break;
        }
    return gone;
  });
}

}  // namespace

// Districts the area leaves out: their features count as skipped in their file's report.
void drop_districts_outside(ImportSession::State& st) {
  if (!st.area) return;
  std::vector<District> kept;
  std::vector<ImportSession::State::DistrictOrigin> origin;
  std::vector<std::pair<const District*, std::size_t>> dropped;
  for (std::size_t i = 0; i < st.reg.districts.size(); ++i) {
    const auto& o = st.district_origin.at(i);
    if (st.area->keep(st.reg.districts[i])) continue;
    FileReport& rep = st.reg.files[o.report_index];
    rep.imported -= o.features;
    rep.skipped += o.features;
    st.note_area_skip(o.report_index, o.features);
    dropped.emplace_back(&st.reg.districts[i], i);
  }
  drop_district_diagnostics(st, dropped);
  for (std::size_t i = 0, k = 0; i < st.reg.districts.size(); ++i) {
    if (k < dropped.size() && dropped[k].second == i) {
      ++k;
      continue;
    }
    kept.push_back(std::move(st.reg.districts[i]));
    origin.push_back(std::move(st.district_origin[i]));
  }
  st.reg.districts = std::move(kept);
  st.district_origin = std::move(origin);
  st.district_by_id.clear();
  for (std::size_t i = 0; i < st.reg.districts.size(); ++i) st.district_by_id.emplace(st.reg.districts[i].id, i);
}

// One outside_project_area note per file that had rows skipped by the area.
void note_area_skips(ImportSession::State& st) {
  if (!st.area) return;
  for (std::size_t r = 0; r < st.area_skipped.size(); ++r) {
    const std::int64_t n = st.area_skipped[r];
    if (n == 0) continue;
    FileContext ctx(st, r, st.reg.files[r].file);
    ctx.diag(DiagCode::outside_project_area, 0, "", std::to_string(n),
             std::to_string(n) + (n == 1 ? " row lies" : " rows lie") + " outside " + st.area->description() +
                 " (or belong to a facility that does); skipped");
  }
}

}  // namespace careatlas
