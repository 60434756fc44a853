#pragma once
// What the benchmark targets share: the world they read, where they write, and the
// process's memory high-water marks.
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "careatlas/importers/import_session.hpp"

namespace careatlas::bench {

// The ../shared/bench world: CAREATLAS_BENCH_WORLD, default /tmp/bench_work/worlds/prefecture.
inline std::string world() {
  const char* w = std::getenv("CAREATLAS_BENCH_WORLD");
  return w ? w : "/tmp/bench_work/worlds/prefecture";
}

// The output folder: CAREATLAS_BENCH_OUT, default $TMPDIR/<name>.
inline std::string out_dir(const std::string& name) {
  const char* o = std::getenv("CAREATLAS_BENCH_OUT");
  return o ? o : (std::filesystem::temp_directory_path() / name).string();
}

// getrusage's resident high-water mark of the whole process, MB.
inline double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Linux: writing 5 to clear_refs resets the process's resident high-water mark (VmHWM).
inline void reset_peak() { std::ofstream("/proc/self/clear_refs") << "5"; }

// VmHWM from /proc/self/status, MB (0 when unavailable): the high-water mark since the
// last reset_peak().
inline double hwm_mb() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmHWM:") {
      double kb = 0;
      in >> kb;
      return kb / 1024.0;
    }
    std::getline(in, key);
  }
  return 0;
}

// A registry imported from files (path, role), and the wall time of the import.
struct World {
  Registry reg;
  double import_s = 0;
};

inline World import_files(const std::vector<std::pair<std::string, InputRole>>& files) {
  World w;
  const auto t0 = std::chrono::steady_clock::now();
  DiagnosticCollector sink;
  ImportSession s(sink);
  for (const auto& [path, role] : files) {
    InputSpec spec;
    spec.path = path;
    spec.role = role;
    s.add(spec);
  }
  w.reg = s.finish();
  w.import_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return w;
}

}  // namespace careatlas::bench
