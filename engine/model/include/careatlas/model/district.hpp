#pragma once
// District: a planning area polygon — a municipality (N03) or a 日常生活圏域 — with an id,
// a name and the id of the area it belongs to.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "careatlas/model/geo.hpp"

namespace careatlas {

enum class DistrictLevel : std::uint8_t {
  municipality,     // 市区町村 (N03, 行政区域コード)
  daily_life_area,  // 日常生活圏域
  other,
};
std::string_view to_string(DistrictLevel l);
std::optional<DistrictLevel> district_level_from_string(std::string_view s);

struct District {
  std::string id;         // e.g. "39201" (N03_007) or "23999-01"
  std::string name;       // e.g. "高知市", "中央圏域"
  std::string parent_id;  // e.g. prefecture "39" or municipality "23999"; may be empty
  DistrictLevel level = DistrictLevel::other;
  std::string source_file;
  MultiPolygon geometry;  // islands as several polygons
  friend bool operator==(const District&, const District&) = default;
};

}  // namespace careatlas
