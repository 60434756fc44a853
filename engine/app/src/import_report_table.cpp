// The import report as text for the terminal (careatlas import, run, info).
#include <algorithm>
#include <cstdio>

#include "careatlas/app/import_job.hpp"

namespace careatlas::app {

namespace {

// The tail of a file name that fits `width` bytes, cut at a UTF-8 character boundary.
std::string fitted(const std::string& name, std::size_t width) {
  if (name.size() <= width) return name;
  std::size_t from = name.size() - width + 3;
  while (from < name.size() && (static_cast<unsigned char>(name[from]) & 0xC0) == 0x80) ++from;
  return "…" + name.substr(from);
}

// With 位置参照情報 among the inputs: how each facility file's facilities were located.
std::string format_location_table(const Registry& reg) {
  const bool addresses = std::any_of(reg.files.begin(), reg.files.end(), [](const FileReport& f) { return f.role == "addresses"; });
  if (!addresses) return "";
  std::size_t width = 4;
  for (const auto& f : reg.files) width = std::max(width, std::min<std::size_t>(f.file.size(), 70));
  char line[512];
  std::string s = "\nlocations (位置参照情報)\n";
  std::snprintf(line, sizeof line, "%-*s  %9s  %9s  %9s  %9s  %9s  %9s  %9s  %9s\n", static_cast<int>(width), "file",
                "published", "block", "chome", "oaza", "munic.", "unlocated", "suspect", "replaced");
  s += line;
  LocationCounts total;
  for (const FileReport& f : reg.files) {
    const LocationCounts& c = f.locations;
    if (c.total() == 0) continue;
    const std::string name = fitted(f.file, width);
    std::snprintf(line, sizeof line, "%-*s  %9lld  %9lld  %9lld  %9lld  %9lld  %9lld  %9lld  %9lld\n",
                  static_cast<int>(width), name.c_str(), static_cast<long long>(c.published),
                  static_cast<long long>(c.by_address[0]), static_cast<long long>(c.by_address[1]),
                  static_cast<long long>(c.by_address[2]), static_cast<long long>(c.by_address[3]),
                  static_cast<long long>(c.unlocated), static_cast<long long>(c.suspect),
                  static_cast<long long>(c.replaced));
    s += line;
    total += c;
  }
  s += "total: " + describe(total) + "\n";
  return s;
}

}  // namespace

std::string format_report_table(const Registry& reg) {
  std::size_t located = 0;
  for (const auto& f : reg.facilities) located += f.located() ? 1 : 0;
  return format_report_table(reg, reg.facilities.size(), located);
}

std::string format_report_table(const Registry& reg, std::size_t facilities, std::size_t located) {
  std::string s;
  char line[512];
  std::size_t width = 4;
  for (const auto& f : reg.files) width = std::max(width, f.file.size());
  width = std::min<std::size_t>(width, 70);
  std::snprintf(line, sizeof line, "%-*s  %-10s  %-14s  %9s  %9s  %9s  %9s  %9s\n", static_cast<int>(width), "file",
                "role", "format", "rows_read", "imported", "rejected", "skipped", "warnings");
  s += line;
  FileReport total;
  for (const auto& f : reg.files) {
    const std::string name = fitted(f.file, width);
    std::snprintf(line, sizeof line, "%-*s  %-10s  %-14s  %9lld  %9lld  %9lld  %9lld  %9lld%s\n",
                  static_cast<int>(width), name.c_str(), f.role.c_str(), f.format.c_str(),
                  static_cast<long long>(f.rows_read), static_cast<long long>(f.imported),
                  static_cast<long long>(f.rejected), static_cast<long long>(f.skipped),
                  static_cast<long long>(f.warnings), f.balanced() ? "" : "  COUNTS DO NOT ADD UP");
    s += line;
    total.rows_read += f.rows_read;
    total.imported += f.imported;
    total.rejected += f.rejected;
    total.skipped += f.skipped;
    total.warnings += f.warnings;
  }
  std::snprintf(line, sizeof line, "%-*s  %-10s  %-14s  %9lld  %9lld  %9lld  %9lld  %9lld\n", static_cast<int>(width),
                "total", "", "", static_cast<long long>(total.rows_read), static_cast<long long>(total.imported),
                static_cast<long long>(total.rejected), static_cast<long long>(total.skipped),
                static_cast<long long>(total.warnings));
  s += line;
  std::snprintf(line, sizeof line,
                "registry: %zu facilities (%zu located, %zu unlocated), %zu districts, %zu population cells\n",
                facilities, located, facilities - located, reg.districts.size(),
                reg.population.size());
  s += line;
  s += format_location_table(reg);
  return s;
}

}  // namespace careatlas::app
