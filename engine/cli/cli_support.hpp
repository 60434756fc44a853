#pragma once
// What the subcommands share: progress on stderr, diagnostics on stderr, the input-file
// validator, the registry of an output folder, and the printing of each job's outcome.
#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "careatlas/app/run_job.hpp"
#include "careatlas/model/diagnostic.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/project/project_file.hpp"

namespace careatlas::cli {

// Prints a step on stderr once it has run for more than a second, and its duration when
// it ends; quick steps stay silent.
class Progress {
 public:
  explicit Progress(bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void step(const std::string& s);  // "" ends the step
  std::function<void(const std::string&)> callback() {
    return [this](const std::string& s) { step(s); };
  }

 private:
  using Clock = std::chrono::steady_clock;
  void watch();
  bool quiet_;
  std::mutex m_;
  std::condition_variable cv_;
  std::thread watcher_;
  std::string step_;
  Clock::time_point start_;
  bool announced_ = false;
  bool stop_ = false;
};

// Prints diagnostics on stderr as they come: errors and warnings, at most `limit` lines
// (the full list is in import_diagnostics.csv and the registry).
class StderrSink final : public DiagnosticSink {
 public:
  StderrSink(bool verbose, std::size_t limit) : verbose_(verbose), limit_(limit) {}
  void report(Diagnostic d) override;
  std::size_t suppressed() const { return suppressed_; }

 private:
  bool verbose_;
  std::size_t limit_;
  std::size_t printed_ = 0;
  std::size_t suppressed_ = 0;
};

// CLI::ExistingFile for input files, except that a path careatlas refuses to open at all
// (a URL, a /vsi…/ path, a connection string: safe_path.hpp) passes here, to be refused
// with its reason and exit code 2 where the inputs are taken, not as "file does not exist".
extern const CLI::Validator kInputFile;

// The output folder (--out, else the project's [output] dir) and the registry in it.
std::pair<std::string, Registry> imported_registry(const project::ProjectConfig& cfg, const std::string& project_path,
                                                   std::string out);

// Each job's outcome on stdout (and its warnings on stderr), as the commands print them.
void print_import(const app::ImportOutcome& res, const StderrSink& sink);
void print_analysis(const app::AnalyzeOutcome& res, int top);
void print_maps(const app::MapOutcome& res);
void print_booklet(const app::BookletOutcome& res);
void print_note(const std::string& line);

}  // namespace careatlas::cli
