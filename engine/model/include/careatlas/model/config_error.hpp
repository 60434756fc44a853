#pragma once
// Raised for problems of the project file or the command line (bad option values); the
// CLI maps it to exit code 2.
#include <stdexcept>

namespace careatlas {

class config_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace careatlas
