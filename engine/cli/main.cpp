// careatlas — command-line tool. A thin main(): every subcommand is a Command of its own
// file (command.hpp); main() declares them, runs the one given and maps exceptions to
// exit codes (osmium-tool style).
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
#include <cstdio>
#include <filesystem>

#include "careatlas/app/import_job.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/model/partial_output.hpp"
#include "careatlas/version.hpp"
#include "command.hpp"

namespace careatlas::cli {

std::vector<std::unique_ptr<Command>> all_commands() {
  std::vector<std::unique_ptr<Command>> c;
  c.push_back(make_import_command());
  c.push_back(make_run_command());
  c.push_back(make_analyze_command());
  c.push_back(make_map_command());
  c.push_back(make_booklet_command());
  c.push_back(make_info_command());
  c.push_back(make_codes_command());
  c.push_back(make_workload_command());
  return c;
}

namespace {

// Runs `command`, turning what it throws into an exit code and a message on stderr.
int run_mapping_errors(Command& command) {
  try {
    return command.run();
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
}

}  // namespace

}  // namespace careatlas::cli

int main(int argc, char** argv) {
  using namespace careatlas;
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
  auto commands = cli::all_commands();
  std::vector<CLI::App*> subcommands;
  for (auto& c : commands) subcommands.push_back(c->add_to(app));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  for (std::size_t i = 0; i < commands.size(); ++i)
    if (subcommands[i]->parsed()) return cli::run_mapping_errors(*commands[i]);
  return 1;
}
