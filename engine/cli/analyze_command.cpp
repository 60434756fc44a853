// careatlas analyze: the analysis tables of an imported project (into <out>/analysis).
#include <filesystem>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/app/project_area.hpp"
#include "cli_support.hpp"
#include "command.hpp"

namespace careatlas::cli {

namespace {

class AnalyzeCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    CLI::App* c = app.add_subcommand(
        "analyze", "coverage, 24/365 gaps, accessibility and the underserved ranking of an imported project");
    c->add_option("project", project_, "project file (TOML)")->required()->check(CLI::ExistingFile);
    c->add_option("--out", out_, "folder holding registry.gpkg; tables go to its analysis/ folder");
    c->add_flag("-q,--quiet", quiet_, "no progress messages");
    c->footer("Example:\n  careatlas analyze sample_data/misaki/project.toml --out output");
    return c;
  }

  int run() override {
    const project::ProjectConfig cfg = project::load_project(project_);
    const auto [out, reg] = imported_registry(cfg, project_, out_);
    const auto area = app::project_area_of(reg, cfg);
    app::AnalyzeOptions ao = app::analyze_options(cfg);
    ao.out_dir = (std::filesystem::path(out) / "analysis").string();
    ao.area = area.get();
    Progress progress(quiet_);
    ao.progress = progress.callback();
    print_analysis(app::run_analyze(reg, ao), cfg.analysis.top);
    return 0;
  }

 private:
  std::string project_, out_;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_analyze_command() { return std::make_unique<AnalyzeCommand>(); }

}  // namespace careatlas::cli
