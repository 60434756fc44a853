// Rendering benchmark on a ../shared/bench world (issue 4): the resource map of the whole
// world through the public map job (app::run_maps), A3 landscape, as PDF and as PNG at
// 150 dpi.
//
//   BM_Import             districts.geojson + facilities.csv → Registry (population is not
//                         drawn on a resource map, so it is not read)
//   BM_ResourceMap/pdf    the registry → maps/resource_map.pdf
//   BM_ResourceMap/png    the registry → maps/resource_map.png, 150 dpi
//
// The world comes from CAREATLAS_BENCH_WORLD (default /tmp/bench_work/worlds/prefecture),
// the output folder from CAREATLAS_BENCH_OUT (default $TMPDIR/careatlas_render_bench); the
// files are left there to be looked at. The registry is imported once, before the first
// render, and kept for every later one; its wall time is the import_s counter.
//
// Memory: peak_rss_MB is getrusage's high-water mark of the whole process (import
// included). render_peak_MB is the high-water mark of the render alone: the kernel's
// mark is reset (/proc/self/clear_refs) after the import, just before rendering, and
// read back from VmHWM. Run the PDF and the PNG in separate processes
// (--benchmark_filter=pdf, =png) for peaks that belong to one format only.
//
//   CAREATLAS_BENCH_WORLD=/tmp/bench_work/worlds/nation
//   build/bench/careatlas_render_bench --benchmark_filter=ResourceMap/pdf
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "careatlas/app/map_job.hpp"
#include "careatlas/importers/import_session.hpp"
#include "bench_support.hpp"

namespace {

using namespace careatlas;
using namespace careatlas::bench;

World import_world() {
  return import_files({{world() + "/facilities.csv", InputRole::facilities},
                       {world() + "/districts.geojson", InputRole::districts}});
}

// Imported on first use, so a filtered run imports only when it renders.
const World& the_world() {
  static const std::unique_ptr<World> w = std::make_unique<World>(import_world());
  return *w;
}

void BM_Import(benchmark::State& state) {
  for (auto _ : state) {
    const World w = import_world();
    benchmark::DoNotOptimize(w.reg.facilities.size());
  }
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_ResourceMap(benchmark::State& state, render::Format format) {
  const World& w = the_world();
  project::ProjectConfig project;
  project.title = "careatlas render bench";
  app::MapOptions opt;
  opt.kinds = {app::MapKind::resource};
  opt.out_dir = out_dir("careatlas_render_bench");
  opt.format = format;
  opt.page.size = render::PaperSize::a3;
  opt.page.landscape = true;
  opt.dpi = 150;
  opt.production_date = "2026-11-24";  // fixed: the same bytes every run
  reset_peak();
  app::MapOutcome res;
  for (auto _ : state) res = app::run_maps(w.reg, project, opt);
  state.counters["import_s"] = w.import_s;
  state.counters["render_peak_MB"] = hwm_mb();
  state.counters["peak_rss_MB"] = peak_rss_mb();
  if (!res.written.empty()) {
    state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(res.written.front())) / 1e6;
    const render::RenderReport& r = res.reports.front();
    state.counters["features"] = static_cast<double>(r.features_drawn);
    state.counters["labels"] = static_cast<double>(r.labels_placed);
    state.counters["dropped"] = static_cast<double>(r.labels_dropped);
  }
  state.counters["facilities"] = static_cast<double>(w.reg.facilities.size());
  state.counters["districts"] = static_cast<double>(w.reg.districts.size());
}

BENCHMARK(BM_Import)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_ResourceMap, pdf, render::Format::pdf)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_ResourceMap, png, render::Format::png)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
