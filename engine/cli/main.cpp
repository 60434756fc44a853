// careatlas — command-line tool. A thin main(): parse options, fill the job's options,
// call careatlas::app, map exceptions to exit codes (osmium-tool style).
//
// Exit codes:
//   0  success (rows may have been rejected or warned about: see the report)
//   1  command-line usage error
//   2  project file or option error
//   3  an input file cannot be used (unreadable, empty, binary, unknown header, truncated),
//      or --strict and the data has defects
//   4  outputs cannot be written
//   5  internal error (a bug: please report it)
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>
#include <utility>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/app/booklet_job.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/app/import_job.hpp"
#include "careatlas/app/workload.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/partial_output.hpp"
#include "careatlas/model/safe_path.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/version.hpp"

namespace {

using namespace careatlas;

// Prints a step on stderr once it has run for more than a second, and its duration
// when it ends; quick steps stay silent.
class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet) {
    if (!quiet_) watcher_ = std::thread([this] { watch(); });
  }
  ~Progress() {
    {
      std::lock_guard lk(m_);
      stop_ = true;
    }
    cv_.notify_all();
    if (watcher_.joinable()) watcher_.join();
  }
  void step(const std::string& s) {
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

 private:
  using Clock = std::chrono::steady_clock;
  void watch() {
    std::unique_lock lk(m_);
    while (!stop_) {
      cv_.wait_for(lk, std::chrono::milliseconds(200));
      if (!step_.empty() && !announced_ && Clock::now() - start_ > std::chrono::seconds(1)) {
        std::fprintf(stderr, "careatlas: %s …\n", step_.c_str());
        announced_ = true;
      }
    }
  }
  bool quiet_;
  std::mutex m_;
  std::condition_variable cv_;
  std::thread watcher_;
  std::string step_;
  Clock::time_point start_;
  bool announced_ = false;
  bool stop_ = false;
};

// Prints diagnostics on stderr as they come: errors and warnings, at most `limit`
// lines (the full list is in import_diagnostics.csv and the registry).
class StderrSink final : public DiagnosticSink {
 public:
  StderrSink(bool verbose, std::size_t limit) : verbose_(verbose), limit_(limit) {}
  void report(Diagnostic d) override {
    if (d.severity == Severity::info && !verbose_) return;
    if (printed_ < limit_) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
    else ++suppressed_;
    ++printed_;
  }
  std::size_t suppressed() const { return suppressed_; }

 private:
  bool verbose_;
  std::size_t limit_;
  std::size_t printed_ = 0;
  std::size_t suppressed_ = 0;
};

struct ImportArgs {
  std::string project;
  std::vector<std::string> facilities, districts, population, survey;
  std::string out;
  std::string encoding = "auto";
  std::string district_level = "other";
  int year = 0;
  std::vector<int> years;
  bool strict = false;
  bool verbose = false;
  bool quiet = false;
};

std::vector<InputSpec> inputs_from(const ImportArgs& a, project::ProjectConfig* cfg) {
  std::vector<InputSpec> inputs;
  if (!a.project.empty()) {
    *cfg = project::load_project(a.project);
    inputs = cfg->inputs;
  }
  auto add = [&](const std::vector<std::string>& files, InputRole role) {
    for (const auto& f : files) {
      require_local_path(f, "--" + std::string(to_string(role)));  // a URL, /vsi…/ path, PG:… → exit 2
      InputSpec s;
      s.role = role;
      s.path = f;
      s.encoding = a.encoding;
      s.year = a.year;
      s.years = a.years;
      if (role == InputRole::districts) {
        auto lv = district_level_from_string(a.district_level);
        if (!lv) throw config_error("--district-level must be municipality, daily_life_area or other");
        s.level = *lv;
      }
      inputs.push_back(std::move(s));
    }
  };
  add(a.facilities, InputRole::facilities);
  add(a.districts, InputRole::districts);
  add(a.population, InputRole::population);
  add(a.survey, InputRole::survey);
  if (inputs.empty()) throw config_error("nothing to import: give a project file or --facilities/--districts/… files");
  return inputs;
}

