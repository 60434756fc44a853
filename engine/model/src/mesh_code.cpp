#include "careatlas/model/mesh_code.hpp"

#include <cmath>

namespace careatlas::mesh {

namespace {
// Row/column of a cell in units of its own level's grid, counted from lat 0 / lon 100.
struct GridIndex {
  std::int64_t row = 0;
  std::int64_t col = 0;
  Level level = Level::first;
};

// Rows/columns per degree at each level: lat 1.5, 12, 120, 240, 480; lon 1, 8, 80, 160, 320.
double rows_per_degree(Level l) {
  switch (l) {
    case Level::first: return 1.5;
    case Level::second: return 12.0;
    case Level::third: return 120.0;
    case Level::half: return 240.0;
    case Level::quarter: return 480.0;
  }
  return 1.5;
}
double cols_per_degree(Level l) {
  switch (l) {
    case Level::first: return 1.0;
    case Level::second: return 8.0;
    case Level::third: return 80.0;
    case Level::half: return 160.0;
    case Level::quarter: return 320.0;
  }
  return 1.0;
}

std::optional<GridIndex> to_index(std::uint64_t code) {
  auto level = level_of(code);
  if (!level) return std::nullopt;
  std::uint64_t c = code;
  int sub[2] = {0, 0};  // half, quarter digits (1..4)
  int nsub = 0;
  if (*level == Level::quarter) { sub[1] = static_cast<int>(c % 10); c /= 10; nsub = 2; }
  if (*level == Level::quarter || *level == Level::half) {
    sub[0] = static_cast<int>(c % 10);
    c /= 10;
    if (nsub == 0) nsub = 1;
  }
  std::int64_t row = 0, col = 0;
  // c now holds 4, 6 or 8 digits.
  int digits = *level == Level::first ? 4 : *level == Level::second ? 6 : 8;
  std::uint64_t first = c;
  int r3 = 0, w3 = 0, q2 = 0, v2 = 0;
  if (digits == 8) { w3 = static_cast<int>(first % 10); first /= 10; r3 = static_cast<int>(first % 10); first /= 10; }
  if (digits >= 6) { v2 = static_cast<int>(first % 10); first /= 10; q2 = static_cast<int>(first % 10); first /= 10; }
  const std::int64_t p = static_cast<std::int64_t>(first / 100), u = static_cast<std::int64_t>(first % 100);
  if (q2 > 7 || v2 > 7) return std::nullopt;
  row = p;
  col = u;
  if (digits >= 6) { row = row * 8 + q2; col = col * 8 + v2; }
  if (digits == 8) { row = row * 10 + r3; col = col * 10 + w3; }
  for (int i = 0; i < nsub; ++i) {
    if (sub[i] < 1 || sub[i] > 4) return std::nullopt;
    row = row * 2 + (sub[i] - 1) / 2;
    col = col * 2 + (sub[i] - 1) % 2;
  }
  return GridIndex{row, col, *level};
}
}  // namespace

std::optional<Level> level_of(std::uint64_t code) {
  if (code >= 1000 && code <= 9999) return Level::first;
  if (code >= 100000 && code <= 999999) return Level::second;
  if (code >= 10000000 && code <= 99999999) return Level::third;
  if (code >= 100000000 && code <= 999999999) return Level::half;
  if (code >= 1000000000 && code <= 9999999999ULL) return Level::quarter;
  return std::nullopt;
}

std::optional<std::uint64_t> encode(LonLat p, Level level) {
  if (!(p.lat >= 0.0 && p.lat < 66.0 + 2.0 / 3.0 && p.lon >= 100.0 && p.lon < 200.0)) return std::nullopt;
  // Work in quarter-mesh units, then drop the digits the level does not need.
  auto iq = static_cast<std::int64_t>(std::floor(p.lat * 480.0));
  auto jq = static_cast<std::int64_t>(std::floor((p.lon - 100.0) * 320.0));
  // The products above round; settle the index against the bounds exactly as decode()
  // computes them, so that a cell's own south-west corner encodes to that cell.
  const auto south = [](std::int64_t i) { return static_cast<double>(i) / 480.0; };
  const auto west = [](std::int64_t j) { return 100.0 + static_cast<double>(j) / 320.0; };
  if (south(iq) > p.lat) --iq;
  else if (south(iq + 1) <= p.lat) ++iq;
  if (west(jq) > p.lon) --jq;
  else if (west(jq + 1) <= p.lon) ++jq;
  // A 1st-mesh row below 10 (lat < 6°40′) has no 4-digit code.
  if (iq / 320 < 10) return std::nullopt;
  const std::uint64_t first = static_cast<std::uint64_t>((iq / 320) * 100 + jq / 320);
  if (level == Level::first) return first;
  const std::uint64_t second = first * 100 + static_cast<std::uint64_t>(((iq % 320) / 40) * 10 + (jq % 320) / 40);
  if (level == Level::second) return second;
  const std::uint64_t third = second * 100 + static_cast<std::uint64_t>(((iq % 40) / 4) * 10 + (jq % 40) / 4);
  if (level == Level::third) return third;
  const std::uint64_t half = third * 10 + static_cast<std::uint64_t>(1 + ((iq % 4) / 2) * 2 + (jq % 4) / 2);
  if (level == Level::half) return half;
  return half * 10 + static_cast<std::uint64_t>(1 + (iq % 2) * 2 + jq % 2);
}

std::optional<std::uint64_t> parse(std::string_view text) {
  // A leading zero would make the value's digit count (the level) differ from the text's.
  if (text.empty() || text.size() > 10 || text.front() == '0') return std::nullopt;
  std::uint64_t v = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  if (text.size() != 4 && text.size() != 6 && text.size() != 8 && text.size() != 9 && text.size() != 10)
    return std::nullopt;
  if (!to_index(v)) return std::nullopt;
  return v;
}

std::optional<CellBounds> decode(std::uint64_t code) {
  auto idx = to_index(code);
  if (!idx) return std::nullopt;
  const double rpd = rows_per_degree(idx->level), cpd = cols_per_degree(idx->level);
  CellBounds b{};
  b.south = static_cast<double>(idx->row) / rpd;
  b.north = static_cast<double>(idx->row + 1) / rpd;
  b.west = 100.0 + static_cast<double>(idx->col) / cpd;
  b.east = 100.0 + static_cast<double>(idx->col + 1) / cpd;
  return b;
}

std::optional<LonLat> half_mesh_centroid(std::uint64_t code) {
  auto idx = to_index(code);
  if (!idx || idx->level != Level::half) return std::nullopt;
  return LonLat{100.0 + (static_cast<double>(idx->col) + 0.5) / 160.0,
                (static_cast<double>(idx->row) + 0.5) / 240.0};
}

}  // namespace careatlas::mesh
