#pragma once
// Label placement on a sheet: labels never overlap each other, the obstacles (legend,
// title block, symbols) or the frame's edge. Greedy by priority (ties: request order):
// each label takes the first free candidate position; a label with no free position near
// its anchor is moved further away with a leader line when allowed, otherwise dropped.
//
// Coordinates are paper millimetres, x to the right, y downwards.
#include <cstddef>
#include <optional>
#include <vector>

#include "careatlas/geometry/planar.hpp"

namespace careatlas::geometry {

struct PaperBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x0 <= x1, y0 <= y1
  bool intersects(const PaperBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  bool inside(const PaperBox& o) const { return x0 >= o.x0 && x1 <= o.x1 && y0 >= o.y0 && y1 <= o.y1; }
};

struct LabelRequest {
  XY anchor;                    // the labelled point (a district's label point, a facility)
  double width = 0, height = 0;  // the text's extent
  double gap = 0;     // point labels: distance kept from the anchor (symbol radius + margin)
  int priority = 0;   // higher is placed first
  bool area = false;  // area label: centred on the anchor first, then shifted; else the
                      // eight positions around the point (E, NE, SE, W, NW, SW, N, S)
  bool allow_leader = false;  // may be moved away with a leader line
  // The leader may cross obstacles (never labels or other leaders): the number of a symbol
  // buried under its neighbours can only leave through them.
  bool leader_over_obstacles = false;
  // Never dropped for want of room among obstacles (district names): when no free position
  // and no leader is found, the candidate that overlaps no other label and covers the
  // least obstacle area is taken — the label is then drawn over part of some symbols.
  bool must_place = false;
};

struct LabelPlacement {
  PaperBox box;
  bool leader = false;  // draw a line from leader_from (near the anchor) to leader_to (on the box)
  XY leader_from, leader_to;
  bool over_obstacles = false;  // a must_place label that covers part of some obstacles
};

struct LabelOptions {
  double padding = 0.5;          // free space kept around every label box (mm)
  double max_leader = 25.0;      // furthest a leader may carry a label (mm)
};

// One entry per request, in request order: the placement, or nullopt when dropped.
// Every placed box lies inside `frame`, and no two placed boxes (grown by padding/2)
// intersect, nor a placed box and an obstacle (except a must_place label's, marked
// over_obstacles); leader lines do not cross placed boxes.
std::vector<std::optional<LabelPlacement>> place_labels(const std::vector<LabelRequest>& requests,
                                                        const std::vector<PaperBox>& obstacles, const PaperBox& frame,
                                                        const LabelOptions& options = {});

}  // namespace careatlas::geometry
