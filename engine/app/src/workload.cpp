#include "careatlas/app/workload.hpp"

#include <charconv>
#include <chrono>
#include <filesystem>
#include <thread>
#include <tuple>
#include <type_traits>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/importers/csv.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "number_text.hpp"
#include "workload_world.hpp"

namespace careatlas::app {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
using detail::fixed;
using detail::integer;

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

// The contract's two layers (WORKLOAD.md §1), population year 2020.
InputOptions contract_input(const WorkloadOptions& opt) {
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
  return io;
}

// The contract's tables (WORKLOAD.md §4–6): no byte order mark, LF line ends.
constexpr auto kPlain = csv::Writer::Dialect::plain;

std::string coverage_csv(const geometry::AnalysisInput& in, const geometry::AnalysisResult& r) {
  csv::Writer cov(kPlain);
  cov.row({"district_id", "layer", "radius_m", "area_km2", "covered_area_km2", "covered_area_fraction", "pop65_total",
           "pop65_covered"});
  for (std::size_t d = 0; d < in.districts.size(); ++d) {
    for (std::size_t l = 0; l < in.layers.size(); ++l) {  // clinic_hv < home_nursing in byte order
      const geometry::CoverageRow& c = r.layers[l].coverage[d];
      cov.row({in.districts[d].id, in.layers[l].name, integer(in.layers[l].radius_m), fixed(c.area_m2 / 1e6, 6),
               fixed(c.covered_m2 / 1e6, 6), fixed(c.area_m2 > 0 ? c.covered_m2 / c.area_m2 : 0.0, 8),
               integer(c.pop65_total), integer(c.pop65_covered)});
    }
  }
  return std::move(cov).text();
}

// The week's hours of the first layer (clinic_hv).
std::string gaps_csv(const geometry::AnalysisInput& in, const geometry::AnalysisResult& r) {
  csv::Writer gaps(kPlain);
  gaps.reserve(in.districts.size() * kHoursPerWeek * 24);
  gaps.row({"district_id", "hour", "pop65_total", "pop65_uncovered"});
  for (std::size_t d = 0; d < in.districts.size(); ++d) {
    const std::string total = integer(r.layers[0].coverage[d].pop65_total);
    for (int h = 0; h < kHoursPerWeek; ++h)
      gaps.row({in.districts[d].id, std::to_string(h), total,
                integer(r.layers[0].uncovered[d * geometry::kGapSlots + static_cast<std::size_t>(h)])});
  }
  return std::move(gaps).text();
}

std::string access_csv(const geometry::AnalysisInput& in, const geometry::AnalysisResult& r) {
  csv::Writer acc(kPlain);
  acc.reserve(in.cells.size() * 40);
  acc.row({"mesh_code", "pop65", "n_providers", "accessibility"});
  for (std::size_t i = 0; i < in.cells.size(); ++i)
    acc.row({std::to_string(in.cells[i].mesh_code), integer(in.cells[i].pop65), std::to_string(r.access_providers[i]),
             shortest(r.access[i])});
  return std::move(acc).text();
}

// coverage.csv, gaps.csv and access.csv; access.csv, the largest, formatted on a second thread.
void write_tables(const std::string& out_dir, const geometry::AnalysisInput& in, const geometry::AnalysisResult& r) {
  namespace fs = std::filesystem;
  fs::create_directories(out_dir);
  std::string acc;
  std::thread acc_writer([&] { acc = access_csv(in, r); });
  Joiner join_acc{acc_writer};
  const std::string cov = coverage_csv(in, r);
  const std::string gaps = gaps_csv(in, r);
  acc_writer.join();
  write_file_atomic((fs::path(out_dir) / "coverage.csv").string(), cov);
  write_file_atomic((fs::path(out_dir) / "gaps.csv").string(), gaps);
  write_file_atomic((fs::path(out_dir) / "access.csv").string(), acc);
}

}  // namespace

WorkloadTimings run_workload(const WorkloadOptions& opt) {
  WorkloadTimings t;
  auto step = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  auto t0 = Clock::now();
  step("reading " + opt.world_dir);
  detail::World world = detail::read_world(opt.world_dir, t);
  step("");
  t.read_s = seconds_since(t0);

  t0 = Clock::now();
  BuiltInput built = build_analysis_input(world.reg, contract_input(opt), *world.proj, std::move(world.planar));
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
  write_tables(opt.out_dir, built.input, r);
  step("");
  t.write_s = seconds_since(t0);
  if (!opt.free_memory)
    keep_until_exit(std::move(r), std::move(built), std::move(world.reg), std::move(world.districts_rest),
                    std::move(world.population_rest));
  return t;
}

}  // namespace careatlas::app
