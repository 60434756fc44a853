// One libFuzzer binary per target: CAREATLAS_FUZZ_TARGET names the function (fuzz/CMakeLists.txt).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return careatlas::fuzz::CAREATLAS_FUZZ_TARGET(data, size);
}
