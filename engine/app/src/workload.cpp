#include "careatlas/app/workload.hpp"

#include <charconv>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <latch>
#include <limits>
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
// do not report them; volatile, or the compiler drops the never-read pointer and the
// objects are plainly leaked (LeakSanitizer reported them).
const void* volatile g_kept_until_exit = nullptr;

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
  // Two threads share the reading and the projection of the districts: this one reads
  // facilities.csv, the other districts.geojson (the largest parse); whichever is free
  // first reads mesh_population.csv; then both project districts, taking them one at a
  // time from a shared counter. PROJ's set-up (it reads its database) runs on a third
  // thread meanwhile.
  std::optional<geometry::Projection> proj, proj_copy;
  std::exception_ptr proj_error;
  std::latch proj_ready(1), districts_read(1);
  std::thread proj_maker([&] {
    try {
      proj.emplace(6677);  // WORKLOAD.md §3: EPSG:6677 for every world
      proj_copy.emplace(proj->copy());
    } catch (...) {
      proj_error = std::current_exception();
    }
    proj_ready.count_down();
  });
  Joiner join_proj{proj_maker};

  QuietSink facility_sink, district_sink, population_sink;
  auto read = [&](const char* file, InputRole role, DiagnosticSink& sink, double& seconds) {
    const auto start = Clock::now();
    ImportSession s(sink);
    s.add(spec(file, role));
    Registry r = s.finish();
    seconds = seconds_since(start);
    return r;
  };
  Registry reg, districts, population;
  std::atomic<bool> population_taken{false};
  auto read_population_unless_taken = [&] {
    if (!population_taken.exchange(true))
      population = read("mesh_population.csv", InputRole::population, population_sink, t.read_population_s);
  };
  constexpr std::size_t kStop = std::numeric_limits<std::size_t>::max() / 2;
  std::vector<geometry::PlanarMultiPolygon> planar;
  std::atomic<std::size_t> next_district{0};
  auto project_districts = [&](const geometry::Projection& p) {
    for (std::size_t i = next_district++; i < planar.size(); i = next_district++)
      planar[i] = p.forward(districts.districts[i].geometry);
  };

  std::exception_ptr other_error;
  bool districts_ok = false;  // written before districts_read, read after it
  std::thread other([&] {
    try {
      districts = read("districts.geojson", InputRole::districts, district_sink, t.read_districts_s);
      planar.resize(districts.districts.size());
      districts_ok = true;
    } catch (...) {
      other_error = std::current_exception();
      next_district = kStop;
    }
    districts_read.count_down();  // planar is sized: the other thread may project
    try {
      read_population_unless_taken();
      proj_ready.wait();
      if (districts_ok && !proj_error) project_districts(*proj);
    } catch (...) {
      if (!other_error) other_error = std::current_exception();
      next_district = kStop;
    }
  });
  try {
    reg = read("facilities.csv", InputRole::facilities, facility_sink, t.read_facilities_s);
    read_population_unless_taken();
    districts_read.wait();
    proj_ready.wait();
    if (districts_ok && !proj_error) project_districts(*proj_copy);
  } catch (...) {
    next_district = kStop;
    other.join();
    throw;
  }
  other.join();
  if (other_error) std::rethrow_exception(other_error);
  proj_maker.join();
  if (proj_error) std::rethrow_exception(proj_error);
  reg.districts = std::move(districts.districts);
  reg.population = std::move(population.population);
  for (Registry* r : {&districts, &population})
    for (auto& f : r->files) reg.files.push_back(std::move(f));
  step("");
  t.read_s = seconds_since(t0);

  t0 = Clock::now();
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
  BuiltInput built = build_analysis_input(reg, io, *proj, std::move(planar));
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
  if (!opt.free_memory) keep_until_exit(std::move(r), std::move(built), std::move(reg), std::move(districts),
                                          std::move(population));
  return t;
}

}  // namespace careatlas::app
