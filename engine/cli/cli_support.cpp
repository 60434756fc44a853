#include "cli_support.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/model/safe_path.hpp"

namespace careatlas::cli {

Progress::Progress(bool quiet) : quiet_(quiet) {
  if (!quiet_) watcher_ = std::thread([this] { watch(); });
}

Progress::~Progress() {
  {
    std::lock_guard lk(m_);
    stop_ = true;
  }
  cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

void Progress::step(const std::string& s) {
  if (quiet_) return;
  std::lock_guard lk(m_);
  if (s.empty()) {
    if (announced_) {
      const double secs = std::chrono::duration<double>(Clock::now() - start_).count();
      std::fprintf(stderr, "careatlas: %s: done in %.1f s\n", step_.c_str(), secs);
    }
    step_.clear();
    announced_ = false;
    return;
  }
  step_ = s;
  start_ = Clock::now();
  announced_ = false;
}

void Progress::watch() {
  std::unique_lock lk(m_);
  while (!stop_) {
    cv_.wait_for(lk, std::chrono::milliseconds(200));
    if (!step_.empty() && !announced_ && Clock::now() - start_ > std::chrono::seconds(1)) {
      std::fprintf(stderr, "careatlas: %s …\n", step_.c_str());
      announced_ = true;
    }
  }
}

void StderrSink::report(Diagnostic d) {
  if (d.severity == Severity::info && !verbose_) return;
  if (printed_ < limit_) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  else ++suppressed_;
  ++printed_;
}

const CLI::Validator kInputFile(
    [](std::string& path) { return nonlocal_path_reason(path).empty() ? CLI::ExistingFile(path) : std::string(); },
    "FILE");

std::pair<std::string, Registry> imported_registry(const project::ProjectConfig& cfg, const std::string& project_path,
                                                   std::string out) {
  if (out.empty()) out = cfg.output_dir;
  if (out.empty()) throw config_error("--out is required (the folder holding registry.gpkg)");
  const std::string registry = (std::filesystem::path(out) / "registry.gpkg").string();
  if (!std::filesystem::exists(registry))
    throw config_error(registry + " does not exist: run `careatlas import " + project_path + " --out " + out + "` first");
  return {out, read_registry(registry)};
}

void print_import(const app::ImportOutcome& res, const StderrSink& sink) {
  if (sink.suppressed() > 0)
    std::fprintf(stderr, "careatlas: %zu more diagnostics not shown (all are in %s)\n", sink.suppressed(),
                 res.diagnostics_path.c_str());
  std::cout << app::format_report_table(res.registry, res.facilities, res.located);
  std::cout << "written: " << res.registry_path << "\n         " << res.report_path << "\n         "
            << res.diagnostics_path << "\n";
}

void print_analysis(const app::AnalyzeOutcome& res, int top) {
  std::cout << "\n" << app::format_ranking(res, top) << std::flush;
  for (const auto& w : res.written) std::cout << "written: " << w << "\n";
}

void print_maps(const app::MapOutcome& res) {
  for (const FileReport& r : res.context_reports)
    std::cout << "context: " << r.file << " (" << r.format << "): " << r.rows_read << " features, " << r.imported
              << " drawn, " << r.skipped << " skipped\n";
  std::cout << std::flush;
  for (const Diagnostic& d : res.context_diagnostics) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  for (const std::string& w : res.warnings) std::fprintf(stderr, "careatlas: warning: %s\n", w.c_str());
  for (std::size_t i = 0; i < res.written.size(); ++i)
    std::cout << "written: " << res.written[i] << " (" << res.reports[i].pages << " page"
              << (res.reports[i].pages == 1 ? "" : "s") << ", " << res.reports[i].labels_placed << " labels)\n";
}

void print_booklet(const app::BookletOutcome& res) {
  const app::BookletPlan& p = res.plan;
  std::cout << "booklet: " << p.listed.size() << " entries in " << p.sections.size() << " sections";
  if (p.left_out_kind + p.left_out_filter > 0)
    std::cout << "; not listed: " << p.left_out_kind << " of kinds the booklet leaves out, " << p.left_out_filter
              << " by its filters";
  if (p.left_out_area > 0)
    std::cout << "; " << p.left_out_area << " neighbours outside the project area not listed ([booklet] neighbours = true lists them)";
  std::cout << "\n" << std::flush;
  for (const std::string& w : res.warnings) std::fprintf(stderr, "careatlas: warning: %s\n", w.c_str());
  for (const std::string& w : res.written) std::cout << "written: " << w << "\n";
  std::cout << "booklet.pdf: " << res.report.pages << " pages\n";
}

void print_note(const std::string& line) {
  std::cout << std::flush;
  std::fprintf(stderr, "careatlas: note: %s\n", line.c_str());
}

}  // namespace careatlas::cli
