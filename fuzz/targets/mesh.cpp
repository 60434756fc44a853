#include <cstring>

#include "careatlas/model/mesh_code.hpp"
#include "targets.hpp"

namespace careatlas::fuzz {

int mesh(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto code = mesh::parse(text)) {
    (void)mesh::level_of(*code);
    if (const auto b = mesh::decode(*code)) (void)b->centre();
    (void)mesh::half_mesh_centroid(*code);
  }
  // The bytes as numbers: any code, any point (NaN and infinities included).
  if (size >= sizeof(std::uint64_t)) {
    std::uint64_t code = 0;
    std::memcpy(&code, data, sizeof code);
    (void)mesh::decode(code);
    (void)mesh::level_of(code);
    (void)mesh::half_mesh_centroid(code);
  }
  if (size >= 2 * sizeof(double)) {
    LonLat p;
    std::memcpy(&p.lon, data, sizeof(double));
    std::memcpy(&p.lat, data + sizeof(double), sizeof(double));
    for (const mesh::Level l : {mesh::Level::first, mesh::Level::second, mesh::Level::third, mesh::Level::half,
                                mesh::Level::quarter})
      if (const auto c = mesh::encode(p, l)) (void)mesh::decode(*c);
  }
  return 0;
}

}  // namespace careatlas::fuzz
