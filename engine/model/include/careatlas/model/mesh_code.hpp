#pragma once
// JIS X 0410 地域メッシュ codes (standard grid squares of Japan).
//
// 1st mesh AABB: AA = ⌊lat·1.5⌋, BB = ⌊lon⌋ − 100 (40′ × 1°). 2nd mesh: 8 × 8 → digits
// C (lat), D (lon) (5′ × 7′30″). 3rd mesh (1 km): 10 × 10 → E, F (30″ × 45″). Half mesh
// (500 m): one more digit 1 SW, 2 SE, 3 NW, 4 NE (15″ × 22.5″); quarter mesh (250 m): one
// more digit the same way. All arithmetic is on integers in units of the finest grid, so
// a cell's bounds are exact. Check value: 35.68125 N, 139.771875 E → 533946114.
#include <cstdint>
#include <optional>
#include <string_view>

#include "careatlas/model/geo.hpp"

namespace careatlas::mesh {

enum class Level : std::uint8_t { first = 4, second = 6, third = 8, half = 9, quarter = 10 };

struct CellBounds {
  double south, west, north, east;  // degrees
  LonLat centre() const { return {(west + east) / 2.0, (south + north) / 2.0}; }
};

// Code of the cell containing the point (cells are closed at south/west, open at
// north/east). nullopt outside the domain of 4-digit 1st meshes (lat 6°40′–66°40′, lon 100–200).
std::optional<std::uint64_t> encode(LonLat p, Level level);
// Level from the number of digits (4, 6, 8, 9, 10); nullopt for other lengths.
std::optional<Level> level_of(std::uint64_t code);
// Parse and validate a code written as text (digits only, valid sub-digits:
// 2nd 0–7, 3rd 0–9, half/quarter 1–4). nullopt when invalid.
std::optional<std::uint64_t> parse(std::string_view text);
// Cell bounds; nullopt for an invalid code.
std::optional<CellBounds> decode(std::uint64_t code);
// Half-mesh centroid exactly as WORKLOAD.md §3 defines it (integer row/column, then
// (I + 0.5) / 240 and 100 + (J + 0.5) / 160).
std::optional<LonLat> half_mesh_centroid(std::uint64_t code);

}  // namespace careatlas::mesh