// Analysis of the registry in `out`; tables go to out/analysis/.
// keep_map_data: hold on to what the maps draw (careatlas run draws maps next).
app::AnalyzeOutcome run_analyze_step(const project::ProjectConfig& cfg, const std::string& out, const Registry& reg,
                                     bool quiet, bool keep_map_data = false) {
  app::AnalyzeOptions ao;
  ao.keep_map_data = keep_map_data;
  ao.settings = cfg.analysis;
  ao.layers = cfg.layers.empty() ? default_provider_layers() : cfg.layers;
  ao.out_dir = (std::filesystem::path(out) / "analysis").string();
  Progress progress(quiet);
  ao.progress = [&progress](const std::string& s) { progress.step(s); };
  app::AnalyzeOutcome res = app::run_analyze(reg, ao);
  std::cout << "\nanalysis: " << res.districts.size() << " districts, base year " << res.base_year << ", EPSG:" << res.epsg
            << " (" << res.crs_name << ")\n";
  std::cout << "most underserved (uncovered 65+ share, night gap hours, weekend gap hours, fragile share, access):\n";
  const std::size_t top = std::min<std::size_t>(res.ranking.size(), static_cast<std::size_t>(std::max(cfg.analysis.top, 1)));
  for (std::size_t r = 0; r < top; ++r) {
    const auto& m = res.districts[res.ranking[r]];
    std::printf("  %zu. %s %s: 65+ %.0f, uncovered %.1f %%, night gap %d h, weekend gap %d h, holiday gap %d h, "
                "fragile %.1f %%, access %.2f\n",
                r + 1, m.id.c_str(), m.name.c_str(), m.pop65, 100 * m.uncovered_share, m.night_gap_hours,
                m.weekend_gap_hours, m.holiday_gap_hours, 100 * m.fragile_share, m.accessibility);
  }
  std::fflush(stdout);
  for (const auto& w : res.written) std::cout << "written: " << w << "\n";
  return res;
}

struct MapArgs {
  std::string project, out, style, district, page = "A3", format = "pdf", date, heatmap = "uncovered";
  std::vector<std::string> kinds, gap_metrics;
  bool portrait = false;
  double dpi = 150;
};

