#pragma once
// Helpers shared by the unit tests: fixture paths and one-call imports.
#include <string>

#include "careatlas/model/context_layer.hpp"
#include <vector>

#include "careatlas/importers/import_session.hpp"
#include "careatlas/model/registry.hpp"

namespace careatlas::testing {

// tests/fixtures/<rel>
std::string fixture(const std::string& rel);
// ../shared/<rel> (read-only real data and the benchmark generator)
std::string shared(const std::string& rel);
// A fresh empty directory under the build tree for this test's outputs.
// A fresh, empty folder for a test: build/tests/scratch/p<pid>/<name> (one folder per test
// process, so that ctest -j never has two processes writing the same files).
std::string scratch_dir(const std::string& name);

// Imports the given inputs in one session and returns the registry (its diagnostics
// are in reg.diagnostics). Throws what ImportSession throws.
Registry import_all(const std::vector<InputSpec>& specs);
InputSpec spec(InputRole role, const std::string& path);

// Diagnostics of one code (by stable name) in a registry.
std::vector<Diagnostic> diags_named(const Registry& reg, const std::string& name);
const FileReport* report_for(const Registry& reg, const std::string& path_suffix);

// Writes bytes to a file (for CP932 / broken-input cases built in the test).
void write_file(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);

// The config_error message project::load_project gives for a project file holding
// `body` (written as dir/p.toml), or "(no error)" when it loads.
std::string project_error(const std::string& dir, const std::string& body);

// A [[context]] entry of a name and a path, every other key left at its default.
ContextSpec context_spec(const std::string& name, const std::string& path);

}  // namespace careatlas::testing
