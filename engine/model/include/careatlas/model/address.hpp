#pragma once
// Addresses: the 位置参照情報 reference tables a project imports ([[addresses]]), and what
// matching a facility's address against them found.
//
// The reference is the national one the user downloads from 国土交通省: 大字・町丁目レベル
// (the whole country, one file per prefecture, municipality and town codes included) and
// 街区レベル (urban areas; names only, no codes). Each file becomes one AddressTable; text
// that repeats on every row (prefecture, municipality, town names) is kept once per table.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/geo.hpp"

namespace careatlas {

// How fine a match is, finest first: 街区 (a block of a 住居表示 area, or the 地番 of one
// elsewhere, in the 街区レベル file), 町丁目 (a 丁目), 大字 (a 大字・町 or 字 without 丁目),
// and the municipality itself.
enum class AddressLevel : std::uint8_t { block, chome, oaza, municipality };
inline constexpr std::size_t kAddressLevels = 4;
std::string_view to_string(AddressLevel l);        // block | chome | oaza | municipality
std::string_view japanese_label(AddressLevel l);   // 街区 | 町丁目 | 大字 | 市区町村
std::optional<AddressLevel> address_level_from_string(std::string_view s);  // either name

// Where a facility's point comes from (the registry's location_source column).
enum class LocationSource : std::uint8_t { none, published, address_block, address_town, address_municipality };
// "", "published", "address:block", "address:town", "address:municipality"
std::string_view to_string(LocationSource s);
std::optional<LocationSource> location_source_from_string(std::string_view s);
// 街区 → address:block; 町丁目 and 大字 → address:town; 市区町村 → address:municipality.
LocationSource location_source_of(AddressLevel l);
inline bool by_address(LocationSource s) {
  return s == LocationSource::address_block || s == LocationSource::address_town ||
         s == LocationSource::address_municipality;
}

// What matching a facility's address found. No level: not matched (or no reference).
struct AddressMatch {
  std::optional<AddressLevel> level;
  std::string text;  // the reference entry matched, e.g. 愛知県みさき市本町二丁目28番
  LonLat point;      // its representative point
  std::optional<double> distance_m;  // from the published point, when there was one
  bool suspect = false;   // the published point is far from it, or outside its municipality
  bool replaced = false;  // and was replaced by it ([locate] replace_suspect)
  friend bool operator==(const AddressMatch&, const AddressMatch&) = default;
};

// One 位置参照情報 file.
struct AddressTable {
  std::string file;    // path as given
  std::string format;  // isj_town (大字・町丁目) | isj_block (街区)
  // Text shared by many rows, each once; index 0 is "".
  std::vector<std::string> text{std::string()};
  struct Row {
    std::uint32_t prefecture = 0;    // 都道府県名
    std::uint32_t municipality = 0;  // 市区町村名 (郡 and 政令市 included: 有田郡有田川町, 札幌市中央区)
    std::uint32_t town = 0;          // 大字町丁目名 / 大字・丁目名
    std::uint32_t koaza = 0;         // 小字・通称名 (街区 files)
    std::string municipality_code;   // 5 digits (大字・町丁目 files; empty in 街区 files)
    std::string town_code;           // 大字町丁目コード, 12 digits (大字・町丁目 files)
    std::string block;               // 街区符号・地番 (街区 files)
    AddressLevel level = AddressLevel::oaza;  // block for 街区 rows, chome or oaza otherwise
    bool representative = true;      // 代表フラグ
    bool residential = false;        // 住居表示フラグ (街区 files): 街区符号, else 地番
    LonLat point;
    std::int64_t source_row = 0;     // 1-based physical line
    friend bool operator==(const Row&, const Row&) = default;
  };
  std::vector<Row> rows;
  const std::string& str(std::uint32_t i) const { return text.at(i); }
  friend bool operator==(const AddressTable&, const AddressTable&) = default;
};

// How the facilities of one input file were located (FileReport::locations).
struct LocationCounts {
  std::int64_t published = 0;  // at their published point
  std::array<std::int64_t, kAddressLevels> by_address{};  // from the address, per AddressLevel
  std::int64_t unlocated = 0;  // neither
  std::int64_t checked = 0;    // published points whose address matched at 大字 level or finer
  std::int64_t suspect = 0;    // of the published points, far from their address or outside their municipality
  std::int64_t replaced = 0;   // suspect points replaced by the address's ([locate] replace_suspect)
  std::int64_t located_by_address() const {
    std::int64_t n = 0;
    for (auto v : by_address) n += v;
    return n;
  }
  std::int64_t total() const { return published + located_by_address() + unlocated; }
  LocationCounts& operator+=(const LocationCounts& o) {
    published += o.published;
    for (std::size_t k = 0; k < kAddressLevels; ++k) by_address[k] += o.by_address[k];
    unlocated += o.unlocated;
    checked += o.checked;
    suspect += o.suspect;
    replaced += o.replaced;
    return *this;
  }
  friend bool operator==(const LocationCounts&, const LocationCounts&) = default;
};

// "街区 2, 町丁目 1": the levels with a count, finest first ("" when none).
std::string describe_levels(const std::array<std::int64_t, kAddressLevels>& by_level);
// "72 at their published point, 2 from their address (街区 2), 0 unlocated; 72 checked
// against their address, 1 suspect (0 replaced)".
std::string describe(const LocationCounts& c);

// Ground distance in metres between two nearby points (equirectangular on GRS80 with the
// radii of curvature at the mean latitude: within 0.1 % of the geodesic up to ~100 km).
double ground_distance_m(LonLat a, LonLat b);

}  // namespace careatlas
