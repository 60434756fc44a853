#include "test_support.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "careatlas/model/config_error.hpp"
#include "careatlas/project/project_file.hpp"

#ifndef CAREATLAS_FIXTURES_DIR
#error "CAREATLAS_FIXTURES_DIR must be defined by the build"
#endif

namespace careatlas::testing {

std::string fixture(const std::string& rel) { return std::string(CAREATLAS_FIXTURES_DIR) + "/" + rel; }
std::string shared(const std::string& rel) { return std::string(CAREATLAS_SHARED_DIR) + "/" + rel; }

namespace {

// This process's scratch folder, SCRATCH/p<pid>. `ctest -j` runs the tests of one suite in
// parallel processes, and a suite that builds a shared fixture once per process (the
// booklet job's) would otherwise have several processes write the same files at once.
// Folders of processes that have ended are removed on the first call.
const std::filesystem::path& process_scratch() {
  namespace fs = std::filesystem;
  static const fs::path root = [] {
    const fs::path base(CAREATLAS_SCRATCH_DIR);
    fs::create_directories(base);
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(base, ec)) {
      const std::string n = e.path().filename().string();
      if (n.size() < 2 || n[0] != 'p' || n.find_first_not_of("0123456789", 1) != std::string::npos) continue;
      const long pid = std::stol(n.substr(1));
      if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(e.path(), ec);
    }
    return base / ("p" + std::to_string(::getpid()));
  }();
  return root;
}

}  // namespace

std::string scratch_dir(const std::string& name) {
  const auto dir = process_scratch() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

Registry import_all(const std::vector<InputSpec>& specs) {
  DiagnosticCollector sink;
  ImportSession s(sink);
  for (const auto& sp : specs) s.add(sp);
  return s.finish();
}

InputSpec spec(InputRole role, const std::string& path) {
  InputSpec s;
  s.role = role;
  s.path = path;
  return s;
}

std::vector<Diagnostic> diags_named(const Registry& reg, const std::string& name) {
  std::vector<Diagnostic> out;
  for (const auto& d : reg.diagnostics)
    if (to_string(d.code) == name) out.push_back(d);
  return out;
}

const FileReport* report_for(const Registry& reg, const std::string& suffix) {
  for (const auto& f : reg.files)
    if (f.file.size() >= suffix.size() && f.file.compare(f.file.size() - suffix.size(), suffix.size(), suffix) == 0)
      return &f;
  return nullptr;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string project_error(const std::string& dir, const std::string& body) {
  write_file(dir + "/p.toml", body);
  try {
    project::load_project(dir + "/p.toml");
  } catch (const config_error& e) {
    return e.what();
  }
  return "(no error)";
}

ContextSpec context_spec(const std::string& name, const std::string& path) {
  ContextSpec s;
  s.name = name;
  s.path = path;
  return s;
}

}  // namespace careatlas::testing

