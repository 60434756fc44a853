#pragma once
// The routable road graph and drive-time search: travel over the OpenStreetMap road
// network (model RoadNetwork) from providers to 500 m cells. No file formats (the
// importer reads OSM), no PROJ (the caller projects the network's points into the
// analysis CRS: planar metres, as every other analysis).
//
// The graph (docs/routing.md):
//  * every consecutive node pair of a kept way is a segment, its length planar (analysis
//    CRS), its time length / speed, speed = the class speed of RoadSpeeds, capped by the
//    way's maxspeed; oneway ways give one direction; ferries only when RoadSpeeds::ferries;
//  * the anchors (cell centroids, providers) are attached to the nearest point of the
//    nearest routable segment (not only a node): the segment is split there, and an
//    off-road leg (both directions) joins the anchor to it at RoadSpeeds::offroad_kmh.
//    Anchors farther than snap_max_m from every segment stay off the network
//    (unreachable). Segments of small disconnected pieces (fewer than
//    kSmallComponentNodes nodes, not the largest piece) are used only when no other segment
//    lies within snap_max_m;
//  * then nodes of degree 2 (one way in, one way out, in both or one direction) that no
//    anchor uses are compressed: the chain's edges become one edge, its time the sum.
//    Of parallel edges (same tail, same head) only the fastest is kept: no shortest time
//    changes. Self-loops are dropped.
//  * the nodes are numbered along a Hilbert curve of their position (memory locality of
//    the searches); the edges of a node are sorted by head.
// Travel times are minutes (double). A search from a source anchor is Dijkstra cut at a
// time limit; the time to a target anchor includes both off-road legs.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "careatlas/geometry/planar.hpp"
#include "careatlas/model/road_network.hpp"

namespace careatlas::routing {

inline constexpr std::size_t kSmallComponentNodes = 100;

// How fast the network is travelled (the project's [network]): the model's RoadSpeeds.
using RoadSpeeds = careatlas::RoadSpeeds;

struct GraphStats {
  std::size_t ways_used = 0;        // ways of the network with at least one routable segment
  std::size_t segments = 0;         // routable node-to-node segments before compression
                                    // (consecutive repeats of one node are not segments)
  std::size_t split_nodes = 0;      // nodes added inside segments at snap points
  std::size_t nodes = 0;            // graph nodes after compression (snap points included)
  std::size_t edges = 0;            // directed edges after compression (off-road legs included)
  std::size_t compressed = 0;       // nodes removed by degree-2 compression
  std::size_t components = 0;       // weakly connected pieces of the road graph (segments only)
  std::size_t small_components = 0; // of them, pieces < kSmallComponentNodes nodes, not the largest
  std::size_t anchors_on = 0;       // anchors attached to a segment
  std::size_t anchors_off = 0;      // anchors beyond snap_max_m (unreachable)
};

// Where an anchor joins the network.
struct Snap {
  bool on_network = false;
  double offroad_m = 0;         // anchor → snap point, metres
  geometry::XY at;              // the snap point (on the segment)
  std::int64_t way_osm_id = 0;  // the way it snapped to
  std::uint32_t way = 0;        // its index in RoadNetwork::ways
};

class RoadGraph {
 public:
  // `points` are net.points projected into the analysis CRS (parallel to net.points).
  // `anchors` are the points searches start from or arrive at, in the same CRS.
  // Deterministic: the same inputs give the same graph, whatever `threads` (0 = all cores).
  // Snapping (the only costly step that is parallel) uses `threads`.
  RoadGraph(const RoadNetwork& net, const std::vector<geometry::XY>& points, const RoadSpeeds& speeds,
            const std::vector<geometry::XY>& anchors, unsigned threads = 0);

  const GraphStats& stats() const { return stats_; }
  const std::vector<Snap>& snaps() const { return snaps_; }  // parallel to the anchors

  // The compressed graph, for peers and tests: nodes 0 … node_count() − 1, directed edges
  // in CSR order (edges of node u are edge_begin(u) … edge_begin(u + 1) − 1).
  std::size_t node_count() const { return first_.size() - 1; }
  std::size_t edge_count() const { return head_.size(); }
  std::size_t edge_begin(std::size_t u) const { return first_[u]; }  // u ≤ node_count()
  std::uint32_t edge_head(std::size_t e) const { return head_[e]; }
  double edge_minutes(std::size_t e) const { return minutes_[e]; }
  // The graph node of an anchor (its own node, joined to its snap point by the off-road
  // leg); −1 when the anchor is off the network.
  std::int64_t anchor_node(std::size_t anchor) const { return anchor_node_[anchor]; }
  std::size_t anchor_count() const { return anchor_node_.size(); }

 private:
  friend struct GraphBuilder;  // src/
  GraphStats stats_;
  std::vector<Snap> snaps_;
  std::vector<std::uint32_t> first_{0};    // CSR row starts (node_count + 1)
  std::vector<std::uint32_t> head_;        // per edge
  std::vector<double> minutes_;            // per edge
  std::vector<std::int64_t> anchor_node_;  // per anchor
};

// Travel times from sources to targets, as CSR: for source s (index into `sources`),
// entries offsets[s] … offsets[s + 1] − 1, targets ascending.
struct TravelTable {
  std::vector<std::size_t> offsets;
  std::vector<std::uint32_t> target;  // index into `targets`
  std::vector<double> minutes;
};

struct SearchStats {
  std::size_t searches = 0;  // distinct source nodes searched (sources sharing a node share one)
  std::size_t settled = 0;   // nodes settled over all searches
  std::size_t entries = 0;   // (source, target) pairs in the table
};

// For every source anchor, the targets (anchor indices) reached within `cutoff_minutes`
// (time ≤ cutoff) and the time each takes: one bounded Dijkstra per distinct source node,
// parallel over sources with a fixed partition (the result does not depend on `threads`).
// A source or target off the network reaches / is reached by nothing. Each search is
// computed alone, so a time is the same bits whatever the thread count or the other
// sources. A target listed twice in `targets` appears twice (both indices). An index
// beyond the graph's anchors is a caller's bug: std::out_of_range.
// `threads` 0 = all cores.
TravelTable travel_times(const RoadGraph& g, const std::vector<std::uint32_t>& sources,
                         const std::vector<std::uint32_t>& targets, double cutoff_minutes, unsigned threads = 0,
                         SearchStats* stats = nullptr);

}  // namespace careatlas::routing
