// Benchmarks of the analysis on a ../shared/bench world:
//   BM_WorkloadEndToEnd  files → three CSVs (what run_bench.sh times for the peers)
//   BM_AnalysisOnly      the engine alone, on input already in memory
// The world comes from CAREATLAS_BENCH_WORLD (default /tmp/bench_work/worlds/prefecture);
// generate it with ../shared/bench/gen_world.py. Peak RSS is reported as a counter.
//
//   build/bench/careatlas_bench --benchmark_filter=Analysis --benchmark_min_time=1
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/workload.hpp"
#include "careatlas/importers/import_session.hpp"
#include "bench_support.hpp"

namespace {

using namespace careatlas;
using namespace careatlas::bench;

void BM_WorkloadEndToEnd(benchmark::State& state) {
  app::WorkloadOptions o;
  o.world_dir = world();
  o.out_dir = (std::filesystem::temp_directory_path() / "careatlas_bench_out").string();
  o.threads = static_cast<unsigned>(state.range(0));
  app::WorkloadTimings t;
  for (auto _ : state) t = app::run_workload(o);
  state.counters["read_s"] = t.read_s;
  state.counters["analysis_s"] = t.analysis_s;
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_AnalysisOnly(benchmark::State& state) {
  DiagnosticCollector sink;
  ImportSession s(sink);
  for (auto [file, role] : {std::pair{"mesh_population.csv", InputRole::population},
                            {"facilities.csv", InputRole::facilities}, {"districts.geojson", InputRole::districts}}) {
    InputSpec spec;
    spec.path = world() + "/" + file;
    spec.role = role;
    spec.year = 2020;
    s.add(spec);
  }
  const Registry reg = s.finish();
  app::InputOptions io;
  io.epsg = 6677;
  io.population_year = 2020;
  app::LayerConfig hv{"clinic_hv", "", 16000, {FacilityKind::clinic}, true, std::nullopt, {}};
  app::LayerConfig hn{"home_nursing", "", 10000, {FacilityKind::home_nursing}, std::nullopt, std::nullopt, {}};
  io.layers = {hv, hn};
  const app::BuiltInput built = app::build_analysis_input(reg, io);
  geometry::AnalysisOptions ao;
  ao.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(geometry::run_analysis(built.input, ao));
  state.counters["cells"] = static_cast<double>(built.input.cells.size());
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

BENCHMARK(BM_WorkloadEndToEnd)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AnalysisOnly)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
