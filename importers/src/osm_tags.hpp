#pragma once
// The tag interpretation of the OSM road reader (road_reader.hpp says the rules): which
// ways are roads, their class, direction and speed limit. Pure functions on the tag values,
// shared by the PBF/XML and the JSON readers and called by the tests directly. Not installed.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "careatlas/model/road_network.hpp"

namespace careatlas::osm {

// Why a way is not a road, in the order the ways_skipped notes are reported.
enum class SkipReason : std::uint8_t { not_a_road, not_for_cars, not_built, no_access, area, reversible };
inline constexpr std::size_t kSkipReasonCount = 6;
// For the ways_skipped message: "not a road for cars", …
std::string_view describe(SkipReason r);
// The tag whose values the ways_skipped message lists ("highway", "access", "oneway"; empty
// for not_a_road).
std::string_view listed_key(SkipReason r);

// The tags of a way that decide what it is. The views are into the reader's buffer: an
// interpretation is made while the way is read.
struct WayTags {
  std::string_view highway, route, area, junction, oneway, maxspeed, name;
  std::string_view access, vehicle, motor_vehicle, motorcar;
  // Takes the value when `key` is one of the above; other keys are ignored.
  void set(std::string_view key, std::string_view value);
};

// What the oneway= value says.
enum class OnewayTag : std::uint8_t { untagged, forward, backward, two_way, reversible, invalid };
OnewayTag parse_oneway(std::string_view value);

// A maxspeed= value in km/h: 0 when the tag says there is no number to use (empty, "none",
// "signals", "walk", "variable", a zone value without a number such as "JP:urban");
// nullopt when the value cannot be read ("fast", "50;40", "0").
std::optional<double> parse_maxspeed(std::string_view value);

struct WayVerdict {
  std::optional<SkipReason> skip;  // set: not a road
  std::string_view skip_value;     // the value of listed_key(skip), for the message
  RoadClass road_class = RoadClass::unclassified;
  Oneway oneway = Oneway::no;
  double maxspeed_kmh = 0;
  bool oneway_invalid = false;    // osm_value_invalid on "oneway" (read as untagged)
  bool maxspeed_invalid = false;  // osm_value_invalid on "maxspeed" (read as none)
};
WayVerdict interpret_way(const WayTags& tags);

}  // namespace careatlas::osm
