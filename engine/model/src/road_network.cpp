#include "careatlas/model/road_network.hpp"

#include <algorithm>
#include <stdexcept>

namespace careatlas {

namespace {
using enum RoadClass;
// The one table of road classes. DEFAULT speeds (km/h) for Japanese roads, chosen and
// sourced in docs/routing.md; a project overrides them in [network.speeds].
const std::vector<RoadClassInfo> kTable = {
    {motorway, "motorway", 80, "高速道路"},
    {motorway_link, "motorway_link", 40, "高速道路（連絡路）"},
    {trunk, "trunk", 50, "国道（主要）"},
    {trunk_link, "trunk_link", 30, "国道（連絡路）"},
    {primary, "primary", 40, "主要地方道"},
    {primary_link, "primary_link", 30, "主要地方道（連絡路）"},
    {secondary, "secondary", 35, "一般県道"},
    {secondary_link, "secondary_link", 25, "一般県道（連絡路）"},
    {tertiary, "tertiary", 30, "市町村道（幹線）"},
    {tertiary_link, "tertiary_link", 20, "市町村道（連絡路）"},
    {unclassified, "unclassified", 20, "その他の道路"},
    {residential, "residential", 20, "生活道路"},
    {living_street, "living_street", 10, "歩車共存道路"},
    {service, "service", 15, "敷地内・私設道路"},
    {track, "track", 10, "農道・林道"},
    {ferry, "ferry", 20, "フェリー航路"},
};
}  // namespace

const std::vector<RoadClassInfo>& road_class_table() { return kTable; }

const RoadClassInfo& road_class_info(RoadClass c) {
  const auto i = static_cast<std::size_t>(c);
  if (i >= kTable.size() || kTable[i].road_class != c) throw std::logic_error("road class table out of order");
  return kTable[i];
}

RoadSpeeds RoadSpeeds::defaults() {
  RoadSpeeds s;
  for (const auto& info : kTable) s.kmh[static_cast<std::size_t>(info.road_class)] = info.default_kmh;
  return s;
}

double RoadSpeeds::fastest_kmh() const {
  double v = 0;
  for (const auto& info : kTable)
    if (info.road_class != ferry || ferries) v = std::max(v, kmh[static_cast<std::size_t>(info.road_class)]);
  return v;
}

std::string_view to_string(RoadClass c) { return road_class_info(c).name; }

std::optional<RoadClass> parse_road_class(std::string_view osm_value) {
  for (const auto& info : kTable)
    if (info.name == osm_value) return info.road_class;
  return std::nullopt;
}

}  // namespace careatlas
