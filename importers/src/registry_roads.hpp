#pragma once
// The registry's road network (registry_store.cpp writes and reads it through these). Not
// installed; GDAL module only.
//
// roads          LineStrings, EPSG:6668, one feature per RoadWay in order: osm_id, highway
//                (the RoadClass name; "ferry" for route=ferry), oneway (no | forward |
//                backward), maxspeed (km/h; null when none), name, and nodes — the way's OSM
//                node ids as little-endian int64, one per vertex — so that the topology
//                (which ways share which nodes) comes back exactly. No R-tree: careatlas
//                reads the layer whole, and the index would be most of the write.
// road_network   table, one row: file, format, attribution, edition, ways, nodes.
// Neither is written for an empty network.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "careatlas/model/road_network.hpp"

namespace careatlas {

void write_roads_layer(GDALDataset& ds, OGRSpatialReference& srs, const RoadNetwork& net);
// An empty network (no error) for a registry without one. Throws std::runtime_error when
// the layer is inconsistent (node ids and vertices of a feature do not match).
RoadNetwork read_roads_layer(GDALDataset& ds);

}  // namespace careatlas
