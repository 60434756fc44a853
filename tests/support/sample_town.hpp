#pragma once
// The sample town (sample_data/misaki): its project file and its registry, imported once
// per test binary, as the app tests share them.
#include <string>

#include "careatlas/app/import_job.hpp"
#include "careatlas/model/provider_layer.hpp"
#include "careatlas/project/project_file.hpp"

namespace careatlas::testing {

// sample_data/misaki/project.toml, with the default provider layers filled in.
inline const project::ProjectConfig& sample_project() {
  static const project::ProjectConfig cfg = [] {
    project::ProjectConfig c =
        project::load_project(std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki/project.toml");
    if (c.layers.empty()) c.layers = default_provider_layers();
    return c;
  }();
  return cfg;
}

// Every input of the sample project, imported.
inline const Registry& sample_registry() {
  static const Registry reg = [] {
    app::ImportOptions opt;
    opt.inputs = sample_project().inputs;
    opt.title = sample_project().title;
    DiagnosticCollector sink;
    return app::run_import(opt, sink).registry;
  }();
  return reg;
}

}  // namespace careatlas::testing
