#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/road_reader.hpp"
#include "input_file.hpp"
#include "targets.hpp"

namespace careatlas::fuzz {

namespace {

// One file through the road reader (read_osm*.cpp). A file it cannot use is an
// import_error; anything else escaping is a finding. A network read must hold together:
// the counts add up, node ids sorted and unique, every way of two or more valid indices.
int read_network(const std::uint8_t* data, std::size_t size, const std::string& name) {
  const std::string path = input_file(data, size, name);
  DiagnosticCollector sink;
  try {
    const RoadRead r = read_road_network(path, sink);
    const RoadNetwork& n = r.network;
    if (!r.report.balanced() || n.points.size() != n.node_ids.size()) __builtin_trap();
    for (std::size_t i = 1; i < n.node_ids.size(); ++i)
      if (n.node_ids[i - 1] >= n.node_ids[i]) __builtin_trap();
    for (const std::uint32_t k : n.way_nodes)
      if (k >= n.points.size()) __builtin_trap();
    for (const RoadWay& w : n.ways)
      if (w.count < 2 || std::size_t{w.first} + w.count > n.way_nodes.size()) __builtin_trap();
  } catch (const import_error&) {
  }
  return 0;
}

}  // namespace

int osm_xml(const std::uint8_t* d, std::size_t n) { return read_network(d, n, "map.osm"); }
int osm_json(const std::uint8_t* d, std::size_t n) { return read_network(d, n, "map.overpass.json"); }

}  // namespace careatlas::fuzz
