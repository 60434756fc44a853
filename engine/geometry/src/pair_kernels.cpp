#include "pair_kernels.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace careatlas::geometry::detail {

namespace {

using v4d = double __attribute__((vector_size(32)));
using v4i = std::int64_t __attribute__((vector_size(32)));
using v4u = std::uint64_t __attribute__((vector_size(32)));

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CAREATLAS_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CAREATLAS_VECTOR_CLONES
#endif

}  // namespace

GaussianWeight::GaussianWeight(double d0) : d02(d0 * d0), inv_d02(d0 > 0 ? 1.0 / (d0 * d0) : 0.0) {
  // exp(−u/2) = exp(−¼) Σ (−½)^n zⁿ / n! with z = u − ½; then W = (· − e^−½) / (1 − e^−½).
  const double e05 = std::exp(-0.5), scale = 1.0 / (1.0 - e05);
  double term = std::exp(-0.25);
  for (std::size_t n = 0; n < c.size(); ++n) {
    c[n] = term * scale;
    term *= -0.5 / static_cast<double>(n + 1);
  }
  c[0] -= e05 * scale;
}

double GaussianWeight::weight(double d2) const {
  if (!(d2 < d02)) return 0.0;
  const double z = d2 * inv_d02 - 0.5;
  double p = c[10];
  for (std::size_t n = 10; n-- > 0;) p = p * z + c[n];
  return p > 0 ? p : 0.0;
}

CAREATLAS_VECTOR_CLONES
double weighted_sum(const PointGrid& grid, const double* value, XY p, const GaussianWeight& w) {
  const double* xs = grid.xs();
  const double* ys = grid.ys();
  const v4d px = {p.x, p.x, p.x, p.x}, py = {p.y, p.y, p.y, p.y};
  const v4d d02 = {w.d02, w.d02, w.d02, w.d02}, inv = {w.inv_d02, w.inv_d02, w.inv_d02, w.inv_d02};
  const v4d half = {0.5, 0.5, 0.5, 0.5}, zero = {0, 0, 0, 0};
  const v4i lane = {0, 1, 2, 3};
  v4d acc = zero;
  thread_local std::vector<PointGrid::Run> runs;
  grid.collect_runs(p, std::sqrt(w.d02), runs);
  for (const auto [from, to] : runs) {
    for (std::size_t k = from; k < to; k += 4) {
      v4d x, y, v;
      std::memcpy(&x, xs + k, sizeof x);
      std::memcpy(&y, ys + k, sizeof y);
      std::memcpy(&v, value + k, sizeof v);
      const v4d dx = x - px, dy = y - py, d2 = dx * dx + dy * dy, z = d2 * inv - half;
      v4d poly = z * w.c[10] + w.c[9];
      for (std::size_t n = 9; n-- > 0;) poly = poly * z + w.c[n];
      const v4i left = {static_cast<std::int64_t>(to - k), static_cast<std::int64_t>(to - k),
                        static_cast<std::int64_t>(to - k), static_cast<std::int64_t>(to - k)};
      const v4i keep = (d2 < d02) & (poly > zero) & (lane < left);
      acc += (keep ? poly : zero) * v;
    }
  }
  return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

CAREATLAS_VECTOR_CLONES
CellReach reach_and_access(const PointGrid& grid, const ProviderColumns& pc, XY c, double r, const GaussianWeight& w) {
  const double* xs = grid.xs();
  const double* ys = grid.ys();
  const v4d cx = {c.x, c.x, c.x, c.x}, cy = {c.y, c.y, c.y, c.y};
  const double r2s = r * r;
  const v4d r2 = {r2s, r2s, r2s, r2s};
  const v4d d02 = {w.d02, w.d02, w.d02, w.d02}, inv = {w.inv_d02, w.inv_d02, w.inv_d02, w.inv_d02};
  const v4d half = {0.5, 0.5, 0.5, 0.5}, zero = {0, 0, 0, 0};
  const v4i lane = {0, 1, 2, 3};
  v4d acc = zero;
  v4i count = {0, 0, 0, 0};
  v4u o[3] = {}, t[3] = {}, hit = {};
  thread_local std::vector<PointGrid::Run> runs;
  grid.collect_runs(c, std::max(r, std::sqrt(w.d02)), runs);
  for (const auto [from, to] : runs) {
    for (std::size_t k = from; k < to; k += 4) {
      v4d x, y, ratio;
      std::memcpy(&x, xs + k, sizeof x);
      std::memcpy(&y, ys + k, sizeof y);
      std::memcpy(&ratio, pc.ratio + k, sizeof ratio);
      const v4i left = {static_cast<std::int64_t>(to - k), static_cast<std::int64_t>(to - k),
                        static_cast<std::int64_t>(to - k), static_cast<std::int64_t>(to - k)};
      const v4i valid = lane < left;
      const v4d dx = x - cx, dy = y - cy, d2 = dx * dx + dy * dy, z = d2 * inv - half;
      // Hour masks: saturating count (one, two) of providers within r, lane by lane.
      const v4u sel = reinterpret_cast<v4u>(valid & (d2 <= r2));
      for (int word = 0; word < 3; ++word) {
        v4u m;
        std::memcpy(&m, pc.mask[word] + k, sizeof m);
        m &= sel;
        t[word] |= o[word] & m;
        o[word] |= m;
      }
      hit |= sel;
      // E2SFCA step 2.
      v4d poly = z * w.c[10] + w.c[9];
      for (std::size_t n = 9; n-- > 0;) poly = poly * z + w.c[n];
      const v4i near = valid & (d2 < d02);
      acc += ((near & (poly > zero)) ? poly : zero) * ratio;
      count -= valid & (d2 <= d02);  // true lanes are −1
    }
  }
  CellReach out;
  for (int word = 0; word < 3; ++word) {
    const std::size_t wi = static_cast<std::size_t>(word);
    const v4u& ow = o[word];
    const v4u& tw = t[word];
    out.one[wi] = ow[0] | ow[1] | ow[2] | ow[3];
    out.two[wi] = tw[0] | tw[1] | tw[2] | tw[3] | (ow[0] & ow[1]) | (ow[0] & ow[2]) | (ow[0] & ow[3]) |
                  (ow[1] & ow[2]) | (ow[1] & ow[3]) | (ow[2] & ow[3]);
  }
  out.any = (hit[0] | hit[1] | hit[2] | hit[3]) != 0;
  out.weighted = (acc[0] + acc[1]) + (acc[2] + acc[3]);
  out.within_d0 = static_cast<int>(count[0] + count[1] + count[2] + count[3]);
  return out;
}

}  // namespace careatlas::geometry::detail
