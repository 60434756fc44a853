#pragma once
// PopulationCell: population of one JIS X 0410 mesh cell in one year.
#include <cstdint>
#include <optional>
#include <string>

namespace careatlas {

struct PopulationCell {
  std::uint64_t mesh_code = 0;  // 8 digits (1 km), 9 (500 m) or 10 (250 m)
  int year = 0;                 // census or projection year; 0 = not stated
  // nullopt = suppressed (秘匿, e-Stat '*'): the people are counted in merged_into.
  std::optional<double> total;
  std::optional<double> age65plus;
  std::optional<double> age75plus;
  std::uint64_t merged_into = 0;  // e-Stat HTKSAKI: cell that carries this cell's figures
  std::string merged_from;        // e-Stat GASSAN: cells whose figures this cell carries
  std::string source_file;
  friend bool operator==(const PopulationCell&, const PopulationCell&) = default;
};

}  // namespace careatlas
