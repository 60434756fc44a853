#include "careatlas/model/input_spec.hpp"

namespace careatlas {

std::string_view to_string(InputRole r) {
  switch (r) {
    case InputRole::facilities: return "facilities";
    case InputRole::districts: return "districts";
    case InputRole::population: return "population";
    case InputRole::survey: return "survey";
    case InputRole::addresses: return "addresses";
    case InputRole::network: return "network";
  }
  return "?";
}

}  // namespace careatlas
