#include "careatlas/geometry/projection.hpp"


#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <thread>

#include "careatlas/model/config_error.hpp"
#include "proj_library.hpp"

namespace careatlas::geometry {

namespace {
const detail::ProjLibrary& P() { return detail::proj_library(); }

PJ_COORD coord(double x, double y) {
  PJ_COORD c;
  c.v[0] = x;
  c.v[1] = y;
  c.v[2] = 0;
  c.v[3] = 0;
  return c;
}
}  // namespace

struct Projection::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
  ~Impl() {
    if (pj) P().proj_destroy(pj);
    if (ctx) P().proj_context_destroy(ctx);
  }
};

Projection::Projection(int target_epsg) : impl_(std::make_unique<Impl>()), epsg_(target_epsg) {
  impl_->ctx = P().proj_context_create();
  P().proj_log_level(impl_->ctx, PJ_LOG_NONE);
  const std::string target = "EPSG:" + std::to_string(target_epsg);
  PJ* crs = P().proj_create(impl_->ctx, target.c_str());
  if (!crs) throw config_error("unknown CRS " + target);
  const PJ_TYPE type = P().proj_get_type(crs);
  if (const char* n = P().proj_get_name(crs)) name_ = n;
  P().proj_destroy(crs);
  if (type != PJ_TYPE_PROJECTED_CRS)
    throw config_error(target + " (" + name_ + ") is not a projected CRS in metres; use e.g. a plane rectangular zone 6669–6687");
  PJ* raw = P().proj_create_crs_to_crs(impl_->ctx, "EPSG:6668", target.c_str(), nullptr);
  if (!raw) throw config_error("PROJ cannot transform EPSG:6668 to " + target);
  impl_->pj = P().proj_normalize_for_visualization(impl_->ctx, raw);
  P().proj_destroy(raw);
  if (!impl_->pj) throw config_error("PROJ cannot normalise the axis order of " + target);
}

Projection Projection::copy() const {
  Projection p;
  p.impl_ = std::make_unique<Impl>();
  p.epsg_ = epsg_;
  p.name_ = name_;
  p.impl_->ctx = P().proj_context_create();
  P().proj_log_level(p.impl_->ctx, PJ_LOG_NONE);
  p.impl_->pj = P().proj_clone(p.impl_->ctx, impl_->pj);
  if (!p.impl_->pj) throw config_error("PROJ cannot copy the transformation to EPSG:" + std::to_string(epsg_));
  return p;
}

Projection::~Projection() = default;
Projection::Projection(Projection&&) noexcept = default;
Projection& Projection::operator=(Projection&&) noexcept = default;

namespace {

// Runs work(pj, part) for part = 0 … parts − 1, part 0 on this thread with `pj`, the
// others on their own threads with clones of it (PROJ objects are not thread-safe).
// A part whose clone cannot be made runs afterwards on this thread.
template <class F>
void on_clones(PJ* pj, unsigned parts, F&& work) {
  std::vector<std::thread> pool;
  std::vector<char> done(parts, 0);
  for (unsigned t = 1; t < parts; ++t)
    pool.emplace_back([pj, t, &work, &done] {
      PJ_CONTEXT* ctx = P().proj_context_create();
      P().proj_log_level(ctx, PJ_LOG_NONE);
      if (PJ* clone = P().proj_clone(ctx, pj)) {
        work(clone, t);
        P().proj_destroy(clone);
        done[t] = 1;
      }
      P().proj_context_destroy(ctx);
    });
  work(pj, 0u);
  for (auto& th : pool) th.join();
  for (unsigned t = 1; t < parts; ++t)
    if (!done[t]) work(pj, t);
}

unsigned parts_for(unsigned threads, std::size_t work_items) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Below ~50,000 points a thread costs more than it saves.
  return static_cast<unsigned>(std::clamp<std::size_t>(work_items / 50000, 1, threads));
}

