#include "careatlas/app/run_job.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "careatlas/app/project_area.hpp"
#include "careatlas/model/config_error.hpp"

namespace careatlas::app {

namespace fs = std::filesystem;

namespace {

void note(RunOutcome& out, const RunOptions& opt, std::string line) {
  if (opt.observer) opt.observer->note(line);
  out.notes.push_back(std::move(line));
}

// Step 1: every input into the registry of the output folder.
void import_step(const project::ProjectConfig& project, const RunOptions& opt, DiagnosticSink& sink, RunOutcome& out) {
  ImportOptions io;
  io.inputs = project.inputs;
  io.out = out.out;
  io.title = project.title;
  io.area = project.area;
  io.reach_margin_m = project.reach_margin_m;
  io.locate = locate_policy(project.locate);
  io.strict = opt.strict;
  io.progress = opt.progress;
  io.stream = false;  // the analysis, maps and booklet that follow need every facility
  out.import = run_import(io, sink);
  if (opt.observer) opt.observer->imported(out.import);
  for (const std::string& n : out.import.notes) note(out, opt, n);
  if (out.import.registry.facilities.empty()) {
    std::int64_t read = 0, rejected = 0, skipped = 0;
    for (const FileReport& f : out.import.registry.files)
      if (f.role == "facilities") read += f.rows_read, rejected += f.rejected, skipped += f.skipped;
    throw config_error("no facility was imported (" + std::to_string(read) + " facility rows read, " +
                       std::to_string(rejected) + " rejected, " + std::to_string(skipped) +
                       " skipped outside the project area): there is nothing to map; see " + out.import.report_path);
  }
}

// Step 2: the analysis tables, when the registry has what they need.
void analyse_step(const project::ProjectConfig& project, const RunOptions& opt, const geometry::ProjectArea* area,
                  RunOutcome& out) {
  const Registry& reg = out.import.registry;
  if (reg.population.empty() || reg.districts.empty()) {
    note(out, opt,
         std::string(reg.population.empty() ? "no population cells" : "no districts") +
             ": the analysis tables and the coverage, gap, access and heatmap maps need " +
             (reg.population.empty()
                  ? "a [[population]] file (e-Stat 500 m mesh statistics tbl…H….txt, 国土数値情報 将来推計人口 mesh)"
                  : "a [[districts]] layer (国土数値情報 N03 or the 日常生活圏域)") +
             "; wrote the registry, " + (reg.districts.empty() ? "" : "the resource map, the atlas ") + "and the booklet");
    return;
  }
  AnalyzeOptions ao = analyze_options(project);
  ao.keep_map_data = true;  // the maps draw the same projection and overlay
  ao.out_dir = (fs::path(out.out) / "analysis").string();
  ao.threads = opt.threads;
  ao.progress = opt.progress;
  ao.area = area;
  out.analysis = run_analyze(reg, ao);
  if (opt.observer) opt.observer->analysed(*out.analysis);
}

// Step 3: every map kind the registry allows.
void map_step(const project::ProjectConfig& project, const RunOptions& opt, RunOutcome& out) {
  const Registry& reg = out.import.registry;
  MapOptions mo;
  mo.kinds.clear();
  for (const MapKind k : all_map_kinds())
    if (!needs_analysis(k) || out.analysis) mo.kinds.push_back(k);
  if (reg.districts.empty()) return;  // the maps frame and draw the districts
  mo.analysis = out.analysis ? &*out.analysis : nullptr;
  mo.out_dir = (fs::path(out.out) / "maps").string();
  mo.production_date = opt.production_date.empty() ? today() : opt.production_date;
  mo.threads = opt.threads;
  project::ProjectConfig c = project;
  if (c.layers.empty()) c.layers = default_provider_layers();
  out.maps = run_maps(reg, c, mo);
  if (opt.observer) opt.observer->mapped(out.maps);
}

// Step 4: the care managers' contact booklet (by kind when there are no districts to
// group it by).
void booklet_step(project::ProjectConfig project, const RunOptions& opt, RunOutcome& out) {
  if (out.import.registry.districts.empty() && project.booklet.group_by == "district") {
    project.booklet.group_by = "kind";
    note(out, opt, "no districts: the booklet is grouped by kind of facility instead of by district");
  }
  BookletOptions bo;
  bo.out_dir = (fs::path(out.out) / "booklet").string();
  bo.production_date = opt.production_date.empty() ? today() : opt.production_date;
  bo.threads = opt.threads;
  out.booklet = run_booklet(out.import.registry, project, bo);
  if (opt.observer) opt.observer->booklet_printed(out.booklet);
}

}  // namespace

RunOutcome run_project(const project::ProjectConfig& project, const RunOptions& opt, DiagnosticSink& sink) {
  RunOutcome out;
  out.out = opt.out.empty() ? project.output_dir : opt.out;
  if (out.out.empty()) throw config_error("--out is required (the output folder)");
  if (out.out.ends_with(".gpkg")) throw config_error("run writes a folder of outputs: give --out a folder");
  import_step(project, opt, sink, out);
  const auto area = project_area_of(out.import.registry, project);
  analyse_step(project, opt, area.get(), out);
  map_step(project, opt, out);
  booklet_step(project, opt, out);
  return out;
}

std::string today() {
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string format_ranking(const AnalyzeOutcome& res, int top) {
  std::string s = "analysis: " + std::to_string(res.districts.size()) + " districts, base year " +
                  std::to_string(res.base_year) + ", EPSG:" + std::to_string(res.epsg) + " (" + res.crs_name + ")\n";
  if (const LocationCounts& c = res.facility_locations; c.located_by_address() > 0 || c.unlocated > 0)
    s += "facilities: " + describe(c) + "\n";
  char line[640];
  if (res.road) {
    std::size_t off = 0;
    for (const auto& l : res.road->providers_off) off += l.size();
    std::snprintf(line, sizeof line, "roads: %s, %zu graph nodes; off the network: %zu of %zu cells (65+ %.0f), %zu providers\n",
                  res.road->source.c_str(), res.road->graph_nodes, res.road->cells_off, res.road->cells,
                  res.road->pop65_off, off);
    s += line;
  }
  const std::size_t n = std::min<std::size_t>(res.ranking.size(), static_cast<std::size_t>(std::max(top, 1)));
  if (!res.road_view) {
    s += "most underserved (uncovered 65+ share, night gap hours, weekend gap hours, fragile share, access):\n";
    for (std::size_t r = 0; r < n; ++r) {
      const DistrictMetrics& m = res.districts[res.ranking[r]];
      std::snprintf(line, sizeof line,
                    "  %zu. %s %s: 65+ %.0f, uncovered %.1f %%, night gap %d h, weekend gap %d h, holiday gap %d h, "
                    "fragile %.1f %%, access %.2f\n",
                    r + 1, m.id.c_str(), m.name.c_str(), m.pop65, 100 * m.uncovered_share, m.night_gap_hours,
                    m.weekend_gap_hours, m.holiday_gap_hours, 100 * m.fragile_share, m.accessibility);
      s += line;
    }
    return s;
  }
  // Both views side by side: straight-line (the 16 km rule) and by road.
  const std::string km = minutes_text(res.views.at(*res.road_view - 1).radius_m / 1000.0) + " km";
  const std::string min = minutes_text(res.road_minutes) + " min";
  s += "most underserved (uncovered 65+ share, night gap hours, weekend gap hours, fragile share, access), "
       "straight-line " + km + " | by road " + min + ":\n";
  for (std::size_t r = 0; r < n; ++r) {
    const DistrictMetrics& m = res.districts[res.ranking[r]];
    std::snprintf(line, sizeof line,
                  "  %zu. %s %s: 65+ %.0f, uncovered by %s %.1f %% | beyond %s %.1f %%, night gap %d h | %d h, "
                  "weekend gap %d h, holiday gap %d h, fragile %.1f %%, access %.2f | %.2f\n",
                  r + 1, m.id.c_str(), m.name.c_str(), m.pop65, km.c_str(), 100 * m.uncovered_share, min.c_str(),
                  100 * m.road_uncovered_share.value_or(0), m.night_gap_hours, m.road_night_gap_hours,
                  m.weekend_gap_hours, m.holiday_gap_hours, 100 * m.fragile_share, m.accessibility,
                  m.road_accessibility);
    s += line;
  }
  return s;
}

}  // namespace careatlas::app
