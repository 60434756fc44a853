#pragma once
// Fixed-partition parallel loops for the analysis and routing engines: work is cut into
// pieces that do not depend on the threads' timing, and every piece writes only its own
// outputs, so results are the same for any number of threads.
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace careatlas::geometry {

// `requested`, or all hardware threads for 0.
inline unsigned thread_count(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

// Runs f(begin, end) over [0, n) in `threads` contiguous chunks (small n: one thread).
template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n / 256, 1)));
  if (threads <= 1) {
    f(std::size_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  const std::size_t chunk = (n + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t b = t * chunk, e = std::min(n, b + chunk);
    if (b >= e) break;
    pool.emplace_back([&f, b, e] { f(b, e); });
  }
  for (auto& th : pool) th.join();
}

// Runs f(t, i) for i = t, t + threads, t + 2·threads, … < n on thread t: an interleaved
// fixed partition, which balances items of uneven cost that come sorted by place.
template <class F>
void parallel_strided(std::size_t n, unsigned threads, F&& f) {
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
  auto run = [&f, n, threads](unsigned t) {
    for (std::size_t i = t; i < n; i += threads) f(t, i);
  };
  if (threads <= 1) {
    run(0);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(run, t);
  for (auto& th : pool) th.join();
}

}  // namespace careatlas::geometry