void forward_with(PJ* pj, const LonLat* in, XY* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = XY{in[i].lon, in[i].lat};
  if (n == 0) return;
  P().proj_trans_generic(pj, PJ_FWD, &out[0].x, sizeof(XY), n, &out[0].y, sizeof(XY), n, nullptr, 0, 0, nullptr, 0, 0);
}

PlanarMultiPolygon forward_with(PJ* pj, const MultiPolygon& mp) {
  PlanarMultiPolygon out;
  out.reserve(mp.size());
  auto ring = [pj](const auto& r, PlanarRing& dst) {
    dst.resize(r.size());
    forward_with(pj, r.data(), dst.data(), r.size());
  };
  for (const Polygon& p : mp) {
    PlanarPolygon q;
    ring(p.outer(), q.outer());
    q.inners().resize(p.inners().size());
    for (std::size_t i = 0; i < p.inners().size(); ++i) ring(p.inners()[i], q.inners()[i]);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

XY Projection::forward(LonLat p) const {
  PJ_COORD c = coord(p.lon, p.lat);
  c = P().proj_trans(impl_->pj, PJ_FWD, c);
  return {c.xy.x, c.xy.y};
}

void Projection::forward(const LonLat* in, XY* out, std::size_t n) const { forward_with(impl_->pj, in, out, n); }

PlanarMultiPolygon Projection::forward(const MultiPolygon& mp) const { return forward_with(impl_->pj, mp); }

void Projection::forward(const LonLat* in, XY* out, std::size_t n, unsigned threads) const {
  const unsigned parts = parts_for(threads, n);
  const std::size_t chunk = (n + parts - 1) / parts;
  on_clones(impl_->pj, parts, [&](PJ* pj, unsigned t) {
    const std::size_t b = std::min(n, t * chunk), e = std::min(n, b + chunk);
    forward_with(pj, in + b, out + b, e - b);
  });
}

std::vector<PlanarMultiPolygon> Projection::forward(const std::vector<const MultiPolygon*>& mps, unsigned threads) const {
  // Split into contiguous parts of about equal vertex counts.
  std::vector<std::size_t> vertices(mps.size() + 1, 0);
  for (std::size_t i = 0; i < mps.size(); ++i) {
    std::size_t v = 0;
    for (const Polygon& p : *mps[i]) {
      v += p.outer().size();
      for (const auto& h : p.inners()) v += h.size();
    }
    vertices[i + 1] = vertices[i] + v;
  }
  const unsigned parts = parts_for(threads, vertices.back());
  std::vector<PlanarMultiPolygon> out(mps.size());
  on_clones(impl_->pj, parts, [&](PJ* pj, unsigned t) {
    const std::size_t lo = vertices.back() * t / parts;
    const std::size_t hi = t + 1 == parts ? vertices.back() + 1 : vertices.back() * (t + 1) / parts;
    for (std::size_t i = 0; i < mps.size(); ++i) {
      if (vertices[i] < lo || vertices[i] >= hi) continue;  // districts starting in [lo, hi)
      out[i] = forward_with(pj, *mps[i]);
    }
  });
  return out;
}

LonLat Projection::inverse(XY p) const {
  PJ_COORD c = coord(p.x, p.y);
  c = P().proj_trans(impl_->pj, PJ_INV, c);
  return {c.lp.lam, c.lp.phi};
}

MultiPolygon Projection::inverse(const PlanarMultiPolygon& mp) const {
  MultiPolygon out;
  out.reserve(mp.size());
  auto ring = [this](const PlanarRing& r, Polygon::ring_type& dst) {
    dst.resize(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) dst[i] = LonLat{r[i].x, r[i].y};  // x, y in; lon, lat out
    if (r.empty()) return;
    P().proj_trans_generic(impl_->pj, PJ_INV, &dst[0].lon, sizeof(LonLat), dst.size(), &dst[0].lat, sizeof(LonLat),
                       dst.size(), nullptr, 0, 0, nullptr, 0, 0);
  };
  for (const PlanarPolygon& p : mp) {
    Polygon q;
    ring(p.outer(), q.outer());
    q.inners().resize(p.inners().size());
    for (std::size_t i = 0; i < p.inners().size(); ++i) ring(p.inners()[i], q.inners()[i]);
    out.push_back(std::move(q));
  }
  return out;
}

namespace {
// Origins of zones I–XIX (EPSG 6669–6687), degrees.
struct Zone {
  int epsg;
  double lat0, lon0;
};
constexpr std::array<Zone, 19> kZones = {{
    {6669, 33.0, 129.5}, {6670, 33.0, 131.0}, {6671, 36.0, 132.0 + 1.0 / 6.0}, {6672, 33.0, 133.5},
    {6673, 36.0, 134.0 + 1.0 / 3.0}, {6674, 36.0, 136.0}, {6675, 36.0, 137.0 + 1.0 / 6.0}, {6676, 36.0, 138.5},
    {6677, 36.0, 139.0 + 5.0 / 6.0}, {6678, 40.0, 140.0 + 5.0 / 6.0}, {6679, 44.0, 140.25}, {6680, 44.0, 142.25},
    {6681, 44.0, 144.25}, {6682, 26.0, 142.0}, {6683, 26.0, 127.5}, {6684, 26.0, 124.0},
    {6685, 26.0, 131.0}, {6686, 20.0, 136.0}, {6687, 26.0, 154.0},
}};

// Prefecture (JIS X 0401) → zone, for prefectures that lie in one zone.
int zone_of_prefecture(int pref) {
  switch (pref) {
    case 42: return 6669;                                  // 長崎
    case 40: case 41: case 43: case 44: case 45: return 6670;  // 福岡 佐賀 熊本 大分 宮崎
    case 32: case 34: case 35: return 6671;                // 島根 広島 山口
    case 36: case 37: case 38: case 39: return 6672;       // 徳島 香川 愛媛 高知
    case 28: case 31: case 33: return 6673;                // 兵庫 鳥取 岡山
    case 18: case 24: case 25: case 26: case 27: case 29: case 30: return 6674;  // 福井 三重 滋賀 京都 大阪 奈良 和歌山
    case 16: case 17: case 21: case 23: return 6675;       // 富山 石川 岐阜 愛知
    case 15: case 19: case 20: case 22: return 6676;       // 新潟 山梨 長野 静岡
    case 7: case 8: case 9: case 10: case 11: case 12: case 14: return 6677;  // 福島 茨城 栃木 群馬 埼玉 千葉 神奈川
    case 2: case 3: case 4: case 5: case 6: return 6678;   // 青森 岩手 宮城 秋田 山形
    default: return 0;  // 北海道, 東京都, 鹿児島, 沖縄: split between zones
  }
}
}  // namespace

int plane_rectangular_zone(const std::vector<std::string>& codes, std::optional<LonLat> centre) {
  std::map<int, std::size_t> count;
  for (const auto& c : codes)
    if (c.size() >= 2 && std::isdigit(static_cast<unsigned char>(c[0])) && std::isdigit(static_cast<unsigned char>(c[1])))
      ++count[(c[0] - '0') * 10 + (c[1] - '0')];
  if (!count.empty()) {
    const auto best = std::max_element(count.begin(), count.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    if (const int z = zone_of_prefecture(best->first)) return z;
    if (best->first == 13 && centre && centre->lat > 34.0) return 6677;  // 東京都 mainland and Izu
  }
  if (!centre) return 6677;
  // Nearest origin, with longitude scaled by cos(latitude).
  const double k = std::cos(centre->lat * M_PI / 180.0);
  const Zone* best = &kZones[0];
  double best_d = 1e300;
  for (const Zone& z : kZones) {
    const double dlat = z.lat0 - centre->lat, dlon = (z.lon0 - centre->lon) * k;
    const double d = dlat * dlat + dlon * dlon;
    if (d < best_d) {
      best_d = d;
      best = &z;
    }
  }
  return best->epsg;
}

}  // namespace careatlas::geometry