std::string today() {
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// Maps of the registry in `out`; they go to out/maps/.
// analysis: the one careatlas run just made (null: the map job runs it when needed).
int run_map_step(const project::ProjectConfig& cfg, const std::string& out, const Registry& reg, const MapArgs& a,
                 const app::AnalyzeOutcome* analysis = nullptr) {
  app::MapOptions mo;
  mo.analysis = analysis;
  if (a.kinds.empty()) {
    // Every kind; without population cells, those that draw the analysis cannot be made.
    mo.kinds.clear();
    for (const app::MapKind k : app::all_map_kinds())
      if (!reg.population.empty() || !app::needs_analysis(k)) mo.kinds.push_back(k);
    if (reg.population.empty())
      std::cout << "no population cells in the registry: coverage, gap, access and heatmap maps need them; "
                   "drawing the resource map and the atlas\n";
  }
  mo.heatmap_values = a.heatmap;
  mo.district = a.district;
  if (!a.gap_metrics.empty()) mo.gap_metrics = a.gap_metrics;
  mo.style_path = a.style;
  mo.out_dir = (std::filesystem::path(out) / "maps").string();
  const auto fmt = render::format_named(a.format);
  if (!fmt) throw config_error("--format must be pdf, svg or png, not \"" + a.format + "\"");
  mo.format = *fmt;
  if (a.page == "A3") mo.page.size = render::PaperSize::a3;
  else if (a.page == "A4") mo.page.size = render::PaperSize::a4;
  else if (a.page == "slide") mo.page.size = render::PaperSize::slide;
  else throw config_error("--page must be A3, A4 or slide, not \"" + a.page + "\"");
  mo.page.landscape = !a.portrait;
  mo.dpi = a.dpi;
  mo.production_date = a.date.empty() ? today() : a.date;
  if (!a.kinds.empty()) mo.kinds = app::parse_map_kinds(a.kinds);  // after --format and --page, as before
  project::ProjectConfig c = cfg;
  if (c.layers.empty()) c.layers = default_provider_layers();
  const app::MapOutcome res = app::run_maps(reg, c, mo);
  for (const FileReport& r : res.context_reports)
    std::cout << "context: " << r.file << " (" << r.format << "): " << r.rows_read << " features, " << r.imported
              << " drawn, " << r.skipped << " skipped\n";
  for (const Diagnostic& d : res.context_diagnostics) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  for (const std::string& w : res.warnings) std::fprintf(stderr, "careatlas: warning: %s\n", w.c_str());
  for (std::size_t i = 0; i < res.written.size(); ++i)
    std::cout << "written: " << res.written[i] << " (" << res.reports[i].pages << " page"
              << (res.reports[i].pages == 1 ? "" : "s") << ", " << res.reports[i].labels_placed << " labels)\n";
  return 0;
}

struct BookletArgs {
  std::string project, out, style, paper, date;
  bool split = false;
};

// The contact booklet of the registry in `out`; it goes to out/booklet/.
int run_booklet_step(const project::ProjectConfig& cfg, const std::string& out, const Registry& reg,
                     const BookletArgs& a) {
  app::BookletOptions bo;
  bo.out_dir = (std::filesystem::path(out) / "booklet").string();
  bo.paper = a.paper;
  bo.style_path = a.style;
  bo.production_date = a.date.empty() ? today() : a.date;
  if (a.split) bo.split = 1;
  const app::BookletOutcome res = app::run_booklet(reg, cfg, bo);
  const app::BookletPlan& p = res.plan;
  std::cout << "booklet: " << p.listed.size() << " entries in " << p.sections.size() << " sections";
  if (p.left_out_kind + p.left_out_filter > 0)
    std::cout << "; not listed: " << p.left_out_kind << " of kinds the booklet leaves out, " << p.left_out_filter
              << " by its filters";
  std::cout << "\n";
  for (const std::string& w : res.warnings) std::fprintf(stderr, "careatlas: warning: %s\n", w.c_str());
  for (const std::string& w : res.written) std::cout << "written: " << w << "\n";
  std::cout << "booklet.pdf: " << res.report.pages << " pages\n";
  return 0;
}

// The output folder (--out, else the project's [output] dir) and the registry in it.
std::pair<std::string, Registry> imported(const project::ProjectConfig& cfg, const std::string& project_path,
                                          std::string out) {
  if (out.empty()) out = cfg.output_dir;
  if (out.empty()) throw config_error("--out is required (the folder holding registry.gpkg)");
  const std::string registry = (std::filesystem::path(out) / "registry.gpkg").string();
  if (!std::filesystem::exists(registry))
    throw config_error(registry + " does not exist: run `careatlas import " + project_path + " --out " + out + "` first");
  return {out, read_registry(registry)};
}

int booklet_command(const BookletArgs& a) {
  const project::ProjectConfig cfg = project::load_project(a.project);
  const auto [out, reg] = imported(cfg, a.project, a.out);
  return run_booklet_step(cfg, out, reg, a);
}

int map_command(const MapArgs& a) {
  const project::ProjectConfig cfg = project::load_project(a.project);
  const auto [out, reg] = imported(cfg, a.project, a.out);
  return run_map_step(cfg, out, reg, a);
}

int analyze_command(const std::string& project_path, const std::string& out_option, bool quiet) {
  const project::ProjectConfig cfg = project::load_project(project_path);
  const auto [out, reg] = imported(cfg, project_path, out_option);
  run_analyze_step(cfg, out, reg, quiet);
  return 0;
}

int run_import_command(const ImportArgs& a, bool main_job) {
  project::ProjectConfig cfg;
  app::ImportOptions opt;
  opt.inputs = inputs_from(a, &cfg);
  opt.out = a.out.empty() ? cfg.output_dir : a.out;
  if (opt.out.empty()) throw config_error("--out is required (a folder, or a .gpkg path for the registry)");
  if (main_job && opt.out.ends_with(".gpkg")) throw config_error("run writes a folder of outputs: give --out a folder");
  opt.title = cfg.title;
  opt.strict = a.strict;
  // `import` streams the facilities into the registry (memory does not grow with the
  // rows); `run` keeps them in memory for the analysis, maps and booklet that follow.
  opt.stream = !main_job;
  Progress progress(a.quiet);
  opt.progress = [&progress](const std::string& s) { progress.step(s); };
  StderrSink sink(a.verbose, a.verbose ? SIZE_MAX : 50);
  app::ImportOutcome res = app::run_import(opt, sink);
  if (sink.suppressed() > 0)
    std::fprintf(stderr, "careatlas: %zu more diagnostics not shown (all are in %s)\n", sink.suppressed(),
                 res.diagnostics_path.c_str());
  std::cout << app::format_report_table(res.registry, res.facilities, res.located);
  std::cout << "written: " << res.registry_path << "\n         " << res.report_path << "\n         "
            << res.diagnostics_path << "\n";
  if (!main_job) return 0;
  const app::AnalyzeOutcome analysis = run_analyze_step(cfg, opt.out, res.registry, a.quiet, true);
  MapArgs maps;
  maps.project = a.project;
  run_map_step(cfg, opt.out, res.registry, maps, &analysis);
  BookletArgs booklet;
  booklet.project = a.project;
  return run_booklet_step(cfg, opt.out, res.registry, booklet);
}

int info_command(const std::string& path) {
  require_local_path(path, "registry");  // exit 2, as for any input path
  Registry r;
  try {
    r = read_registry(path);
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "careatlas: %s\n", e.what());
    return 3;
  }
  std::cout << "registry " << path << " — " << (r.title.empty() ? "(untitled)" : r.title) << "\n"
            << "imported " << r.import_time << " by careatlas " << r.careatlas_version << "\n"
            << app::format_report_table(r);
  for (const auto& s : r.sources)
    if (!s.attribution.empty()) std::cout << s.attribution << (s.edition.empty() ? "" : " (" + s.edition + ")") << "\n";
  return 0;
}

