#pragma once
// The OSM file formats of the road reader: detection (read_osm.cpp) and one reader per
// library — libosmium for PBF and XML (read_osm_libosmium.cpp), simdjson for Overpass
// JSON (read_osm_json.cpp). Each runs the builder's two passes. Not installed.
#include <string>
#include <string_view>

#include "careatlas/model/diagnostic.hpp"
#include "osm_network_builder.hpp"

namespace careatlas::osm {

enum class Format { pbf, xml, xml_gz, xml_bz2, json };

struct Detected {
  Format format = Format::xml;
  bool by_content = true;  // false: the content said nothing, the extension chose
};

// The format of a file from its first bytes, else from its name; nullopt for neither.
std::optional<Detected> detect_format(std::string_view head, std::string_view path);
// An Overpass XML head's <meta osm_base="…"/>; empty when there is none.
std::string xml_osm_base(std::string_view head);

// What a reader found out about the file's date.
struct Dates {
  std::string header;  // the file's own (replication timestamp, osm_base)
  std::string newest;  // the newest object timestamp, ISO 8601; empty when none
};

// Both passes over a PBF or XML file through `b`; throws import_error (file_truncated,
// file_unreadable, header_unrecognised) when libosmium cannot read it.
Dates read_with_libosmium(const std::string& path, const Detected& d, NetworkBuilder& b);
// The same for Overpass OSM-JSON: one parse, walked twice.
Dates read_overpass_json(const std::string& path, NetworkBuilder& b);

// Throws import_error for `path`.
[[noreturn]] void fail(const std::string& path, DiagCode code, std::string value, std::string message);

}  // namespace careatlas::osm
