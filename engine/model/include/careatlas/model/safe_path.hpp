#pragma once
// No network, no surprises: careatlas reads only plain files on this machine. A project
// file received from elsewhere must not make it reach the network, a database or a web
// service. GDAL opens far more than files — virtual file systems (/vsicurl/, /vsis3/,
// /vsizip/ …), URLs, and connection strings of databases and web services (PG:…, WFS:…) —
// so every path an input comes from passes here before anything opens it: the project
// file (input files, [[context]] layers, [output] dir; the error names file:line:col of
// the `path` key), the command line (--facilities …, `info REGISTRY`), ImportSession::add
// (every importer, CSV ones included), the context-layer reader, the registry reader and
// every GeoPackage written. This is the one place that decides; the GDAL module also opens
// only an allow-list of file formats and switches GDAL's network access off
// (importers/src/gdal_util.hpp), in case anything slipped past.
//
// Refused (the path as written, before it is resolved against the project's folder):
//   - a component beginning with "vsi", anywhere in the path (/vsicurl/…, /vsizip//vsicurl/…,
//     ../../vsis3/…, /vsistdin?): GDAL virtual file systems. All of them are refused —
//     network, archives (/vsizip/, /vsitar/), memory and stdin alike — rather than telling
//     the safe from the unsafe (/vsizip/ of a local zip may hold a chained /vsicurl/):
//     unpack the archive and name the file. (A Shapefile zipped as .shp.zip or .shz is a
//     local file that GDAL reads in place.) A local folder whose name begins with "vsi" is
//     refused too.
//   - "://" anywhere: a URL (http, https, ftp, file, s3, vrt …).
//   - a leading "NAME:" — NAME two or more letters, digits or '_', beginning with a letter,
//     before any '/' or '\' — : the form of GDAL's connection strings (PG:, MySQL:, MSSQL:,
//     OCI:, ODBC:, WFS:, OAPIF:, ESRIJSON:, CSV:, GPKG:, ElasticSearch:, MongoDBv3: …). A
//     Windows drive ("C:") has a one-letter name and passes; so does a colon later in a path
//     ("data/2024:04/x.csv"). A local file whose name itself begins with a word and a colon
//     ("memo:2024.csv", which Windows does not allow anyway) must be written "./memo:2024.csv".
//   - a leading "//" or "\\": a network share (UNC path).
//   - a leading '{' or '<': inline GeoJSON or XML text, which GDAL would open as data.
//   - a NUL byte (everything after it would be silently dropped).
// Absolute paths and paths leaving the project's folder (../shared/…) are local files and
// are allowed.
#include <cstddef>
#include <string>
#include <string_view>

#include "careatlas/model/config_error.hpp"

namespace careatlas {

// Why `path` is not a plain local file path careatlas may open; empty when it is one (an
// empty path is empty too: callers report a missing path themselves).
inline std::string nonlocal_path_reason(std::string_view path) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto word = [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '_'; };
  auto sep = [](char c) { return c == '/' || c == '\\'; };
  if (path.empty()) return "";
  if (path.find('\0') != std::string_view::npos) return "contains a NUL byte";

  // GDAL virtual file systems, anywhere.
  for (std::size_t b = 0; b < path.size();) {
    std::size_t e = b;
    while (e < path.size() && !sep(path[e])) ++e;
    const std::string_view c = path.substr(b, e - b);
    if (c.size() >= 3 && lower(c[0]) == 'v' && lower(c[1]) == 's' && lower(c[2]) == 'i') {
      std::size_t n = 3;
      while (n < c.size() && word(c[n])) ++n;
      return "names a GDAL virtual file system (\"/" + std::string(c.substr(0, n)) +
             "/\"): careatlas opens no /vsi…/ path — network (/vsicurl/, /vsis3/ …), archive (/vsizip/, "
             "/vsitar/) or memory — only plain local files; download or unpack the file and name the local copy";
    }
    b = e + 1;
  }

  // URLs, anywhere.
  if (const std::size_t p = path.find("://"); p != std::string_view::npos) {
    std::size_t s = p;
    while (s > 0 && (word(path[s - 1]) || path[s - 1] == '+' || path[s - 1] == '.' || path[s - 1] == '-')) --s;
    return "is a URL (\"" + std::string(path.substr(s, p + 3 - s)) +
           "\"): careatlas never reads from the network; download the file and name the local copy";
  }

  // Network shares.
  if (path.size() >= 2 && sep(path[0]) && sep(path[1]))
    return "is a network share path (//server/share): copy the file to a local folder and name the copy";

  // Inline data.
  if (path[0] == '{' || path[0] == '<')
    return "is inline data (GeoJSON or XML text), not the name of a file";

  // Connection strings: a leading NAME: before any separator.
  if (letter(path[0])) {
    std::size_t n = 1;
    while (n < path.size() && word(path[n])) ++n;
    if (n >= 2 && n < path.size() && path[n] == ':')
      return "has the form of a GDAL connection string (\"" + std::string(path.substr(0, n + 1)) +
             "\": a database or web service): careatlas reads only local files (a local file whose name begins "
             "with a word and a colon must be written \"./" + std::string(path) + "\")";
  }
  return "";
}

// Throws config_error "<what> \"<path>\" <reason>" when `path` is not a plain local file
// path; `what` says where the path came from, e.g. "--facilities" or "facilities file".
inline void require_local_path(std::string_view path, std::string_view what) {
  const std::string why = nonlocal_path_reason(path);
  if (why.empty()) return;
  throw config_error(std::string(what) + " \"" + std::string(path) + "\" " + why);
}

}  // namespace careatlas
