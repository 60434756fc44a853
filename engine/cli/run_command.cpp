// careatlas run: the main job (app::run_project) — import, analyse, map and print the
// booklet of a project into one folder, printing each part as it is done.
#include "careatlas/app/run_job.hpp"
#include "cli_support.hpp"
#include "command.hpp"

namespace careatlas::cli {

namespace {

// Prints each step of the run as it finishes.
class Printer final : public app::RunObserver {
 public:
  Printer(const StderrSink& sink, int top) : sink_(sink), top_(top) {}
  void imported(const app::ImportOutcome& r) override { print_import(r, sink_); }
  void analysed(const app::AnalyzeOutcome& r) override { print_analysis(r, top_); }
  void mapped(const app::MapOutcome& r) override { print_maps(r); }
  void booklet_printed(const app::BookletOutcome& r) override { print_booklet(r); }
  void note(const std::string& line) override { print_note(line); }

 private:
  const StderrSink& sink_;
  int top_;
};

class RunCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    CLI::App* c = app.add_subcommand(
        "run", "the main job: import, analyse and map a project and print its contact booklet, every output into one folder");
    c->add_option("project", project_, "project file (TOML)")->required()->check(CLI::ExistingFile);
    c->add_option("--out", out_, "output folder (default: [output] dir of the project file)");
    c->add_option("--date", date_, "production date printed on maps and booklet (YYYY-MM-DD, default today)");
    c->add_flag("--strict", strict_, "fail when any row is rejected or warned about");
    c->add_flag("-v,--verbose", verbose_, "print every diagnostic");
    c->add_flag("-q,--quiet", quiet_, "no progress messages");
    c->footer("Example:\n  careatlas run sample_data/misaki/project.toml --out output");
    return c;
  }

  int run() override {
    const project::ProjectConfig cfg = project::load_project(project_);
    StderrSink sink(verbose_, verbose_ ? SIZE_MAX : 50);
    Printer printer(sink, cfg.analysis.top);
    Progress progress(quiet_);
    app::RunOptions opt;
    opt.out = out_;
    opt.strict = strict_;
    opt.production_date = date_;
    opt.progress = progress.callback();
    opt.observer = &printer;
    app::run_project(cfg, opt, sink);
    return 0;
  }

 private:
  std::string project_, out_, date_;
  bool strict_ = false, verbose_ = false, quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace careatlas::cli
