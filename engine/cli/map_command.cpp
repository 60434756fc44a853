// careatlas map: printable maps of an imported project (into <out>/maps).
#include <filesystem>
#include <iostream>

#include "careatlas/app/map_job.hpp"
#include "careatlas/app/run_job.hpp"
#include "careatlas/model/config_error.hpp"
#include "cli_support.hpp"
#include "command.hpp"

namespace careatlas::cli {

namespace {

class MapCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    CLI::App* c = app.add_subcommand("map", "printable maps of an imported project (PDF, SVG or PNG) into <out>/maps");
    c->add_option("project", project_, "project file (TOML)")->required()->check(CLI::ExistingFile);
    c->add_option("--out", out_, "folder holding registry.gpkg; maps go to its maps/ folder");
    c->add_option("--kind", kinds_, "resource, coverage, gap, access, atlas or heatmap (repeatable; default: all)");
    c->add_option("--district", district_, "atlas: only this district id");
    c->add_option("--metric", gap_metrics_,
                  "gap map metric (repeatable; default uncovered_share and night_gap_hours): uncovered_share, "
                  "night_gap_hours, weekend_gap_hours, holiday_gap_hours, fragile_share, accessibility");
    c->add_option("--style", style_, "style file (default: styles/default.toml)");
    c->add_option("--format", format_, "pdf, svg or png (the atlas is always PDF)");
    c->add_option("--page", page_, "A3, A4 or slide (16:9)");
    c->add_option("--heatmap", heatmap_,
                  "heatmap values: uncovered (no open provider reaches them, default) or fragile (only one does)");
    c->add_flag("--portrait", portrait_, "portrait instead of landscape");
    c->add_option("--dpi", dpi_, "PNG resolution")->check(CLI::Range(10.0, 1200.0));
    c->add_option("--date", date_, "production date printed in the footer (YYYY-MM-DD, default today)");
    c->footer("Example:\n  careatlas map sample_data/misaki/project.toml --out output --kind resource --format png");
    return c;
  }

  int run() override {
    const project::ProjectConfig cfg = project::load_project(project_);
    const auto [out, reg] = imported_registry(cfg, project_, out_);
    app::MapOptions mo = options(reg);
    mo.out_dir = (std::filesystem::path(out) / "maps").string();
    project::ProjectConfig c = cfg;
    if (c.layers.empty()) c.layers = default_provider_layers();
    print_maps(app::run_maps(reg, c, mo));
    return 0;
  }

 private:
  app::MapOptions options(const Registry& reg) const {
    app::MapOptions mo;
    if (kinds_.empty()) {
      // Every kind; without population cells, those that draw the analysis cannot be made.
      mo.kinds.clear();
      for (const app::MapKind k : app::all_map_kinds())
        if (!reg.population.empty() || !app::needs_analysis(k)) mo.kinds.push_back(k);
      if (reg.population.empty())
        print_note("no population cells in the registry: coverage, gap, access and heatmap maps need them; "
                   "drawing the resource map and the atlas");
    }
    mo.heatmap_values = heatmap_;
    mo.district = district_;
    if (!gap_metrics_.empty()) mo.gap_metrics = gap_metrics_;
    mo.style_path = style_;
    const auto fmt = render::format_named(format_);
    if (!fmt) throw config_error("--format must be pdf, svg or png, not \"" + format_ + "\"");
    mo.format = *fmt;
    const auto size = render::paper_size_named(page_);
    if (!size) throw config_error("--page must be A3, A4 or slide, not \"" + page_ + "\"");
    mo.page.size = *size;
    mo.page.landscape = !portrait_;
    mo.dpi = dpi_;
    mo.production_date = date_.empty() ? app::today() : date_;
    if (!kinds_.empty()) mo.kinds = app::parse_map_kinds(kinds_);  // after --format and --page, as before
    return mo;
  }

  std::string project_, out_, style_, district_, page_ = "A3", format_ = "pdf", date_, heatmap_ = "uncovered";
  std::vector<std::string> kinds_, gap_metrics_;
  bool portrait_ = false;
  double dpi_ = 150;
};

}  // namespace

std::unique_ptr<Command> make_map_command() { return std::make_unique<MapCommand>(); }

}  // namespace careatlas::cli
