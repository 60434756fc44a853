#pragma once
// The road network of an OpenStreetMap file (issue 17): the ways a car may use, with their
// nodes' positions, as a RoadNetwork. No OSM library type appears here; the reading is
// libosmium's (PBF, XML) and simdjson's (Overpass JSON), inside importers/src/read_osm*.cpp.
//
// Formats, detected from the content first (the extension decides only when the content
// says nothing, and for compressed XML):
//   osm_pbf   .osm.pbf / .pbf: the first blob header says "OSMHeader"   (encoding "PBF")
//   osm_xml   .osm, .osm.gz, .osm.bz2: "<?xml" or "<osm" (OSM XML 0.6) (encoding "UTF-8")
//   osm_json  Overpass OSM-JSON {"elements":[{"type":"node",…},{"type":"way",…}]}
//             (encoding "UTF-8")
//
// Reading (PBF, XML) takes two passes, as OSRM and osmium do, so that memory follows the
// road network and not the file: pass 1 reads the ways only, keeps the roads and collects
// their node ids; pass 2 reads the nodes only and keeps the positions of those ids. There
// is no location index over every node. OSM-JSON is parsed once and walked the same way.
//
// Which ways are roads (the tag interpretation, osm_tags.hpp; DOMAIN and docs/routing.md):
//   - highway=<v> where v is a RoadClass name (motorway … track and the *_link classes);
//     route=ferry ways without a road highway= tag are class ferry.
//   - skipped, counted per reason (one ways_skipped note per reason and file, with the
//     count and the commonest values):
//       not_a_road     no highway= and no route=ferry (buildings, rivers, boundaries …)
//       not_for_cars   highway= of any other value (footway, path, cycleway, steps,
//                      pedestrian, bridleway, platform …)
//       not_built      highway=construction | proposed | abandoned | razed | disused
//       no_access      access=no | private, where the most specific of motorcar,
//                      motor_vehicle, vehicle, access that is tagged decides
//                      (access=private + motorcar=yes stays; access=destination stays)
//       area           area=yes on a highway (a square, a car park's surface)
//       reversible     oneway=reversible | alternating (direction changes by the hour)
//   - oneway: yes|true|1 forward, -1|reverse backward, no|false|0 two-way; untagged,
//     motorway, motorway_link and junction=roundabout|circular are forward. An unknown
//     value is an osm_value_invalid warning and read as untagged.
//   - maxspeed (km/h): "50", "50 km/h", "50kmh", "30 mph" (× 1.609344), "10 knots"; none for
//     "none", "signals", "walk", "variable" and zone values ("JP:urban"); anything else is
//     an osm_value_invalid warning (way id, column "maxspeed", the value) and none.
//   - name=* is kept for labels.
//
// Nodes: repeated consecutive references are dropped. A way that refers to nodes the file
// does not hold is split at them into runs of two or more consecutive nodes that it holds;
// each run is a RoadWay with the way's osm_id (one way_nodes_missing warning per way, naming
// the first missing node). A road way left without such a run is rejected (way_unusable).
//
// Diagnostics: row = the way's 1-based ordinal among the file's ways (0 for the whole
// file), column = "nd" or the tag key, value = the offending value; the message names
// "way <id>". One road_network_summary note per file: ways and nodes kept, by class.
//
// Report: role "network"; rows_read = every way in the file = imported (road ways kept,
// once each even when split) + skipped (not roads) + rejected (way_unusable).
//
// The network: points in ascending OSM node id (node_ids sorted), ways in file order;
// edition = the file's osmosis_replication_timestamp (PBF header), Overpass
// <meta osm_base> (XML) or osm3s.timestamp_osm_base (JSON), else the newest object
// timestamp, else empty; attribution "© OpenStreetMap contributors".
//
// A file that cannot be used — unreadable, empty, not OSM, truncated or corrupt — throws
// import_error (file_unreadable, file_empty, header_unrecognised, file_truncated) naming the
// file and what failed: half a network would give wrong travel times.
#include <string>

#include "careatlas/model/diagnostic.hpp"
#include "careatlas/model/registry.hpp"
#include "careatlas/model/road_network.hpp"

namespace careatlas {

struct RoadRead {
  RoadNetwork network;
  FileReport report;  // role "network"
};

// Reads the road network of `path`; every diagnostic goes to `sink` (and is counted in the
// report's warnings). Throws import_error as above; config_error for a path that is not a
// plain local file (safe_path.hpp).
RoadRead read_road_network(const std::string& path, DiagnosticSink& sink);

}  // namespace careatlas
