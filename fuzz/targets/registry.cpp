#include "targets.hpp"

namespace careatlas::fuzz {

const std::vector<NamedTarget>& targets() {
  static const std::vector<NamedTarget> t = {
      {"text_csv", text_csv},         {"hours", hours},
      {"mesh", mesh},                 {"kaigo_csv", kaigo_csv},
      {"iryo_facility", iryo_facility}, {"iryo_hours", iryo_hours},
      {"careatlas_csv", careatlas_csv}, {"survey_csv", survey_csv},
      {"estat_mesh", estat_mesh},     {"isj_town", isj_town},
      {"isj_block", isj_block},       {"osm_xml", osm_xml},
      {"osm_json", osm_json},         {"project_file", project_file},
      {"style_file", style_file},
  };
  return t;
}

}  // namespace careatlas::fuzz
