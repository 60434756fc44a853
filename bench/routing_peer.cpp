// careatlas's side of the routing peer comparison (bench/routing_peers): the seeded road
// world of road_world.hpp, the RoadGraph with the cells and providers as anchors,
// travel_times providers → cells cut at CUT minutes, and the gap table; then everything the
// peers (pgRouting, scipy.sparse.csgraph) need to do the same searches and checks.
//
//   build/bench/careatlas_routing_peer city|prefecture|nation|nation_metro OUT_DIR [CUT]
//
// Writes, in OUT_DIR (node −1: the anchor is off the network):
//   <size>_edges.csv      tail,head,minutes   the compressed graph, CSR order, %.17g
//   <size>_sources.csv    source,node,hours   providers; hours: 168 characters 0/1, Monday 00–01 first
//   <size>_targets.csv    target,node,pop65,tile   cells, their 65+ and 10 km tile
//   <size>_careatlas_travel.csv  source,target,minutes   every pair within the cut (≤ CUT), %.17g
//   <size>_careatlas_gaps.csv    tile,hour,pop65_unreached,pop65_single   every tile × 168 hours:
//       the 65+ of the tile's cells that no provider open at that hour reaches within the
//       cut, and that exactly one reaches
// and prints one JSON line of counts and times (world_s, build_s, search_s, search_cpu_s,
// gap_s, total_s = the four, export_s apart; peak_rss_mb = VmHWM of the process).
// CAREATLAS_BENCH_THREADS: search threads (default all cores).
#include <sys/resource.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "careatlas/routing/road_graph.hpp"
#include "road_world.hpp"

namespace {

using namespace careatlas;
using Clock = std::chrono::steady_clock;
using Mask = std::array<std::uint64_t, 3>;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double vm_hwm_mb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  return 0;
}

