// The road network in the registry's GeoPackage (registry_roads.hpp): the ways as a
// LineString layer with their node ids, the network's source in a one-row table; read back
// into the same RoadNetwork (points sorted by node id, way_nodes indices into them).
#include "registry_roads.hpp"

#include <algorithm>
#include <cstring>

#include "gdal_util.hpp"
#include "registry_fields.hpp"

namespace careatlas {

using namespace registry_fields;

namespace {

std::string_view oneway_name(Oneway o) {
  switch (o) {
    case Oneway::no: return "no";
    case Oneway::forward: return "forward";
    case Oneway::backward: return "backward";
  }
  return "no";
}
Oneway oneway_from(std::string_view s) {
  if (s == "forward") return Oneway::forward;
  if (s == "backward") return Oneway::backward;
  return Oneway::no;
}

// OSM node ids as little-endian int64, whatever the machine.
void encode_ids(const RoadNetwork& net, const RoadWay& w, std::vector<GByte>& out) {
  out.resize(std::size_t{8} * w.count);
  for (std::uint32_t k = 0; k < w.count; ++k) {
    auto v = static_cast<std::uint64_t>(net.node_ids[net.way_nodes[w.first + k]]);
    for (std::size_t b = 0; b < 8; ++b, v >>= 8) out[8 * k + b] = static_cast<GByte>(v & 0xFF);
  }
}
std::int64_t decode_id(const GByte* p) {
  std::uint64_t v = 0;
  for (std::size_t b = 8; b-- > 0;) v = (v << 8) | p[b];
  return static_cast<std::int64_t>(v);
}

void write_source(GDALDataset& ds, const RoadNetwork& net) {
  OGRLayer* t = ds.CreateLayer("road_network", nullptr, wkbNone, nullptr);
  if (!t) throw std::runtime_error("cannot create table road_network");
  create_fields(t, {{"file", F::str}, {"format", F::str}, {"attribution", F::str}, {"edition", F::str},
                    {"ways", F::i64}, {"nodes", F::i64}});
  OGRFeature ft(t->GetLayerDefn());
  set_str(ft, "file", net.source_file);
  set_str(ft, "format", net.format);
  set_str(ft, "attribution", net.attribution);
  set_str(ft, "edition", net.edition);
  ft.SetField("ways", static_cast<GIntBig>(net.ways.size()));
  ft.SetField("nodes", static_cast<GIntBig>(net.points.size()));
  add(t, ft);
}

}  // namespace

void write_roads_layer(GDALDataset& ds, OGRSpatialReference& srs, const RoadNetwork& net) {
  if (net.empty()) return;
  char** options = CSLSetNameValue(nullptr, "SPATIAL_INDEX", "NO");
  OGRLayer* l = ds.CreateLayer("roads", &srs, wkbLineString, options);
  CSLDestroy(options);
  if (!l) throw std::runtime_error("cannot create layer roads");
  create_fields(l, {{"osm_id", F::i64}, {"highway", F::str}, {"oneway", F::str}, {"maxspeed", F::real},
                    {"name", F::str}, {"nodes", F::binary}});
  OGRFeatureDefn* defn = l->GetLayerDefn();
  const int i_id = defn->GetFieldIndex("osm_id"), i_hw = defn->GetFieldIndex("highway"),
            i_ow = defn->GetFieldIndex("oneway"), i_ms = defn->GetFieldIndex("maxspeed"),
            i_name = defn->GetFieldIndex("name"), i_nodes = defn->GetFieldIndex("nodes");
  OGRFeature ft(defn);
  std::vector<GByte> ids;
  for (const RoadWay& w : net.ways) {
    ft.SetFID(OGRNullFID);
    ft.SetField(i_id, static_cast<GIntBig>(w.osm_id));
    ft.SetField(i_hw, std::string(to_string(w.road_class)).c_str());
    ft.SetField(i_ow, std::string(oneway_name(w.oneway)).c_str());
    if (w.maxspeed_kmh > 0) ft.SetField(i_ms, w.maxspeed_kmh);
    else ft.SetFieldNull(i_ms);
    ft.SetField(i_name, w.name.c_str());
    encode_ids(net, w, ids);
    ft.SetField(i_nodes, static_cast<int>(ids.size()), ids.data());
    OGRLineString line;
    line.setNumPoints(static_cast<int>(w.count), FALSE);
    for (std::uint32_t k = 0; k < w.count; ++k) {
      const LonLat& p = net.points[net.way_nodes[w.first + k]];
      line.setPoint(static_cast<int>(k), p.lon, p.lat);
    }
    ft.SetGeometry(&line);
    add(l, ft);
  }
  write_source(ds, net);
}

RoadNetwork read_roads_layer(GDALDataset& ds) {
  RoadNetwork net;
  OGRLayer* l = ds.GetLayerByName("roads");
  if (!l) return net;
  // Every vertex with its node id, way after way; then the nodes sorted and numbered.
  std::vector<std::int64_t> refs;
  std::vector<std::pair<std::int64_t, LonLat>> nodes;
  l->ResetReading();
  const OGRFeatureDefn* defn = l->GetLayerDefn();
  const int i_id = defn->GetFieldIndex("osm_id"), i_hw = defn->GetFieldIndex("highway"),
            i_ow = defn->GetFieldIndex("oneway"), i_ms = defn->GetFieldIndex("maxspeed"),
            i_name = defn->GetFieldIndex("name"), i_nodes = defn->GetFieldIndex("nodes");
  if (i_id < 0 || i_hw < 0 || i_ow < 0 || i_ms < 0 || i_name < 0 || i_nodes < 0)
    throw std::runtime_error("registry layer roads lacks a field (osm_id, highway, oneway, maxspeed, name, nodes)");
  for (gdal::FeaturePtr ft(l->GetNextFeature()); ft; ft.reset(l->GetNextFeature())) {
    RoadWay w;
    w.osm_id = ft->GetFieldAsInteger64(i_id);
    w.road_class = parse_road_class(ft->GetFieldAsString(i_hw)).value_or(RoadClass::unclassified);
    w.oneway = oneway_from(ft->GetFieldAsString(i_ow));
    w.maxspeed_kmh = ft->IsFieldSetAndNotNull(i_ms) ? ft->GetFieldAsDouble(i_ms) : 0.0;
    w.name = ft->GetFieldAsString(i_name);
    int bytes = 0;
    const GByte* blob = ft->GetFieldAsBinary(i_nodes, &bytes);
    const OGRGeometry* g = ft->GetGeometryRef();
    const OGRLineString* line = g && wkbFlatten(g->getGeometryType()) == wkbLineString ? g->toLineString() : nullptr;
    const int n = line ? line->getNumPoints() : 0;
    if (n < 2 || bytes != 8 * n)
      throw std::runtime_error("registry layer roads: feature " + std::to_string(ft->GetFID()) + " (way " +
                               std::to_string(w.osm_id) + ") has " + std::to_string(bytes / 8) + " node ids for " +
                               std::to_string(n) + " vertices");
    w.first = static_cast<std::uint32_t>(refs.size());
    w.count = static_cast<std::uint32_t>(n);
    for (int k = 0; k < n; ++k) {
      const std::int64_t id = decode_id(blob + 8 * k);
      refs.push_back(id);
      nodes.emplace_back(id, LonLat{line->getX(k), line->getY(k)});
    }
    net.ways.push_back(std::move(w));
  }
  std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  nodes.erase(std::unique(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              nodes.end());
  net.points.reserve(nodes.size());
  net.node_ids.reserve(nodes.size());
  for (const auto& [id, p] : nodes) {
    net.node_ids.push_back(id);
    net.points.push_back(p);
  }
  nodes = {};
  net.way_nodes.reserve(refs.size());
  for (const std::int64_t id : refs)
    net.way_nodes.push_back(static_cast<std::uint32_t>(
        std::lower_bound(net.node_ids.begin(), net.node_ids.end(), id) - net.node_ids.begin()));
  if (OGRLayer* t = ds.GetLayerByName("road_network")) {
    t->ResetReading();
    if (gdal::FeaturePtr ft(t->GetNextFeature()); ft) {
      net.source_file = get_str(*ft, "file");
      net.format = get_str(*ft, "format");
      net.attribution = get_str(*ft, "attribution");
      net.edition = get_str(*ft, "edition");
    }
  }
  return net;
}

}  // namespace careatlas
