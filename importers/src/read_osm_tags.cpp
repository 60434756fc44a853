// OSM tag interpretation for the road reader (osm_tags.hpp): highway/route → road class or a
// skip reason, access restrictions, oneway, maxspeed. The rules are those of the OSM wiki
// (Key:highway, Key:access, Key:oneway, Key:maxspeed) as OSRM's car profile applies them,
// simplified to what a travel-time estimate needs.
#include <charconv>
#include <cmath>

#include "osm_tags.hpp"

namespace careatlas::osm {

std::string_view describe(SkipReason r) {
  switch (r) {
    case SkipReason::not_a_road: return "not a road (no highway= or route=ferry: buildings, rivers, boundaries …)";
    case SkipReason::not_for_cars: return "not a road for cars";
    case SkipReason::not_built: return "not built or out of use";
    case SkipReason::no_access: return "closed to cars (access, vehicle, motor_vehicle or motorcar = no | private)";
    case SkipReason::area: return "a highway area (area=yes)";
    case SkipReason::reversible: return "reversible (direction changes by the hour)";
  }
  return "?";
}

std::string_view listed_key(SkipReason r) {
  switch (r) {
    case SkipReason::not_a_road: return "";
    case SkipReason::not_for_cars:
    case SkipReason::not_built:
    case SkipReason::area: return "highway";
    case SkipReason::no_access: return "access";
    case SkipReason::reversible: return "oneway";
  }
  return "";
}

void WayTags::set(std::string_view key, std::string_view value) {
  struct Key {
    std::string_view name;
    std::string_view WayTags::*member;
  };
  static constexpr std::array<Key, 11> kKeys = {{{"highway", &WayTags::highway},
                                                 {"route", &WayTags::route},
                                                 {"area", &WayTags::area},
                                                 {"junction", &WayTags::junction},
                                                 {"oneway", &WayTags::oneway},
                                                 {"maxspeed", &WayTags::maxspeed},
                                                 {"name", &WayTags::name},
                                                 {"access", &WayTags::access},
                                                 {"vehicle", &WayTags::vehicle},
                                                 {"motor_vehicle", &WayTags::motor_vehicle},
                                                 {"motorcar", &WayTags::motorcar}}};
  for (const Key& k : kKeys)
    if (k.name == key) {
      this->*k.member = value;
      return;
    }
}

OnewayTag parse_oneway(std::string_view v) {
  if (v.empty()) return OnewayTag::untagged;
  if (v == "yes" || v == "true" || v == "1") return OnewayTag::forward;
  if (v == "-1" || v == "reverse") return OnewayTag::backward;
  if (v == "no" || v == "false" || v == "0") return OnewayTag::two_way;
  if (v == "reversible" || v == "alternating") return OnewayTag::reversible;
  return OnewayTag::invalid;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool has_digit(std::string_view s) { return s.find_first_of("0123456789") != std::string_view::npos; }

// "<number>[ ]<unit>" → km/h; nullopt when it is not of that form.
std::optional<double> number_with_unit(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end == s.data() || !std::isfinite(v) || v <= 0 || v > 300) return std::nullopt;
  const std::string_view unit = trim(s.substr(static_cast<std::size_t>(end - s.data())));
  if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph") return v;
  if (unit == "mph") return v * 1.609344;
  if (unit == "knots") return v * 1.852;
  return std::nullopt;
}

}  // namespace

std::optional<double> parse_maxspeed(std::string_view value) {
  const std::string_view v = trim(value);
  if (v.empty() || v == "none" || v == "signals" || v == "walk" || v == "variable" || v == "unlimited") return 0.0;
  if (const auto colon = v.find(':'); colon != std::string_view::npos) {
    // A zone value: "JP:urban" (no number: none), "DE:zone30" (its number).
    const std::string_view zone = v.substr(colon + 1);
    if (!has_digit(zone)) return 0.0;
    const auto first = zone.find_first_of("0123456789");
    return number_with_unit(zone.substr(first));
  }
  return number_with_unit(v);
}

namespace {

// The most specific of the access keys that is tagged says whether a car may enter.
bool closed_to_cars(const WayTags& t, std::string_view& value) {
  for (std::string_view v : {t.motorcar, t.motor_vehicle, t.vehicle, t.access})
    if (!v.empty()) {
      value = v;
      return v == "no" || v == "private";
    }
  return false;
}

bool not_built(std::string_view highway) {
  return highway == "construction" || highway == "proposed" || highway == "abandoned" || highway == "razed" ||
         highway == "disused";
}

}  // namespace

WayVerdict interpret_way(const WayTags& t) {
  WayVerdict v;
  auto skip = [&v](SkipReason r, std::string_view value) {
    v.skip = r;
    v.skip_value = value;
    return v;
  };
  const std::optional<RoadClass> highway = parse_road_class(t.highway);
  RoadClass c = RoadClass::ferry;
  if (highway && *highway != RoadClass::ferry) c = *highway;  // "ferry" is route=ferry, not a highway= value
  else if (t.route != "ferry") {
    if (t.highway.empty()) return skip(SkipReason::not_a_road, "");
    return skip(not_built(t.highway) ? SkipReason::not_built : SkipReason::not_for_cars, t.highway);
  }
  if (c != RoadClass::ferry && t.area == "yes") return skip(SkipReason::area, t.highway);
  if (std::string_view value; closed_to_cars(t, value)) return skip(SkipReason::no_access, value);
  const OnewayTag ow = parse_oneway(t.oneway);
  if (ow == OnewayTag::reversible) return skip(SkipReason::reversible, t.oneway);
  v.road_class = c;
  v.oneway_invalid = ow == OnewayTag::invalid;
  const bool implied = c == RoadClass::motorway || c == RoadClass::motorway_link || t.junction == "roundabout" ||
                       t.junction == "circular";
  switch (ow) {
    case OnewayTag::forward: v.oneway = Oneway::forward; break;
    case OnewayTag::backward: v.oneway = Oneway::backward; break;
    case OnewayTag::two_way: v.oneway = Oneway::no; break;
    default: v.oneway = implied ? Oneway::forward : Oneway::no; break;
  }
  const std::optional<double> kmh = parse_maxspeed(t.maxspeed);
  v.maxspeed_invalid = !kmh;
  v.maxspeed_kmh = kmh.value_or(0.0);
  return v;
}

}  // namespace careatlas::osm
