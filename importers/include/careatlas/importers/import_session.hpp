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
//
// Streaming (careatlas import): given a RegistryWriter, the session hands it the
// facilities as it reads them, `batch` at a time, and keeps no more than one batch in
// memory; the joins of finish() read back and update the facilities they join in the
// writer. The registry finish() returns then has no facilities: they are all in the
// writer, in the same order and with the same content as an in-memory session gives.
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "careatlas/model/input_spec.hpp"
#include "careatlas/model/registry.hpp"

namespace careatlas {

class RegistryWriter;  // registry_store.hpp
class AreaFilter;      // careatlas/model/project_area.hpp
class FacilityLocator;  // careatlas/model/facility_locator.hpp
class FileContext;     // importers/src/session_state.hpp
enum class InputFormat;  // importers/src/input_format.hpp

class ImportSession {
 public:
  explicit ImportSession(DiagnosticSink& sink, RegistryWriter* stream_to = nullptr, std::size_t batch = 4096);
  ~ImportSession();
  ImportSession(const ImportSession&) = delete;
  ImportSession& operator=(const ImportSession&) = delete;

  void add(const InputSpec& spec);
  // The inputs of a job, in their order: their reports (and diagnostics) come in this
  // order whatever order add_planned() reads them in.
  void plan(const std::vector<InputSpec>& specs);
  // Reads input `i` of those planned (its index among every input planned so far).
  void add_planned(std::size_t i);
  // A project cut from a larger download: from now on rows outside `area` (its reach
  // included) are skipped — counted as skipped, with one outside_project_area note per
  // file — and so, at finish(), are the districts it leaves out. Facilities skipped take
  // their 時間票 and survey rows with them. Null: every row is kept. Not owned.
  void restrict_to(const AreaFilter* area);
  // From now on every facility is located by `locator` as it is imported — before the
  // area decides whether to keep it, so that a facility placed by its address is kept or
  // skipped by that place. Null: published points only. Not owned.
  void locate_with(const FacilityLocator* locator);
  // The districts read so far (the polygons an area is built from).
  const std::vector<District>& districts() const;
  // The 位置参照情報 tables read so far (what a locator is built from).
  const std::vector<AddressTable>& addresses() const;
  Registry finish();
  // Facilities imported, and of them located (streaming or not).
  std::size_t facility_count() const;
  std::size_t located_count() const;
  // The most facilities held in memory at once (every one, unless streaming).
  std::size_t peak_facilities_in_memory() const;

  struct State;  // shared with the per-format readers (importers/src)

 private:
  void read(const InputSpec& spec, std::size_t slot);
  void read_text(FileContext& ctx, const InputSpec& spec, std::optional<InputFormat> format);
  std::unique_ptr<State> state_;
};

}  // namespace careatlas