struct File {
  explicit File(const std::string& path) : f(std::fopen(path.c_str(), "w")) {
    if (!f) {
      std::perror(path.c_str());
      std::exit(1);
    }
    std::setvbuf(f, nullptr, _IOFBF, 1 << 20);
  }
  ~File() { std::fclose(f); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  FILE* f;
};

// Per tile and hour: the 65+ reached by no open provider, and by exactly one.
struct Gaps {
  std::vector<std::uint64_t> unreached, single;  // tile · 168 + hour
};

Gaps gap_table(const bench::RoadWorld& w, const routing::TravelTable& t, std::size_t tiles) {
  // Per cell, the hours at which at least one / at least two open providers reach it.
  std::vector<Mask> once(w.cells.size()), twice(w.cells.size());
  for (std::size_t s = 0; s + 1 < t.offsets.size(); ++s) {
    const Mask& m = w.provider_hours[s];
    for (std::size_t e = t.offsets[s]; e < t.offsets[s + 1]; ++e) {
      Mask& a = once[t.target[e]];
      Mask& b = twice[t.target[e]];
      for (std::size_t k = 0; k < 3; ++k) b[k] |= a[k] & m[k], a[k] |= m[k];
    }
  }
  Gaps g{std::vector<std::uint64_t>(tiles * 168), std::vector<std::uint64_t>(tiles * 168)};
  for (std::size_t c = 0; c < w.cells.size(); ++c) {
    const std::uint64_t pop = w.cell_pop65[c];
    if (pop == 0) continue;
    const std::size_t base = std::size_t{w.cell_tile[c]} * 168;
    for (int h = 0; h < 168; ++h) {
      if (!bench::open_at(once[c], h)) g.unreached[base + static_cast<std::size_t>(h)] += pop;
      else if (!bench::open_at(twice[c], h)) g.single[base + static_cast<std::size_t>(h)] += pop;
    }
  }
  return g;
}

void export_all(const std::string& dir, const std::string& name, const bench::RoadWorld& w,
                const routing::RoadGraph& g, const routing::TravelTable& t, const Gaps& gaps) {
  {
    File f(dir + "/" + name + "_edges.csv");
    std::fputs("tail,head,minutes\n", f.f);
    for (std::size_t u = 0; u < g.node_count(); ++u)
      for (std::size_t e = g.edge_begin(u); e < g.edge_begin(u + 1); ++e)
        std::fprintf(f.f, "%zu,%u,%.17g\n", u, g.edge_head(e), g.edge_minutes(e));
  }
  {
    File f(dir + "/" + name + "_sources.csv");
    std::fputs("source,node,hours\n", f.f);
    for (std::size_t s = 0; s < w.providers.size(); ++s) {
      std::string hours(168, '0');
      for (int h = 0; h < 168; ++h)
        if (bench::open_at(w.provider_hours[s], h)) hours[static_cast<std::size_t>(h)] = '1';
      std::fprintf(f.f, "%zu,%lld,%s\n", s, static_cast<long long>(g.anchor_node(w.providers[s])), hours.c_str());
    }
  }
  {
    File f(dir + "/" + name + "_targets.csv");
    std::fputs("target,node,pop65,tile\n", f.f);
    for (std::size_t c = 0; c < w.cells.size(); ++c)
      std::fprintf(f.f, "%zu,%lld,%u,%u\n", c, static_cast<long long>(g.anchor_node(w.cells[c])), w.cell_pop65[c],
                   w.cell_tile[c]);
  }
  {
    File f(dir + "/" + name + "_careatlas_travel.csv");
    std::fputs("source,target,minutes\n", f.f);
    for (std::size_t s = 0; s + 1 < t.offsets.size(); ++s)
      for (std::size_t e = t.offsets[s]; e < t.offsets[s + 1]; ++e)
        std::fprintf(f.f, "%zu,%u,%.17g\n", s, t.target[e], t.minutes[e]);
  }
  {
    File f(dir + "/" + name + "_careatlas_gaps.csv");
    std::fputs("tile,hour,pop65_unreached,pop65_single\n", f.f);
    for (std::size_t i = 0; i < gaps.unreached.size(); ++i)
      std::fprintf(f.f, "%zu,%zu,%llu,%llu\n", i / 168, i % 168, static_cast<unsigned long long>(gaps.unreached[i]),
                   static_cast<unsigned long long>(gaps.single[i]));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: careatlas_routing_peer city|prefecture|nation|nation_metro OUT_DIR [CUT_MINUTES]\n", stderr);
    return 2;
  }
  const std::string name = argv[1], dir = argv[2];
  const double cut = argc > 3 ? std::strtod(argv[3], nullptr) : 30.0;
  const bench::RoadWorldSize* size = name == "city"         ? &bench::kCity
                                     : name == "prefecture" ? &bench::kPrefecture
                                     : name == "nation"     ? &bench::kNation
                                     : name == "nation_metro" ? &bench::kNationMetro
                                                            : nullptr;
  if (!size) {
    std::fprintf(stderr, "unknown world %s\n", name.c_str());
    return 2;
  }
  const char* th = std::getenv("CAREATLAS_BENCH_THREADS");
  const unsigned threads = th ? static_cast<unsigned>(std::strtoul(th, nullptr, 10)) : 0;

  auto t0 = Clock::now();
  const bench::RoadWorld w = bench::RoadWorldBuilder(*size).build();
  const double world_s = seconds_since(t0);
  t0 = Clock::now();
  const routing::RoadGraph g(w.net, w.points, routing::RoadSpeeds::defaults(), w.anchors, threads);
  const double build_s = seconds_since(t0);
  routing::SearchStats st;
  t0 = Clock::now();
  const double c0 = cpu_seconds();
  const routing::TravelTable t = routing::travel_times(g, w.providers, w.cells, cut, threads, &st);
  const double search_s = seconds_since(t0), search_cpu_s = cpu_seconds() - c0;
  t0 = Clock::now();
  std::size_t tiles = 0;
  for (const std::uint32_t tile : w.cell_tile) tiles = std::max<std::size_t>(tiles, tile + std::size_t{1});
  const Gaps gaps = gap_table(w, t, tiles);
  const double gap_s = seconds_since(t0);
  const double peak_mb = vm_hwm_mb();  // before the export's buffers
  t0 = Clock::now();
  export_all(dir, name, w, g, t, gaps);
  const double export_s = seconds_since(t0);

  std::printf(
      "{\"world\": \"%s\", \"cut\": %g, \"threads\": %u, \"nodes\": %zu, \"edges\": %zu, \"sources\": %zu, "
      "\"targets\": %zu, \"searches\": %zu, \"settled\": %zu, \"pairs\": %zu, \"world_s\": %.3f, \"build_s\": %.3f, "
      "\"search_s\": %.3f, \"search_cpu_s\": %.3f, \"gap_s\": %.3f, \"total_s\": %.3f, \"export_s\": %.3f, "
      "\"peak_rss_mb\": %.1f}\n",
      name.c_str(), cut, threads, g.node_count(), g.edge_count(), w.providers.size(), w.cells.size(), st.searches,
      st.settled, st.entries, world_s, build_s, search_s, search_cpu_s, gap_s, world_s + build_s + search_s + gap_s,
      export_s, peak_mb);
  return 0;
}
