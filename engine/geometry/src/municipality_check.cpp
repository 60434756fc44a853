#include "careatlas/geometry/municipality_check.hpp"

#include <cstdio>
#include <filesystem>
#include <unordered_map>

#include "careatlas/geometry/district_index.hpp"

namespace careatlas::geometry {

MunicipalityCheckResult check_municipalities(Registry& reg, DiagnosticSink& sink) {
  return check_municipalities(
      reg,
      [&reg](const std::function<void(const Facility&)>& fn) {
        for (const Facility& f : reg.facilities) fn(f);
      },
      sink);
}

MunicipalityCheckResult check_municipalities(Registry& reg, const FacilityVisitor& visit, DiagnosticSink& sink) {
  MunicipalityCheckResult res;
  std::unordered_map<std::string, std::size_t> by_code;
  for (std::size_t i = 0; i < reg.districts.size(); ++i)
    if (reg.districts[i].level == DistrictLevel::municipality) by_code.emplace(reg.districts[i].id, i);
  if (by_code.empty()) return res;
  const DistrictIndex index(reg.districts);
  std::unordered_map<std::string, FileReport*> report_by_name;
  for (auto& fr : reg.files) report_by_name[std::filesystem::path(fr.file).filename().string()] = &fr;
  auto file_of = [&](const Facility& f) {
    auto r = report_by_name.find(f.source_file);
    return r == report_by_name.end() ? f.source_file : r->second->file;
  };
  visit([&](const Facility& f) {
    if (!f.location || f.municipality_code.empty()) return;
    auto it = by_code.find(f.municipality_code);
    if (it == by_code.end()) {
      ++res.no_polygon;
      Diagnostic d;
      d.code = DiagCode::municipality_unknown;
      d.severity = Severity::info;
      d.file = file_of(f);
      d.row = f.source_row;
      d.column = "municipality_code";
      d.value = f.municipality_code;
      d.message = "no polygon for municipality " + f.municipality_code +
                  " among the imported districts; the location was not cross-checked";
      sink.report(d);
      reg.diagnostics.push_back(std::move(d));
      return;
    }
    ++res.checked;
    const District& own = reg.districts[it->second];
    if (covers(own, *f.location)) return;
    ++res.outside;
    std::string where = "no imported municipality";
    for (std::size_t j : index.find_all(*f.location)) {
      if (reg.districts[j].level != DistrictLevel::municipality) continue;
      where = reg.districts[j].name + " (" + reg.districts[j].id + ")";
      break;
    }
    char coords[64];
    std::snprintf(coords, sizeof coords, "%.6f,%.6f", f.location->lat, f.location->lon);
    Diagnostic d;
    d.code = DiagCode::outside_own_municipality;
    d.severity = Severity::warning;
    // Name the file as the user gave it, when we can find it.
    d.file = file_of(f);
    if (auto r = report_by_name.find(f.source_file); r != report_by_name.end()) ++r->second->warnings;
    d.row = f.source_row;
    d.column = "location";
    d.value = coords;
    d.message = "point lies outside " + own.name + " (" + own.id + "), the facility's own municipality; it falls in " +
                where + ". Check the coordinates or the municipality code";
    sink.report(d);
    reg.diagnostics.push_back(std::move(d));
  });
  return res;
}

}  // namespace careatlas::geometry