int codes_command() {
  for (const auto& i : diag_table())
    std::printf("%3d  %-26s %-8s %s\n%40s%s\n", static_cast<int>(i.code), std::string(i.name).c_str(),
                std::string(to_string(i.severity)).c_str(), std::string(i.summary).c_str(), "",
                std::string(i.summary_ja).c_str());
  return 0;
}

// CLI::ExistingFile for input files, except that a path careatlas refuses to open at all
// (a URL, a /vsi…/ path, a connection string: safe_path.hpp) passes here, to be refused
// with its reason and exit code 2 where the inputs are taken, not as "file does not exist".
const CLI::Validator kInputFile(
    [](std::string& path) { return nonlocal_path_reason(path).empty() ? CLI::ExistingFile(path) : std::string(); },
    "FILE");

void add_import_options(CLI::App* c, ImportArgs& a) {
  c->add_option("--facilities", a.facilities, "facility file (介護サービス情報公表 CSV, 医療情報ネット CSV, careatlas CSV, point layer); repeatable")
      ->check(kInputFile);
  c->add_option("--districts", a.districts, "district polygons (N03 GeoJSON/Shapefile, any polygon layer); repeatable")
      ->check(kInputFile);
  c->add_option("--population", a.population, "population by mesh (e-Stat .txt, 将来推計 mesh, mesh CSV); repeatable")
      ->check(kInputFile);
  c->add_option("--survey", a.survey, "medical-association survey sheet (CSV); repeatable")->check(kInputFile);
  c->add_option("--encoding", a.encoding, "text encoding of the files given here: auto, utf-8 or cp932")
      ->default_str("auto");
  c->add_option("--year", a.year, "census year of --population files (e-Stat, mesh CSV)");
  c->add_option("--years", a.years, "projection years to take from 将来推計 mesh files, e.g. --years 2020 2040 (default: all)");
  c->add_option("--district-level", a.district_level, "level of --districts files: municipality, daily_life_area, other");
  c->add_flag("--strict", a.strict, "fail (exit 3, nothing written) when any row is rejected or warned about");
  c->add_flag("-v,--verbose", a.verbose, "print every diagnostic, notes included");
  c->add_flag("-q,--quiet", a.quiet, "no progress messages");
}

}  // namespace

