#include "careatlas/app/workload.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <thread>
#include <tuple>
#include <type_traits>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/importers/import_session.hpp"
#include "careatlas/importers/registry_store.hpp"

namespace careatlas::app {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Shortest representation that reads back to the same double (as Python's repr).
std::string shortest(double v) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, p);
  if (s.find_first_of(".e") == std::string::npos && s.find("inf") == std::string::npos &&
      s.find("nan") == std::string::npos)
    s += ".0";
  return s;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string integer(double v) { return std::to_string(static_cast<long long>(std::llround(v))); }

// Hands objects to the operating system at exit instead of freeing them (see
// WorkloadOptions::free_memory). The static pointer keeps them reachable, so leak checkers
// do not report them.
const void* g_kept_until_exit = nullptr;

template <class... T>
void keep_until_exit(T&&... objects) {
  g_kept_until_exit = new std::tuple<std::decay_t<T>...>(std::move(objects)...);
}

// Joins a thread when the scope is left early (by an exception).
struct Joiner {
  std::thread& t;
  ~Joiner() {
    if (t.joinable()) t.join();
  }
};

// Counts stderr diagnostics; the contract's clean worlds must import without any.
class QuietSink final : public DiagnosticSink {
 public:
  void report(Diagnostic d) override {
    if (d.severity != Severity::info) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  }
};

}  // namespace

WorkloadTimings run_workload(const WorkloadOptions& opt) {
  WorkloadTimings t;
  auto step = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  namespace fs = std::filesystem;
  const fs::path w(opt.world_dir);

  auto t0 = Clock::now();
  step("reading " + opt.world_dir);
  auto spec = [&w](const char* file, InputRole role) {
    InputSpec s;
    s.path = (w / file).string();
    s.role = role;
    s.year = role == InputRole::population ? 2020 : 0;  // the contract's population has no year
    return s;
  };
  // PROJ's set-up (it reads its database) runs beside the reading.
  std::optional<geometry::Projection> proj;
  std::exception_ptr proj_error;
  std::thread proj_maker([&] {
    try {
      proj.emplace(6677);  // WORKLOAD.md §3: EPSG:6677 for every world
    } catch (...) {
      proj_error = std::current_exception();
    }
  });
  Joiner join_proj{proj_maker};
  // Two sessions on two threads, merged: districts.geojson then mesh_population.csv on
  // the second thread, facilities.csv (the largest parse) on this one.
  QuietSink sink, district_sink;
  Registry districts;
  std::exception_ptr district_error;
  std::thread district_reader([&] {
    try {
      const auto start = Clock::now();
      ImportSession s(district_sink);
      s.add(spec("districts.geojson", InputRole::districts));
      t.read_districts_s = seconds_since(start);
      const auto pop_start = Clock::now();
      s.add(spec("mesh_population.csv", InputRole::population));
      t.read_population_s = seconds_since(pop_start);
      districts = s.finish();
    } catch (...) {
      district_error = std::current_exception();
    }
  });
  Registry reg;
  try {
    ImportSession session(sink);
    const auto start = Clock::now();
    session.add(spec("facilities.csv", InputRole::facilities));
    t.read_facilities_s = seconds_since(start);
    reg = session.finish();
  } catch (...) {
    district_reader.join();
    throw;
  }
  district_reader.join();
  if (district_error) std::rethrow_exception(district_error);
  reg.districts = std::move(districts.districts);
  reg.population = std::move(districts.population);
  for (auto& f : districts.files) reg.files.push_back(std::move(f));
  step("");
  t.read_s = seconds_since(t0);

  t0 = Clock::now();
  proj_maker.join();
  if (proj_error) std::rethrow_exception(proj_error);
  InputOptions io;
  io.population_year = 2020;
  io.threads = opt.threads;
  LayerConfig hv;
  hv.name = "clinic_hv";
  hv.radius_m = opt.radius_clinic_hv;
  hv.kinds = {FacilityKind::clinic};
  hv.home_visit = true;
  LayerConfig hn;
  hn.name = "home_nursing";
  hn.radius_m = opt.radius_home_nursing;
  hn.kinds = {FacilityKind::home_nursing};
  io.layers = {hv, hn};
  BuiltInput built = build_analysis_input(reg, io, *proj);
  t.prepare_s = seconds_since(t0);

  t0 = Clock::now();
  step("analysing");
  geometry::AnalysisOptions ao;
  ao.access_layer = 0;
  ao.e2sfca_d0 = opt.e2sfca_d0;
  ao.threads = opt.threads;
  geometry::AnalysisResult r = geometry::run_analysis(built.input, ao);
  step("");
  t.analysis_s = seconds_since(t0);
  t.analysis_steps = r.timings;

  t0 = Clock::now();
  step("writing " + opt.out_dir);
  fs::create_directories(opt.out_dir);
  const auto& in = built.input;
  // access.csv, the largest, is formatted on a second thread.
  std::string acc = "mesh_code,pop65,n_providers,accessibility\n";
  std::thread acc_writer([&] {
    acc.reserve(in.cells.size() * 40);
    for (std::size_t i = 0; i < in.cells.size(); ++i)
      acc += std::to_string(in.cells[i].mesh_code) + "," + integer(in.cells[i].pop65) + "," +
             std::to_string(r.access_providers[i]) + "," + shortest(r.access[i]) + "\n";
  });
  Joiner join_acc{acc_writer};
  std::string cov = "district_id,layer,radius_m,area_km2,covered_area_km2,covered_area_fraction,pop65_total,pop65_covered\n";
  for (std::size_t d = 0; d < in.districts.size(); ++d) {
    for (std::size_t l = 0; l < in.layers.size(); ++l) {  // clinic_hv < home_nursing in byte order
      const geometry::CoverageRow& c = r.layers[l].coverage[d];
      cov += in.districts[d].id + "," + in.layers[l].name + "," + integer(in.layers[l].radius_m) + "," +
             fixed(c.area_m2 / 1e6, 6) + "," + fixed(c.covered_m2 / 1e6, 6) + "," +
             fixed(c.area_m2 > 0 ? c.covered_m2 / c.area_m2 : 0.0, 8) + "," + integer(c.pop65_total) + "," +
             integer(c.pop65_covered) + "\n";
    }
  }
  std::string gaps = "district_id,hour,pop65_total,pop65_uncovered\n";
  gaps.reserve(in.districts.size() * kHoursPerWeek * 24);
  for (std::size_t d = 0; d < in.districts.size(); ++d) {
    const std::string head = in.districts[d].id + ",";
    const std::string total = integer(r.layers[0].coverage[d].pop65_total);
    for (int h = 0; h < kHoursPerWeek; ++h)
      gaps += head + std::to_string(h) + "," + total + "," +
              integer(r.layers[0].uncovered[d * geometry::kGapSlots + static_cast<std::size_t>(h)]) + "\n";
  }
  acc_writer.join();
  write_file_atomic((fs::path(opt.out_dir) / "coverage.csv").string(), cov);
  write_file_atomic((fs::path(opt.out_dir) / "gaps.csv").string(), gaps);
  write_file_atomic((fs::path(opt.out_dir) / "access.csv").string(), acc);
  step("");
  t.write_s = seconds_since(t0);
  if (!opt.free_memory) keep_until_exit(std::move(r), std::move(built), std::move(reg), std::move(districts));
  return t;
}

}  // namespace careatlas::app
