#pragma once
// ImportSession: the importers' one entry point.
//
//   ImportSession s(sink);
//   s.add(spec);            // once per input file, in any order
//   Registry r = s.finish();
//
// add() reads one file in the layout it detects (or is told) and streams its rows into
// the session; file-level failures throw import_error (config_error for a path that is not a
// plain local file: safe_path.hpp). finish() joins what needed every
// file first — 医療情報ネット hours to their facilities, survey rows to facilities (by ID,
// then by name + address) — and returns the registry with one FileReport per file whose
// counts add up (rows read = imported + rejected + skipped).
#include <memory>

#include "careatlas/model/input_spec.hpp"
#include "careatlas/model/registry.hpp"

namespace careatlas {

class ImportSession {
 public:
  explicit ImportSession(DiagnosticSink& sink);
  ~ImportSession();
  ImportSession(const ImportSession&) = delete;
  ImportSession& operator=(const ImportSession&) = delete;

  void add(const InputSpec& spec);
  Registry finish();

  struct State;  // shared with the per-format readers (importers/src)

 private:
  std::unique_ptr<State> state_;
};

}  // namespace careatlas