int main(int argc, char** argv) {
  // Ctrl-C or a SIGTERM mid-run removes the files being written; finished outputs stay.
  remove_partial_outputs_on_signals();
  CLI::App app{"careatlas " + std::string(kVersion) +
               " — maps of home-medical-care and long-term-care resources for Japanese municipalities"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  careatlas run sample_data/misaki/project.toml --out output\n"
      "  careatlas import sample_data/misaki/project.toml --out output\n"
      "  careatlas import --facilities jigyosho_430.csv --districts N03-21_39_210101.json --out k.gpkg\n"
      "  careatlas info output/registry.gpkg\n"
      "Exit codes: 0 ok, 1 usage, 2 project/option error, 3 unusable input or --strict defects,\n"
      "            4 outputs cannot be written, 5 internal error.");

  ImportArgs imp;
  CLI::App* c_import = app.add_subcommand("import", "import data files into a registry (GeoPackage) with a report");
  c_import->add_option("project", imp.project, "project file (TOML); optional when files are given")
      ->check(CLI::ExistingFile);
  c_import->add_option("--out", imp.out, "output folder, or a .gpkg path for the registry (reports go beside it)");
  add_import_options(c_import, imp);
  c_import->footer(
      "Examples:\n"
      "  careatlas import project.toml --out output\n"
      "  careatlas import --facilities jigyosho_430.csv --facilities 02-1_clinic_facility_info_20260401.csv \\\n"
      "                   --facilities 02-2_clinic_speciality_hours_20260401.csv --survey survey.csv \\\n"
      "                   --districts N03-21_39_210101.json --population tblT001141H5237.txt --year 2020 \\\n"
      "                   --out registry.gpkg");

  ImportArgs run;
  CLI::App* c_run = app.add_subcommand("run", "the main job: import, analyse and map a project and print its contact booklet, every output into one folder");
  c_run->add_option("project", run.project, "project file (TOML)")->required()->check(CLI::ExistingFile);
  c_run->add_option("--out", run.out, "output folder (default: [output] dir of the project file)");
  c_run->add_flag("--strict", run.strict, "fail when any row is rejected or warned about");
  c_run->add_flag("-v,--verbose", run.verbose, "print every diagnostic");
  c_run->add_flag("-q,--quiet", run.quiet, "no progress messages");
  c_run->footer("Example:\n  careatlas run sample_data/misaki/project.toml --out output");

  std::string analyze_project, analyze_out;
  bool analyze_quiet = false;
  CLI::App* c_analyze = app.add_subcommand(
      "analyze", "coverage, 24/365 gaps, accessibility and the underserved ranking of an imported project");
  c_analyze->add_option("project", analyze_project, "project file (TOML)")->required()->check(CLI::ExistingFile);
  c_analyze->add_option("--out", analyze_out, "folder holding registry.gpkg; tables go to its analysis/ folder");
  c_analyze->add_flag("-q,--quiet", analyze_quiet, "no progress messages");
  c_analyze->footer("Example:\n  careatlas analyze sample_data/misaki/project.toml --out output");

  MapArgs map_args;
  CLI::App* c_map = app.add_subcommand("map", "printable maps of an imported project (PDF, SVG or PNG) into <out>/maps");
  c_map->add_option("project", map_args.project, "project file (TOML)")->required()->check(CLI::ExistingFile);
  c_map->add_option("--out", map_args.out, "folder holding registry.gpkg; maps go to its maps/ folder");
  c_map->add_option("--kind", map_args.kinds,
                    "resource, coverage, gap, access, atlas or heatmap (repeatable; default: all)");
  c_map->add_option("--district", map_args.district, "atlas: only this district id");
  c_map->add_option("--metric", map_args.gap_metrics,
                    "gap map metric (repeatable; default uncovered_share and night_gap_hours): uncovered_share, night_gap_hours, weekend_gap_hours, holiday_gap_hours, "
                    "fragile_share, accessibility");
  c_map->add_option("--style", map_args.style, "style file (default: styles/default.toml)");
  c_map->add_option("--format", map_args.format, "pdf, svg or png (the atlas is always PDF)");
  c_map->add_option("--page", map_args.page, "A3, A4 or slide (16:9)");
  c_map->add_option("--heatmap", map_args.heatmap,
                    "heatmap values: uncovered (no open provider reaches them, default) or fragile (only one does)");
  c_map->add_flag("--portrait", map_args.portrait, "portrait instead of landscape");
  c_map->add_option("--dpi", map_args.dpi, "PNG resolution")->check(CLI::Range(10.0, 1200.0));
  c_map->add_option("--date", map_args.date, "production date printed in the footer (YYYY-MM-DD, default today)");
  c_map->footer("Example:\n  careatlas map sample_data/misaki/project.toml --out output --kind resource --format png");

  BookletArgs booklet_args;
  CLI::App* c_booklet = app.add_subcommand(
      "booklet", "the care-manager contact booklet of an imported project (PDF + CSV) into <out>/booklet");
  c_booklet->add_option("project", booklet_args.project, "project file (TOML)")->required()->check(CLI::ExistingFile);
  c_booklet->add_option("--out", booklet_args.out, "folder holding registry.gpkg; the booklet goes to its booklet/ folder");
  c_booklet->add_option("--paper", booklet_args.paper, "A4 or A5 (default: [booklet] paper of the project, else A4)");
  c_booklet->add_flag("--split", booklet_args.split, "also one PDF per district (booklet_<district id>.pdf)");
  c_booklet->add_option("--style", booklet_args.style, "style file of the maps (default: styles/default.toml)");
  c_booklet->add_option("--date", booklet_args.date, "production date printed on the booklet (YYYY-MM-DD, default today)");
  c_booklet->footer("Example:\n  careatlas booklet sample_data/misaki/project.toml --out output --paper A5");

  std::string info_path;
  CLI::App* c_info = app.add_subcommand("info", "summarise a registry: counts, import report, sources");
  c_info->add_option("registry", info_path, "registry .gpkg")->required()->check(kInputFile);

  CLI::App* c_codes = app.add_subcommand("codes", "list every diagnostic code with its severity and meaning");

  app::WorkloadOptions wl;
  bool wl_timings = false;
  CLI::App* c_wl = app.add_subcommand(
      "workload", "the benchmark contract (../shared/bench/WORKLOAD.md): world dir → coverage.csv, gaps.csv, access.csv");
  c_wl->add_option("world", wl.world_dir, "world directory (gen_world.py output)")->required()->check(CLI::ExistingDirectory);
  c_wl->add_option("out", wl.out_dir, "output directory")->required();
  c_wl->add_option("--radius-clinic-hv", wl.radius_clinic_hv, "radius of layer clinic_hv, metres")->default_val(16000);
  c_wl->add_option("--radius-home-nursing", wl.radius_home_nursing, "radius of layer home_nursing, metres")->default_val(10000);
  c_wl->add_option("--e2sfca-d0", wl.e2sfca_d0, "E2SFCA catchment, metres")->default_val(16000);
  c_wl->add_option("--threads", wl.threads, "worker threads (0 = all cores)")->default_val(0);
  c_wl->add_flag("--timings", wl_timings, "print the time of each stage on stderr");
  c_wl->footer("Example:\n  careatlas workload /tmp/bench_work/worlds/city /tmp/out --radius-clinic-hv 2000 --radius-home-nursing 1500 --e2sfca-d0 3000");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  try {
    if (c_import->parsed()) return run_import_command(imp, false);
    if (c_run->parsed()) return run_import_command(run, true);
    if (c_info->parsed()) return info_command(info_path);
    if (c_analyze->parsed()) return analyze_command(analyze_project, analyze_out, analyze_quiet);
    if (c_map->parsed()) return map_command(map_args);
    if (c_booklet->parsed()) return booklet_command(booklet_args);
    if (c_codes->parsed()) return codes_command();
    if (c_wl->parsed()) {
      wl.free_memory = false;  // the process ends next
      const app::WorkloadTimings t = app::run_workload(wl);
      if (wl_timings) {
        std::fprintf(stderr, "careatlas workload: read %.3f s, prepare %.3f s, analysis %.3f s, write %.3f s\n", t.read_s,
                     t.prepare_s, t.analysis_s, t.write_s);
        std::fprintf(stderr, "  read districts %.3f s | facilities %.3f s | population %.3f s (two threads)\n",
                     t.read_districts_s, t.read_facilities_s, t.read_population_s);
        for (const auto& [what, s] : t.analysis_steps) std::fprintf(stderr, "  %-34s %.3f s\n", what.c_str(), s);
      }
      return 0;
    }
  } catch (const import_error& e) {
    std::fprintf(stderr, "careatlas: %s\ncareatlas: import stopped; no registry was written\n", e.what());
    return 3;
  } catch (const app::strict_failure& e) {
    std::fprintf(stderr, "careatlas: %s\n", e.what());
    return 3;
  } catch (const config_error& e) {
    std::fprintf(stderr, "careatlas: %s\n", e.what());
    return 2;
  } catch (const std::filesystem::filesystem_error& e) {
    std::fprintf(stderr, "careatlas: cannot write outputs: %s\n", e.what());
    return 4;
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "careatlas: %s\n", e.what());
    return 4;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "careatlas: internal error: %s (please report this)\n", e.what());
    return 5;
  }
  return 1;
}
