#include "careatlas/app/import_job.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <vector>

#include "careatlas/importers/import_session.hpp"
#include "careatlas/model/partial_output.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/geometry/project_area.hpp"
#include "careatlas/model/config_error.hpp"

namespace careatlas::app {

namespace fs = std::filesystem;

namespace {

std::string utc_now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct Paths {
  std::string registry, report, diagnostics;
};

Paths output_paths(const std::string& out) {
  Paths p;
  fs::path dir;
  if (out.size() > 5 && out.ends_with(".gpkg")) {
    p.registry = out;
    dir = fs::path(out).parent_path();
  } else {
    dir = out;
    p.registry = (dir / "registry.gpkg").string();
  }
  if (dir.empty()) dir = ".";
  p.report = (dir / "import_report.csv").string();
  p.diagnostics = (dir / "import_diagnostics.csv").string();
  return p;
}

// The folders of `dir` that do not exist yet, created one level at a time. Only those
// create_directory says it made are kept (a folder that existed, however the path names
// it, is never ours to remove); each is a partial output until the import succeeds.
class MadeFolders {
 public:
  void make(const fs::path& dir) {
    fs::path d;
    for (const fs::path& part : dir) {
      d /= part;
      if (fs::create_directory(d)) {
        made_.push_back(d);
        partial_.push_back(std::make_unique<PartialOutput>(d.string(), true));
      }
    }
  }
  // Removes them again (each only if empty), innermost first.
  void unmake() {
    partial_.clear();
    std::error_code ec;
    for (auto d = made_.rbegin(); d != made_.rend(); ++d) fs::remove(*d, ec);
  }

