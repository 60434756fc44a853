#pragma once
// A fuzz input written to a file of its own (per process and name), for the readers that
// take paths: the import session and the TOML loaders. /dev/shm when it exists.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace careatlas::fuzz {

inline std::string input_file(const std::uint8_t* data, std::size_t size, const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  const fs::path path = dir / ("careatlas_fuzz_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                 static_cast<std::streamsize>(size));
  return path.string();
}

}  // namespace careatlas::fuzz
