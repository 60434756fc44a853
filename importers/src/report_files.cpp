// The import report CSVs and the atomic file writer (no GDAL: see registry_store.hpp).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "careatlas/importers/csv.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/partial_output.hpp"

namespace careatlas {

namespace fs = std::filesystem;

namespace {

std::string temp_name_for(const std::string& path) {
  const fs::path p(path);
  return (p.parent_path() / ("." + p.filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
}

}  // namespace

std::string import_report_csv(const Registry& reg) {
  csv::Writer w;
  w.row({"file", "role", "format", "encoding", "rows_read", "imported", "rejected", "skipped", "warnings",
         "located_published", "located_block", "located_chome", "located_oaza", "located_municipality", "unlocated",
         "address_checked", "location_suspect", "location_replaced"});
  for (const FileReport& r : reg.files) {
    const LocationCounts& c = r.locations;
    const auto n = [](std::int64_t v) { return std::to_string(v); };
    w.row({r.file, r.role, r.format, r.encoding, n(r.rows_read), n(r.imported), n(r.rejected), n(r.skipped),
           n(r.warnings), n(c.published), n(c.by_address[0]), n(c.by_address[1]), n(c.by_address[2]),
           n(c.by_address[3]), n(c.unlocated), n(c.checked), n(c.suspect), n(c.replaced)});
  }
  return std::move(w).text();
}

std::string diagnostics_csv(const Registry& reg) {
  csv::Writer w;
  w.row({"file", "row", "column", "code", "severity", "value", "message", "説明"});
  for (const Diagnostic& d : reg.diagnostics)
    w.row({d.file, std::to_string(d.row), d.column, to_string(d.code), to_string(d.severity), d.value, d.message,
           diag_info(d.code).summary_ja});
  return std::move(w).text();
}

void write_file_atomic(const std::string& path, const std::string& bytes) {
  const std::string tmp = temp_name_for(path);
  const PartialOutput partial(tmp);  // removed if a signal ends the run while it is written
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot write (" + tmp + ")");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error(path + ": write failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error(path + ": cannot rename " + tmp + " into place");
  }
}

}  // namespace careatlas
