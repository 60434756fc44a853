#pragma once
// Output files being written: every writer (CSV, GeoPackage, PDF/SVG/PNG, the booklet's
// staging folder) writes beside its final name and renames when complete. While it
// writes, the temporary path is registered here, so that an interrupted run (Ctrl-C,
// SIGTERM from a scheduler, a closed terminal) removes it on the way out: the folder then
// holds the previous outputs, or the complete new ones, and no partial file.
//
// The table is fixed-size and lock-free so that the signal handler only reads it and calls
// unlink/rmdir (async-signal-safe). A SIGKILL cannot be caught: it can leave a hidden
// temporary file (".<name>.tmp-<pid>", "<name>.part-<pid>"); the finished outputs are
// still intact, as renames are atomic.
#include <string>

namespace careatlas {

// Registers `path` (a file, or with directory = true a folder removed once empty) for the
// time this object lives. Paths beyond the table's capacity (2,048) are not registered: the
// writer still removes them on error, only a signal could leave them behind.
class PartialOutput {
 public:
  explicit PartialOutput(const std::string& path, bool directory = false);
  ~PartialOutput();
  PartialOutput(const PartialOutput&) = delete;
  PartialOutput& operator=(const PartialOutput&) = delete;

 private:
  int slot_ = -1;
};

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every registered path
// (files first, then folders), then end the process with that signal as the default
// action would. Called once by the CLI; idempotent.
void remove_partial_outputs_on_signals();

}  // namespace careatlas
