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

}  // namespace

ImportOutcome run_import(const ImportOptions& opt, DiagnosticSink& sink) {
  auto step = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  ImportOutcome out;
  const Paths p = opt.out.empty() ? Paths{} : output_paths(opt.out);
  const fs::path dir = fs::path(p.registry).parent_path();
  // A streaming import writes the registry as it reads, into a temporary file beside it
  // (moved into place at the end): the folder must exist first. The folders this run
  // creates are registered as partial outputs (an interrupted run removes them, when
  // empty) and removed again if the import fails, so a failure leaves nothing behind.
  std::unique_ptr<RegistryWriter> writer;
  std::vector<fs::path> made;  // folders this run created, outermost first
  std::vector<std::unique_ptr<PartialOutput>> made_partial;
  auto unmake = [&made, &made_partial] {
    made_partial.clear();
    std::error_code ec;
    for (auto d = made.rbegin(); d != made.rend(); ++d) fs::remove(*d, ec);  // only if empty
  };
  if (opt.stream && !opt.out.empty()) {
    try {
      // One level at a time, keeping only the folders create_directory says it made (a
      // folder that existed, however the path names it, is never ours to remove).
      fs::path d;
      for (const fs::path& part : dir) {
        d /= part;
        if (fs::create_directory(d)) {
          made.push_back(d);
          made_partial.push_back(std::make_unique<PartialOutput>(d.string(), true));
        }
      }
      writer = open_registry_writer(p.registry);
    } catch (...) {
      unmake();
      throw;
    }
  }
  try {
    ImportSession session(sink, writer.get(), opt.stream_batch);
    for (const InputSpec& in : opt.inputs) {
      step("reading " + in.path);
      session.add(in);
      step("");
    }
    step("joining hours and survey answers");
    out.registry = session.finish();
    out.facilities = session.facility_count();
    out.located = session.located_count();
    out.peak_facilities_in_memory = session.peak_facilities_in_memory();
    step("");
    step("checking facility locations against municipality boundaries");
    if (writer) {
      out.municipality_check = geometry::check_municipalities(
          out.registry,
          [&writer](const std::function<void(const Facility&)>& fn) {
            writer->for_each([&fn](std::size_t, const Facility& f) { fn(f); });
          },
          sink);
    } else {
      out.municipality_check = geometry::check_municipalities(out.registry, sink);
    }
    step("");
    out.registry.title = opt.title;
    out.registry.import_time = utc_now_iso();

    if (opt.strict) {
      std::size_t bad = 0;
      for (const auto& d : out.registry.diagnostics)
        if (d.severity != Severity::info) ++bad;
      if (bad > 0)
        throw strict_failure("--strict: " + std::to_string(bad) +
                             " rows were rejected or carry warnings; nothing written");
    }
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
    unmake();
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
