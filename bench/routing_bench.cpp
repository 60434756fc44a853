// The routing engine at city, prefecture and nation size (issue 17): a synthetic seeded
// road world (road_world.hpp) built in memory, the RoadGraph with every 500 m cell
// centroid and every provider as anchors, then travel_times from the providers to the
// cells with a 30-minute cut.
//
//   build/bench/careatlas_routing_bench --benchmark_filter=Routing/prefecture
//   CAREATLAS_BENCH_THREADS=2 build/bench/careatlas_routing_bench --benchmark_filter=Routing/nation/
//   (Routing/nation_500: the nation's network with 500 sources; Routing/nation_metro: the
//   nation's area at the prefecture's density, road_world.hpp)
//
// Counters: raw_points / ways / road_km (the network; road_km the length of its ways),
// nodes / edges (the compressed graph), world_s (making the world), build_s (RoadGraph),
// search_s (travel_times; also the benchmark's time), search_cpu_s (its CPU time, all
// threads), settled, settled_per_s, settled_per_cpu_s, entries (pairs within the cut),
// peak_rss_MB (getrusage high-water mark of the whole process).
// CAREATLAS_ROUTING_EXPORT=DIR writes the compressed graph for the peers (pgRouting,
// scipy): DIR/<size>_edges.csv (tail,head,minutes), <size>_sources.csv and
// <size>_targets.csv (graph node of each provider / cell, −1 off the network).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "careatlas/routing/road_graph.hpp"
#include "road_world.hpp"

namespace {

using namespace careatlas;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// User + system CPU seconds of the whole process (every thread): what a search costs
// when other work on the machine stretches the wall time.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

unsigned bench_threads() {
  const char* t = std::getenv("CAREATLAS_BENCH_THREADS");
  return t ? static_cast<unsigned>(std::strtoul(t, nullptr, 10)) : 0;
}

void write_nodes(const std::string& path, const routing::RoadGraph& g, const std::vector<std::uint32_t>& anchors) {
  if (FILE* f = std::fopen(path.c_str(), "w")) {
    std::fputs("node\n", f);
    for (const std::uint32_t a : anchors) std::fprintf(f, "%lld\n", static_cast<long long>(g.anchor_node(a)));
    std::fclose(f);
  }
}

void export_graph(const std::string& dir, const std::string& name, const routing::RoadGraph& g,
                  const bench::RoadWorld& w) {
  if (FILE* f = std::fopen((dir + "/" + name + "_edges.csv").c_str(), "w")) {
    std::fputs("tail,head,minutes\n", f);
    for (std::size_t u = 0; u < g.node_count(); ++u)
      for (std::size_t e = g.edge_begin(u); e < g.edge_begin(u + 1); ++e)
        std::fprintf(f, "%zu,%u,%.17g\n", u, g.edge_head(e), g.edge_minutes(e));
    std::fclose(f);
  }
  write_nodes(dir + "/" + name + "_sources.csv", g, w.providers);
  write_nodes(dir + "/" + name + "_targets.csv", g, w.cells);
}

// The length of the world's ways, km (planar, the world's own metres).
double road_km(const bench::RoadWorld& w) {
  double m = 0;
  for (const RoadWay& way : w.net.ways)
    for (std::uint32_t k = way.first + 1; k < way.first + way.count; ++k)
      m += std::sqrt(geometry::squared_distance(w.points[w.net.way_nodes[k - 1]], w.points[w.net.way_nodes[k]]));
  return m / 1000;
}

void BM_Routing(benchmark::State& state, const bench::RoadWorldSize& size) {
  const unsigned threads = bench_threads();
  auto t0 = Clock::now();
  const bench::RoadWorld w = bench::RoadWorldBuilder(size).build();
  const double world_s = seconds_since(t0);
  t0 = Clock::now();
  const routing::RoadGraph g(w.net, w.points, routing::RoadSpeeds::defaults(), w.anchors, threads);
  const double build_s = seconds_since(t0);
  if (const char* dir = std::getenv("CAREATLAS_ROUTING_EXPORT")) export_graph(dir, size.name, g, w);

  routing::SearchStats st;
  double search_s = 0, search_cpu_s = 0;
  for (auto _ : state) {
    t0 = Clock::now();
    const double c0 = cpu_seconds();
    const routing::TravelTable t = routing::travel_times(g, w.providers, w.cells, 30.0, threads, &st);
    search_s = seconds_since(t0);
    search_cpu_s = cpu_seconds() - c0;
    benchmark::DoNotOptimize(t.minutes.data());
  }
  const routing::GraphStats& gs = g.stats();
  state.counters["raw_points"] = static_cast<double>(w.points.size());
  state.counters["ways"] = static_cast<double>(w.net.ways.size());
  state.counters["road_km"] = road_km(w);
  state.counters["segments"] = static_cast<double>(gs.segments);
  state.counters["nodes"] = static_cast<double>(gs.nodes);
  state.counters["edges"] = static_cast<double>(gs.edges);
  state.counters["anchors_off"] = static_cast<double>(gs.anchors_off);
  state.counters["sources"] = static_cast<double>(w.providers.size());
  state.counters["targets"] = static_cast<double>(w.cells.size());
  state.counters["world_s"] = world_s;
  state.counters["build_s"] = build_s;
  state.counters["search_s"] = search_s;
  state.counters["search_cpu_s"] = search_cpu_s;
  state.counters["settled"] = static_cast<double>(st.settled);
  state.counters["settled_per_s"] = static_cast<double>(st.settled) / search_s;
  state.counters["settled_per_cpu_s"] = static_cast<double>(st.settled) / search_cpu_s;
  state.counters["entries"] = static_cast<double>(st.entries);
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

using bench::kCity;
using bench::kNation;
using bench::kNationMetro;
using bench::kPrefecture;
// The nation's network with the prefecture's number of sources: the same world, the
// first 500 of its providers.
const bench::RoadWorldSize kNation500{"nation_500", kNation.width_km, kNation.height_km, kNation.towns, 500, kNation.seed};

BENCHMARK_CAPTURE(BM_Routing, city, kCity)->Name("Routing/city")->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Routing, prefecture, kPrefecture)->Name("Routing/prefecture")->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Routing, nation_500, kNation500)->Name("Routing/nation_500")->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Routing, nation, kNation)->Name("Routing/nation")->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Routing, nation_metro, kNationMetro)->Name("Routing/nation_metro")->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
