#include "careatlas/model/config_error.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/style/style.hpp"
#include "input_file.hpp"
#include "targets.hpp"

namespace careatlas::fuzz {

// A project or style file the strict loaders refuse is a config_error naming file, line
// and column; anything else escaping is a finding.
int project_file(const std::uint8_t* data, std::size_t size) {
  try {
    (void)project::load_project(input_file(data, size, "project.toml"));
  } catch (const config_error&) {
  }
  return 0;
}

int style_file(const std::uint8_t* data, std::size_t size) {
  try {
    (void)style::load_style(input_file(data, size, "style.toml"));
  } catch (const config_error&) {
  }
  return 0;
}

}  // namespace careatlas::fuzz
