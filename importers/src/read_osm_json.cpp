// Overpass OSM-JSON ({"version":0.6,"osm3s":{"timestamp_osm_base":…},"elements":[{"type":
// "node","id","lat","lon","tags"?}, {"type":"way","id","nodes":[…],"tags"?}, …]}) with
// simdjson: parsed once, the elements walked twice — ways, then nodes — through the same
// NetworkBuilder as PBF and XML. Coordinates are rounded to libosmium's 1e-7 degrees, so
// that a file gives the same network in every format.
#include <simdjson.h>

#include <algorithm>
#include <cmath>

#include "osm_formats.hpp"

namespace careatlas::osm {

namespace {

using simdjson::dom::element;

// The 1e-7 degree grid of OSM (and libosmium's Location).
double on_osm_grid(double degrees) { return static_cast<double>(std::llround(degrees * 1e7)) / 1e7; }

void newer(std::string& newest, element e) {
  std::string_view ts;
  if (!e["timestamp"].get(ts) && ts > newest) newest = std::string(ts);
}

void read_ways(simdjson::dom::array elements, NetworkBuilder& b, std::string& newest) {
  std::vector<std::int64_t> refs;
  for (element e : elements) {
    std::string_view type;
    if (e["type"].get(type) || type != "way") continue;
    newer(newest, e);
    std::int64_t id = 0;
    simdjson::dom::array nodes;
    if (e["id"].get(id)) {
      b.bad_way("a way element without a numeric id");
      continue;
    }
    if (e["nodes"].get(nodes)) {
      b.bad_way("way " + std::to_string(id) + " has no \"nodes\" list");
      continue;
    }
    refs.clear();
    bool ok = true;
    for (element n : nodes) {
      std::int64_t ref = 0;
      if (n.get(ref)) ok = false;
      else refs.push_back(ref);
    }
    if (!ok) {
      b.bad_way("way " + std::to_string(id) + " has node references that are not integers");
      continue;
    }
    WayTags tags;
    simdjson::dom::object obj;
    if (!e["tags"].get(obj))
      for (auto field : obj) {
        std::string_view v;
        if (!field.value.get(v)) tags.set(field.key, v);
      }
    b.way(id, tags, refs);
  }
}

void read_nodes(simdjson::dom::array elements, NetworkBuilder& b, std::string& newest) {
  for (element e : elements) {
    std::string_view type;
    if (e["type"].get(type) || type != "node") continue;
    newer(newest, e);
    std::int64_t id = 0;
    double lat = 0, lon = 0;
    if (e["id"].get(id) || e["lat"].get(lat) || e["lon"].get(lon)) continue;  // a node without a position is missing
    if (!(std::abs(lat) <= 90 && std::abs(lon) <= 180)) continue;
    if (b.wanted(id)) b.node(id, LonLat{on_osm_grid(lon), on_osm_grid(lat)});
  }
}

}  // namespace

Dates read_overpass_json(const std::string& path, NetworkBuilder& b) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path).get(json)) fail(path, DiagCode::file_unreadable, path, "cannot read the file");
  simdjson::dom::parser parser;
  element root;
  if (const auto err = parser.parse(json).get(root)) {
    // Cut short: unclosed at the end, or ending on anything but the closing brace.
    const std::string_view text(json.data(), json.size());
    const auto last = text.find_last_not_of(" \t\r\n");
    const bool truncated = err == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || err == simdjson::UNCLOSED_STRING ||
                           last == std::string_view::npos || text[last] != '}';
    fail(path, truncated ? DiagCode::file_truncated : DiagCode::file_unreadable, simdjson::error_message(err),
         std::string(truncated ? "the JSON ends in the middle (" : "not valid JSON (") + simdjson::error_message(err) +
             "); no network read");
  }
  simdjson::dom::array elements;
  if (root["elements"].get(elements))
    fail(path, DiagCode::header_unrecognised, "",
         "JSON without an \"elements\" list: not Overpass OSM-JSON (expected {\"elements\":[{\"type\":\"node\",…}]})");
  Dates dates;
  std::string_view base;
  if (!root["osm3s"]["timestamp_osm_base"].get(base)) dates.header = std::string(base);
  read_ways(elements, b, dates.newest);
  b.end_ways();
  read_nodes(elements, b, dates.newest);
  return dates;
}

}  // namespace careatlas::osm
