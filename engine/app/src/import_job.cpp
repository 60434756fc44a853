#include "careatlas/app/import_job.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <vector>

#include "careatlas/importers/import_session.hpp"
#include "careatlas/model/partial_output.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/geometry/district_index.hpp"
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

// What locates facilities by their address while they are read: the index of the
// 位置参照情報 tables and the polygons of the municipalities to check points against.
struct Locating {
  address::AddressIndex index;
  std::unordered_map<std::string, const District*> municipality;
  std::unique_ptr<address::AddressLocator> locator;
  explicit Locating(const std::vector<AddressTable>& tables) : index(tables) {}
};

std::unique_ptr<Locating> make_locating(const ImportOptions& opt, const ImportSession& session, ImportOutcome& out) {
  auto l = std::make_unique<Locating>(session.addresses());
  if (l->index.empty()) {
    out.notes.push_back("no usable 位置参照情報 row was read: facilities are not located by their address");
    return nullptr;
  }
  for (const District& d : session.districts())
    if (d.level == DistrictLevel::municipality) l->municipality.emplace(d.id, &d);
  Locating* self = l.get();
  l->locator = std::make_unique<address::AddressLocator>(
      l->index, opt.locate, [self](std::string_view code, LonLat p) -> std::optional<bool> {
        auto it = self->municipality.find(std::string(code));
        if (it == self->municipality.end()) return std::nullopt;
        return geometry::covers(*it->second, p);
      });
  return l;
}

// Reads every input into the session: the district layers first (the area's polygons
// decide what else is kept, and points are checked against them), then the 位置参照情報
// (what locates the facilities), then the rest. The reports keep the order of the inputs.
struct ReadState {
  std::unique_ptr<geometry::ProjectArea> area;
  std::unique_ptr<Locating> locating;
};

ReadState read_inputs(const ImportOptions& opt, ImportSession& session, ImportOutcome& out) {
  auto step = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  session.plan(opt.inputs);
  auto read = [&](auto&& wanted) {
    for (std::size_t i = 0; i < opt.inputs.size(); ++i) {
      if (!wanted(opt.inputs[i].role)) continue;
      step("reading " + opt.inputs[i].path);
      session.add_planned(i);
      step("");
    }
  };
  ReadState rs;
  read([](InputRole r) { return r == InputRole::districts; });
  if (!opt.area.empty()) {
    rs.area = project_area(opt, session, out);
    session.restrict_to(rs.area.get());
  }
  read([](InputRole r) { return r == InputRole::addresses; });
  if (!session.addresses().empty()) {
    step("indexing the 位置参照情報");
    rs.locating = make_locating(opt, session, out);
    if (rs.locating) session.locate_with(rs.locating->locator.get());
    step("");
  }
  read([](InputRole r) { return r != InputRole::districts && r != InputRole::addresses; });
  return rs;
}

void check_strict(const Registry& reg) {
  std::size_t bad = 0;
  for (const auto& d : reg.diagnostics)
    if (d.severity != Severity::info) ++bad;
  if (bad > 0)
    throw strict_failure("--strict: " + std::to_string(bad) + " rows were rejected or carry warnings; nothing written");
}

}  // namespace

address::LocatePolicy locate_policy(const project::LocateSettings& s) {
  address::LocatePolicy p;
  p.suspect_distance_m = s.suspect_distance_m;
  p.replace_suspect = s.replace_suspect;
  p.coarsest = s.coarsest_level;
  return p;
}

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
    const ReadState read = read_inputs(opt, session, out);
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

}  // namespace careatlas::app
