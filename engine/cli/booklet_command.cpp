// careatlas booklet: the care managers' contact booklet of an imported project (into
// <out>/booklet).
#include <filesystem>

#include "careatlas/app/booklet_job.hpp"
#include "careatlas/app/run_job.hpp"
#include "cli_support.hpp"
#include "command.hpp"

namespace careatlas::cli {

namespace {

class BookletCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    CLI::App* c = app.add_subcommand(
        "booklet", "the care-manager contact booklet of an imported project (PDF + CSV) into <out>/booklet");
    c->add_option("project", project_, "project file (TOML)")->required()->check(CLI::ExistingFile);
    c->add_option("--out", out_, "folder holding registry.gpkg; the booklet goes to its booklet/ folder");
    c->add_option("--paper", paper_, "A4 or A5 (default: [booklet] paper of the project, else A4)");
    c->add_flag("--split", split_, "also one PDF per district (booklet_<district id>.pdf)");
    c->add_option("--style", style_, "style file of the maps (default: styles/default.toml)");
    c->add_option("--date", date_, "production date printed on the booklet (YYYY-MM-DD, default today)");
    c->footer("Example:\n  careatlas booklet sample_data/misaki/project.toml --out output --paper A5");
    return c;
  }

  int run() override {
    const project::ProjectConfig cfg = project::load_project(project_);
    const auto [out, reg] = imported_registry(cfg, project_, out_);
    app::BookletOptions bo;
    bo.out_dir = (std::filesystem::path(out) / "booklet").string();
    bo.paper = paper_;
    bo.style_path = style_;
    bo.production_date = date_.empty() ? app::today() : date_;
    if (split_) bo.split = 1;
    print_booklet(app::run_booklet(reg, cfg, bo));
    return 0;
  }

 private:
  std::string project_, out_, style_, paper_, date_;
  bool split_ = false;
};

}  // namespace

std::unique_ptr<Command> make_booklet_command() { return std::make_unique<BookletCommand>(); }

}  // namespace careatlas::cli
