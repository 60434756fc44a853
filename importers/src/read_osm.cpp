// read_road_network (road_reader.hpp): the format of an OSM file from its first bytes (or
// its name), then the two passes of its reader into one NetworkBuilder, and the network's
// edition from the file's own date or its newest object.
#include <cstring>
#include <fstream>

#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/road_reader.hpp"
#include "careatlas/model/safe_path.hpp"
#include "osm_formats.hpp"

namespace careatlas {

namespace osm {

void fail(const std::string& path, DiagCode code, std::string value, std::string message) {
  Diagnostic d;
  d.code = code;
  d.severity = Severity::error;
  d.file = path;
  d.value = std::move(value);
  d.message = std::move(message);
  throw import_error(std::move(d));
}

namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  if (s.size() < tail.size()) return false;
  for (std::size_t i = 0; i < tail.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - tail.size() + i])) != tail[i]) return false;
  return true;
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  return s;
}

}  // namespace

std::optional<Detected> detect_format(std::string_view head, std::string_view path) {
  // PBF: a 4-byte length, then the BlobHeader whose field 1 (type) is "OSMHeader".
  if (head.size() >= 16 && head.substr(4, 32).find("OSMHeader") != std::string_view::npos)
    return Detected{Format::pbf, true};
  if (head.starts_with("\x1f\x8b")) return Detected{Format::xml_gz, true};  // gzip: only XML is compressed so
  if (head.starts_with("BZh")) return Detected{Format::xml_bz2, true};
  const std::string_view text = skip_bom_and_space(head);
  if (text.starts_with("<?xml") || text.starts_with("<osm")) return Detected{Format::xml, true};
  if (text.starts_with("{")) return Detected{Format::json, true};
  if (ends_with(path, ".pbf")) return Detected{Format::pbf, false};
  if (ends_with(path, ".osm")) return Detected{Format::xml, false};
  if (ends_with(path, ".json")) return Detected{Format::json, false};
  return std::nullopt;
}

std::string xml_osm_base(std::string_view head) {
  const auto meta = head.find("<meta ");
  if (meta == std::string_view::npos) return "";
  const std::string_view key = "osm_base=\"";
  const auto at = head.find(key, meta);
  const auto close = head.find('>', meta);
  if (at == std::string_view::npos || at > close) return "";
  const auto end = head.find('"', at + key.size());
  if (end == std::string_view::npos) return "";
  return std::string(head.substr(at + key.size(), end - at - key.size()));
}

}  // namespace osm

RoadRead read_road_network(const std::string& path, DiagnosticSink& sink) {
  using namespace osm;
  require_local_path(path, "road network file");  // safe_path.hpp
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, DiagCode::file_unreadable, path, "cannot open the file");
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) fail(path, DiagCode::file_unreadable, path, "read error");
  in.close();
  if (head.find_first_not_of(" \t\r\n") == std::string::npos)
    fail(path, DiagCode::file_empty, "", "the file is empty; expected an OpenStreetMap file (PBF, OSM XML or Overpass JSON)");
  const std::optional<Detected> d = detect_format(head, path);
  if (!d)
    fail(path, DiagCode::header_unrecognised, "",
         "not an OpenStreetMap file: expected OSM PBF (.osm.pbf), OSM XML 0.6 (.osm, .osm.gz, .osm.bz2) or Overpass "
         "OSM-JSON");
  NetworkBuilder b(path, sink);
  Dates dates;
  if (d->format == Format::json) dates = read_overpass_json(path, b);
  else dates = read_with_libosmium(path, *d, b);
  if (d->format == Format::xml && dates.header.empty()) dates.header = xml_osm_base(head);
  const bool pbf = d->format == Format::pbf;
  return b.finish(pbf ? "osm_pbf" : d->format == Format::json ? "osm_json" : "osm_xml", pbf ? "PBF" : "UTF-8",
                  !dates.header.empty() ? dates.header : dates.newest);
}

}  // namespace careatlas