 private:
  std::vector<fs::path> made_;  // outermost first
  std::vector<std::unique_ptr<PartialOutput>> partial_;
};

// The project area, from the district layers read so far; null without an area. An area
// that none of the imported municipality polygons belongs to is a mistake in the project
// file (a typing error in the code), not a reason to skip every row.
std::unique_ptr<geometry::ProjectArea> project_area(const ImportOptions& opt, const ImportSession& session,
                                                    ImportOutcome& out) {
  if (opt.area.empty()) return nullptr;
  auto area = std::make_unique<geometry::ProjectArea>(opt.area, session.districts(), opt.reach_margin_m);
  if (area->has_polygons()) return area;
  std::string codes;
  std::size_t municipalities = 0;
  for (const District& d : session.districts())
    if (d.level == DistrictLevel::municipality && municipalities++ < 5) codes += (codes.empty() ? "" : ", ") + d.id;
  if (municipalities > 0)
    throw config_error("[project] area " + opt.area.describe() + " matches none of the " +
                       std::to_string(municipalities) + " imported municipalities (" + codes +
                       (municipalities > 5 ? ", …" : "") + "): check the codes");
  out.notes.push_back("no boundary of the project area " + opt.area.describe() +
                      " was imported: facilities are kept by their municipality code only, without neighbours, and "
                      "every population cell is kept (add the N03 layer of the area to keep the neighbours within reach)");
  return area;
}

// Reads every input into the session. With an area, the district layers come first (the
// area's polygons decide what else is kept); the reports keep the order of the inputs.
std::unique_ptr<geometry::ProjectArea> read_inputs(const ImportOptions& opt, ImportSession& session,
                                                   ImportOutcome& out) {
  auto step = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  session.plan(opt.inputs);
  auto read = [&](auto&& wanted) {
    for (std::size_t i = 0; i < opt.inputs.size(); ++i) {
      if (!wanted(opt.inputs[i].role == InputRole::districts)) continue;
      step("reading " + opt.inputs[i].path);
      session.add_planned(i);
      step("");
    }
  };
  if (opt.area.empty()) {
    read([](bool) { return true; });
    return nullptr;
  }
  read([](bool districts) { return districts; });
  std::unique_ptr<geometry::ProjectArea> area = project_area(opt, session, out);
  session.restrict_to(area.get());
  read([](bool districts) { return !districts; });
  return area;
}

void check_strict(const Registry& reg) {
  std::size_t bad = 0;
  for (const auto& d : reg.diagnostics)
    if (d.severity != Severity::info) ++bad;
  if (bad > 0)
    throw strict_failure("--strict: " + std::to_string(bad) + " rows were rejected or carry warnings; nothing written");
}

}  // namespace

ImportOutcome run_import(const ImportOptions& opt, DiagnosticSink& sink) {
  auto step = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  ImportOutcome out;
  const Paths p = opt.out.empty() ? Paths{} : output_paths(opt.out);
  const fs::path dir = fs::path(p.registry).parent_path();
  // A streaming import writes the registry as it reads, into a temporary file beside it
  // (moved into place at the end): the folder must exist first, and a failure removes
  // what this run made.
  std::unique_ptr<RegistryWriter> writer;
  MadeFolders made;
  if (opt.stream && !opt.out.empty()) {
    try {
      made.make(dir);
      writer = open_registry_writer(p.registry);
    } catch (...) {
      made.unmake();
      throw;
    }
  }
  try {
    ImportSession session(sink, writer.get(), opt.stream_batch);
    const auto area = read_inputs(opt, session, out);
    step("joining hours and survey answers");
    out.registry = session.finish();
    out.facilities = session.facility_count();
    out.located = session.located_count();
    out.peak_facilities_in_memory = session.peak_facilities_in_memory();
    step("");
    step("checking facility locations against municipality boundaries");
    if (writer)
      out.municipality_check = geometry::check_municipalities(
          out.registry,
          [&writer](const std::function<void(const Facility&)>& fn) {
            writer->for_each([&fn](std::size_t, const Facility& f) { fn(f); });
          },
          sink);
    else
      out.municipality_check = geometry::check_municipalities(out.registry, sink);
    step("");
    out.registry.title = opt.title;
    out.registry.import_time = utc_now_iso();
    if (opt.strict) check_strict(out.registry);
    if (opt.out.empty()) return out;

    if (!dir.empty()) fs::create_directories(dir);
    step("writing " + p.registry);
    if (writer) writer->commit(out.registry);
    else write_registry(p.registry, out.registry);
    write_file_atomic(p.report, import_report_csv(out.registry));
    write_file_atomic(p.diagnostics, diagnostics_csv(out.registry));
    step("");
  } catch (...) {
    writer.reset();  // removes the temporary registry
    made.unmake();
    throw;
  }
  out.registry_path = p.registry;
  out.report_path = p.report;
  out.diagnostics_path = p.diagnostics;
  return out;
}

std::string format_report_table(const Registry& reg) {
  std::size_t located = 0;
  for (const auto& f : reg.facilities) located += f.located() ? 1 : 0;
  return format_report_table(reg, reg.facilities.size(), located);
}

std::string format_report_table(const Registry& reg, std::size_t facilities, std::size_t located) {
  std::string s;
  char line[512];
  std::size_t width = 4;
  for (const auto& f : reg.files) width = std::max(width, f.file.size());
  width = std::min<std::size_t>(width, 70);
  std::snprintf(line, sizeof line, "%-*s  %-10s  %-14s  %9s  %9s  %9s  %9s  %9s\n", static_cast<int>(width), "file",
                "role", "format", "rows_read", "imported", "rejected", "skipped", "warnings");
  s += line;
  FileReport total;
  for (const auto& f : reg.files) {
    std::string name = f.file;
    if (name.size() > width) {  // keep the tail, cut at a UTF-8 character boundary
      std::size_t from = name.size() - width + 3;
      while (from < name.size() && (static_cast<unsigned char>(name[from]) & 0xC0) == 0x80) ++from;
      name = "…" + name.substr(from);
    }
    std::snprintf(line, sizeof line, "%-*s  %-10s  %-14s  %9lld  %9lld  %9lld  %9lld  %9lld%s\n",
                  static_cast<int>(width), name.c_str(), f.role.c_str(), f.format.c_str(),
                  static_cast<long long>(f.rows_read), static_cast<long long>(f.imported),
                  static_cast<long long>(f.rejected), static_cast<long long>(f.skipped),
                  static_cast<long long>(f.warnings), f.balanced() ? "" : "  COUNTS DO NOT ADD UP");
    s += line;
    total.rows_read += f.rows_read;
    total.imported += f.imported;
    total.rejected += f.rejected;
    total.skipped += f.skipped;
    total.warnings += f.warnings;
  }
  std::snprintf(line, sizeof line, "%-*s  %-10s  %-14s  %9lld  %9lld  %9lld  %9lld  %9lld\n", static_cast<int>(width),
                "total", "", "", static_cast<long long>(total.rows_read), static_cast<long long>(total.imported),
                static_cast<long long>(total.rejected), static_cast<long long>(total.skipped),
                static_cast<long long>(total.warnings));
  s += line;
  std::snprintf(line, sizeof line,
                "registry: %zu facilities (%zu located, %zu unlocated), %zu districts, %zu population cells\n",
                facilities, located, facilities - located, reg.districts.size(),
                reg.population.size());
  s += line;
  return s;
}

}  // namespace careatlas::app
