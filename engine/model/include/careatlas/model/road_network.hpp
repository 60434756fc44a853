#pragma once
// The road network read from OpenStreetMap: the ways a car may use, as the importer found
// them, before any speed is chosen. Plain data: the importer (libosmium, importers/) fills
// it, the routing engine (engine/routing) builds its graph from it, the maps draw it.
//
// What counts as a road (the importer decides, from the tags; DOMAIN and docs/routing.md):
// highway=* of the classes below and route=ferry ways (class ferry, used only when the
// project turns ferries on). Skipped: footway, path, cycleway, steps, pedestrian,
// bridleway and the other ways a car cannot use; highway=construction|proposed;
// access / motor_vehicle / motorcar = no | private (a destination-only lane stays in).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/geo.hpp"

namespace careatlas {

// Road classes, in the order of the table in road_network.cpp (OSM highway= values;
// `ferry` is route=ferry).
enum class RoadClass : std::uint8_t {
  motorway,
  motorway_link,
  trunk,
  trunk_link,
  primary,
  primary_link,
  secondary,
  secondary_link,
  tertiary,
  tertiary_link,
  unclassified,
  residential,
  living_street,
  service,
  track,
  ferry,
};
inline constexpr std::size_t kRoadClassCount = 16;  // the table has one row per class, in enum order

struct RoadClassInfo {
  RoadClass road_class;
  std::string_view name;      // the OSM value, e.g. "motorway" (also the project-file key)
  double default_kmh;         // DEFAULT speed for Japanese roads (sources: docs/routing.md)
  std::string_view label_ja;  // e.g. 「高速道路」 for legends
};
const std::vector<RoadClassInfo>& road_class_table();
const RoadClassInfo& road_class_info(RoadClass c);
std::string_view to_string(RoadClass c);
// The class of an OSM highway= value ("motorway" … "track"; "ferry" for route=ferry);
// nullopt for every other value.
std::optional<RoadClass> parse_road_class(std::string_view osm_value);

// How fast the network is travelled: the project's [network] table. The routing engine
// uses it to build its graph.
struct RoadSpeeds {
  std::array<double, kRoadClassCount> kmh{};  // per RoadClass; ≤ 0 = the class is not used
  bool ferries = false;                       // route=ferry ways. DEFAULT off
  double offroad_kmh = 5.0;                   // point ↔ road leg. DEFAULT 5 km/h (walking)
  double snap_max_m = 1000.0;                 // DEFAULT 1 km: farther points are off the network
  // road_class_table()'s default speeds, ferries off.
  static RoadSpeeds defaults();
  // The fastest class speed in use (ferries only when on): no trip is faster.
  double fastest_kmh() const;
  friend bool operator==(const RoadSpeeds&, const RoadSpeeds&) = default;
};

// Direction of travel allowed along the way's node order.
enum class Oneway : std::uint8_t { no, forward, backward };

struct RoadWay {
  std::int64_t osm_id = 0;
  RoadClass road_class = RoadClass::unclassified;
  Oneway oneway = Oneway::no;  // oneway=yes|1|true|-1, and implied (motorway, roundabout)
  double maxspeed_kmh = 0;     // maxspeed as tagged (km/h; mph converted); 0 = none
  std::uint32_t first = 0;     // its nodes: RoadNetwork::way_nodes[first, first + count)
  std::uint32_t count = 0;     // ≥ 2
  std::string name;            // name=*, for map labels; may be empty
  friend bool operator==(const RoadWay&, const RoadWay&) = default;
};

struct RoadNetwork {
  std::vector<LonLat> points;              // one per OSM node used by a kept way
  std::vector<std::int64_t> node_ids;      // OSM id of each point (parallel to points)
  std::vector<std::uint32_t> way_nodes;    // indices into points, way after way
  std::vector<RoadWay> ways;               // in file order
  std::string source_file;                 // the path as given
  std::string format;                      // "osm_pbf" | "osm_xml" | "osm_json"
  std::string attribution = "© OpenStreetMap contributors";
  std::string edition;                     // the file's replication timestamp / newest object, ISO 8601; may be empty
  bool empty() const { return ways.empty(); }
  friend bool operator==(const RoadNetwork&, const RoadNetwork&) = default;
};

}  // namespace careatlas
