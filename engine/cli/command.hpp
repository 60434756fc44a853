#pragma once
// One subcommand of the careatlas tool (osmium-tool style): it declares its options on
// the CLI11 app and runs its job from careatlas::app. main() only wires them together and
// maps exceptions to exit codes (main.cpp lists them).
#include <CLI/CLI.hpp>
#include <memory>
#include <vector>

namespace careatlas::cli {

class Command {
 public:
  virtual ~Command() = default;
  // Adds the subcommand and its options to `app`; returns it (to know whether it parsed).
  virtual CLI::App* add_to(CLI::App& app) = 0;
  // Runs it; returns the exit code (exceptions go to main()).
  virtual int run() = 0;
};

// Every subcommand, in the order of the help text.
std::vector<std::unique_ptr<Command>> all_commands();

std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_analyze_command();
std::unique_ptr<Command> make_map_command();
std::unique_ptr<Command> make_booklet_command();
std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_codes_command();
std::unique_ptr<Command> make_workload_command();

}  // namespace careatlas::cli
