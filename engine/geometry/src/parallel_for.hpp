#pragma once
// parallel_for: a fixed partition of [0, n) into contiguous chunks, one std::thread each,
// so that results written per index do not depend on the thread count.
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace careatlas::geometry::detail {

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

}  // namespace careatlas::geometry::detail
