// careatlas import: data files (a project file's, or those named on the command line)
// into a registry with its reports, streamed (memory does not grow with the rows).
#include <iostream>

#include "careatlas/app/import_job.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/model/safe_path.hpp"
#include "cli_support.hpp"
#include "command.hpp"

namespace careatlas::cli {

namespace {

class ImportCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    CLI::App* c = app.add_subcommand("import", "import data files into a registry (GeoPackage) with a report");
    c->add_option("project", project_, "project file (TOML); optional when files are given")->check(CLI::ExistingFile);
    c->add_option("--out", out_, "output folder, or a .gpkg path for the registry (reports go beside it)");
    c->add_option("--facilities", facilities_, "facility file (介護サービス情報公表 CSV, 医療情報ネット CSV, careatlas CSV, point layer); repeatable")
        ->check(kInputFile);
    c->add_option("--districts", districts_, "district polygons (N03 GeoJSON/Shapefile, any polygon layer); repeatable")
        ->check(kInputFile);
    c->add_option("--population", population_, "population by mesh (e-Stat .txt, 将来推計 mesh, mesh CSV); repeatable")
        ->check(kInputFile);
    c->add_option("--survey", survey_, "medical-association survey sheet (CSV); repeatable")->check(kInputFile);
    c->add_option("--addresses", addresses_,
                  "国土交通省 位置参照情報 CSV (大字・町丁目 or 街区, as downloaded): locates facilities without "
                  "coordinates and checks the others; repeatable")
        ->check(kInputFile);
    c->add_option("--network", network_,
                  "OpenStreetMap road network (.osm.pbf, .osm or Overpass JSON) for drive-time reach")
        ->check(kInputFile);
    c->add_option("--encoding", encoding_, "text encoding of the files given here: auto, utf-8 or cp932")
        ->default_str("auto");
    c->add_option("--year", year_, "census year of --population files (e-Stat, mesh CSV)");
    c->add_option("--years", years_, "projection years to take from 将来推計 mesh files, e.g. --years 2020 2040 (default: all)");
    c->add_option("--district-level", district_level_, "level of --districts files: municipality, daily_life_area, other");
    c->add_flag("--strict", strict_, "fail (exit 3, nothing written) when any row is rejected or warned about");
    c->add_flag("-v,--verbose", verbose_, "print every diagnostic, notes included");
    c->add_flag("-q,--quiet", quiet_, "no progress messages");
    c->footer(
        "Examples:\n"
        "  careatlas import project.toml --out output\n"
        "  careatlas import --facilities jigyosho_430.csv --facilities 02-1_clinic_facility_info_20260401.csv \\\n"
        "                   --facilities 02-2_clinic_speciality_hours_20260401.csv --survey survey.csv \\\n"
        "                   --districts N03-21_39_210101.json --population tblT001141H5237.txt --year 2020 \\\n"
        "                   --out registry.gpkg");
    return c;
  }

  int run() override {
    project::ProjectConfig cfg;
    app::ImportOptions opt;
    opt.inputs = inputs(&cfg);
    opt.out = out_.empty() ? cfg.output_dir : out_;
    if (opt.out.empty()) throw config_error("--out is required (a folder, or a .gpkg path for the registry)");
    opt.title = cfg.title;
    opt.area = cfg.area;
    opt.reach_margin_m = cfg.reach_margin_m;
    opt.locate = app::locate_policy(cfg.locate);
    opt.strict = strict_;
    opt.stream = true;  // memory does not grow with the rows
    Progress progress(quiet_);
    opt.progress = progress.callback();
    StderrSink sink(verbose_, verbose_ ? SIZE_MAX : 50);
    const app::ImportOutcome res = app::run_import(opt, sink);
    for (const std::string& n : res.notes) print_note(n);
    print_import(res, sink);
    return 0;
  }

 private:
  // The project file's inputs, then those named on the command line.
  std::vector<InputSpec> inputs(project::ProjectConfig* cfg) const {
    std::vector<InputSpec> in;
    if (!project_.empty()) {
      *cfg = project::load_project(project_);
      in = cfg->inputs;
    }
    auto add = [&](const std::vector<std::string>& files, InputRole role) {
      for (const auto& f : files) {
        require_local_path(f, "--" + std::string(to_string(role)));  // a URL, /vsi…/ path, PG:… → exit 2
        InputSpec s;
        s.role = role;
        s.path = f;
        s.encoding = encoding_;
        s.year = year_;
        s.years = years_;
        if (role == InputRole::districts) {
          auto lv = district_level_from_string(district_level_);
          if (!lv) throw config_error("--district-level must be municipality, daily_life_area or other");
          s.level = *lv;
        }
        in.push_back(std::move(s));
      }
    };
    add(facilities_, InputRole::facilities);
    add(districts_, InputRole::districts);
    add(population_, InputRole::population);
    add(survey_, InputRole::survey);
    add(addresses_, InputRole::addresses);
    if (!network_.empty()) add({network_}, InputRole::network);
    if (in.empty()) throw config_error("nothing to import: give a project file or --facilities/--districts/… files");
    return in;
  }

  std::string project_, out_, encoding_ = "auto", district_level_ = "other", network_;
  std::vector<std::string> facilities_, districts_, population_, survey_, addresses_;
  int year_ = 0;
  std::vector<int> years_;
  bool strict_ = false, verbose_ = false, quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_import_command() { return std::make_unique<ImportCommand>(); }

}  // namespace careatlas::cli
