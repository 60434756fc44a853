// careatlas info (a registry's counts, report and sources) and careatlas codes (every
// diagnostic code): the two commands that only read and print.
#include <cstdio>
#include <iostream>
#include <set>

#include "careatlas/app/import_job.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/safe_path.hpp"
#include "cli_support.hpp"
#include "command.hpp"

namespace careatlas::cli {

namespace {

class InfoCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    CLI::App* c = app.add_subcommand("info", "summarise a registry: counts, import report, sources");
    c->add_option("registry", path_, "registry .gpkg")->required()->check(kInputFile);
    return c;
  }

  int run() override {
    require_local_path(path_, "registry");  // exit 2, as for any input path
    Registry r;
    try {
      r = read_registry(path_);
    } catch (const std::runtime_error& e) {
      std::fprintf(stderr, "careatlas: %s\n", e.what());
      return 3;
    }
    std::cout << "registry " << path_ << " — " << (r.title.empty() ? "(untitled)" : r.title) << "\n"
              << "imported " << r.import_time << " by careatlas " << r.careatlas_version << "\n"
              << app::format_report_table(r);
    std::set<std::string> printed;  // two files of one source (e.g. 位置参照情報 levels): one line
    for (const auto& s : r.sources) {
      const std::string line = s.attribution + (s.edition.empty() ? "" : " (" + s.edition + ")");
      if (!s.attribution.empty() && printed.insert(line).second) std::cout << line << "\n";
    }
    return 0;
  }

 private:
  std::string path_;
};

class CodesCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    return app.add_subcommand("codes", "list every diagnostic code with its severity and meaning");
  }

  int run() override {
    for (const auto& i : diag_table())
      std::printf("%3d  %-26s %-8s %s\n%40s%s\n", static_cast<int>(i.code), std::string(i.name).c_str(),
                  std::string(to_string(i.severity)).c_str(), std::string(i.summary).c_str(), "",
                  std::string(i.summary_ja).c_str());
    return 0;
  }
};

}  // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }
std::unique_ptr<Command> make_codes_command() { return std::make_unique<CodesCommand>(); }

}  // namespace careatlas::cli
