#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <random>

#include "careatlas/geometry/label_placement.hpp"

namespace careatlas::geometry {
namespace {

const PaperBox kSheet{0, 0, 200, 150};

PaperBox grown(const PaperBox& b, double by) { return {b.x0 - by, b.y0 - by, b.x1 + by, b.y1 + by}; }

// Independent of the engine's clipping: separating axes (the box's two axes and the
// segment's normal). True when the closed segment meets the open interior of the box.
bool segment_meets_box_interior(XY a, XY b, const PaperBox& box) {
  if (std::max(a.x, b.x) <= box.x0 || std::min(a.x, b.x) >= box.x1) return false;
  if (std::max(a.y, b.y) <= box.y0 || std::min(a.y, b.y) >= box.y1) return false;
  const double nx = -(b.y - a.y), ny = b.x - a.x;  // the segment's normal
  const double s = nx * a.x + ny * a.y;
  const double c[4] = {nx * box.x0 + ny * box.y0, nx * box.x1 + ny * box.y0, nx * box.x0 + ny * box.y1,
                       nx * box.x1 + ny * box.y1};
  const double lo = *std::min_element(c, c + 4), hi = *std::max_element(c, c + 4);
  return lo < s && s < hi;
}

void expect_box(const PaperBox& got, const PaperBox& want) {
  EXPECT_NEAR(got.x0, want.x0, 1e-9);
  EXPECT_NEAR(got.y0, want.y0, 1e-9);
  EXPECT_NEAR(got.x1, want.x1, 1e-9);
  EXPECT_NEAR(got.y1, want.y1, 1e-9);
}

LabelRequest point_label(XY anchor, double w, double h, double gap, int priority = 0) {
  LabelRequest r;
  r.anchor = anchor;
  r.width = w;
  r.height = h;
  r.gap = gap;
  r.priority = priority;
  return r;
}

// A uniform double in [lo, hi) from mt19937, whose output sequence the standard fixes
// (std::uniform_real_distribution's is not), so the fixture is the same everywhere.
double uniform(std::mt19937& rng, double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(rng() >> 8) / 16777216.0;
}

struct Crowd {
  std::vector<LabelRequest> requests;
  std::vector<PaperBox> obstacles;
};

// 400 labels on a 20 × 20 jittered grid (10 mm × 7.5 mm pitch) over a 200 × 150 mm sheet,
// 6–30 mm wide, 3–5 mm tall: far more text than fits. A title bar and a legend block are
// obstacles. Priorities 0–3, every 4th label may take a leader, every 9th is an area label.
Crowd crowded_fixture() {
  Crowd c;
  std::mt19937 rng(20240611);
  for (int j = 0; j < 20; ++j)
    for (int i = 0; i < 20; ++i) {
      const XY anchor{5 + 10.0 * i + uniform(rng, -3, 3), 3.75 + 7.5 * j + uniform(rng, -2, 2)};
      LabelRequest r = point_label(anchor, uniform(rng, 6, 30), uniform(rng, 3, 5), 1.5,
                                   static_cast<int>(rng() % 4));
      const int n = j * 20 + i;
      r.allow_leader = n % 4 == 0;
      r.area = n % 9 == 0;
      c.requests.push_back(r);
    }
  c.obstacles.push_back({5, 3, 120, 13});     // title
  c.obstacles.push_back({150, 105, 195, 145});  // legend
  return c;
}

TEST(LabelPlacement, NoTwoPlacedBoxesIntersectOnACrowdedFixture) {
  const Crowd c = crowded_fixture();
  const LabelOptions options;  // padding 0.5, max_leader 25
  const auto placed = place_labels(c.requests, c.obstacles, kSheet, options);
  ASSERT_EQ(placed.size(), c.requests.size());

  std::vector<std::size_t> ids;
  std::size_t leaders = 0;
  for (std::size_t i = 0; i < placed.size(); ++i)
    if (placed[i]) {
      ids.push_back(i);
      leaders += placed[i]->leader ? 1 : 0;
    }
  const std::size_t dropped = placed.size() - ids.size();
  std::cout << "crowded fixture: " << placed.size() << " requests, " << ids.size() << " placed (" << leaders
            << " with a leader), " << dropped << " dropped\n";

  const double half_pad = options.padding / 2;
  for (const std::size_t i : ids) {
    const LabelRequest& r = c.requests[i];
    const PaperBox& b = placed[i]->box;
    EXPECT_NEAR(b.x1 - b.x0, r.width, 1e-9) << i;
    EXPECT_NEAR(b.y1 - b.y0, r.height, 1e-9) << i;
    EXPECT_TRUE(b.inside(kSheet)) << "label " << i << " leaves the frame";
    EXPECT_TRUE(grown(b, half_pad).inside(kSheet)) << "label " << i << " padding leaves the frame";
    for (const PaperBox& o : c.obstacles) EXPECT_FALSE(grown(b, half_pad).intersects(o)) << "label " << i;
  }
  for (std::size_t a = 0; a < ids.size(); ++a)
    for (std::size_t z = a + 1; z < ids.size(); ++z) {
      const PaperBox& p = placed[ids[a]]->box;
      const PaperBox& q = placed[ids[z]]->box;
      EXPECT_FALSE(p.intersects(q)) << ids[a] << " and " << ids[z];
      EXPECT_FALSE(grown(p, half_pad).intersects(grown(q, half_pad))) << ids[a] << " and " << ids[z] << " (padding)";
    }
  for (const std::size_t i : ids) {
    const LabelPlacement& p = *placed[i];
    if (!p.leader) continue;
    const LabelRequest& r = c.requests[i];
    const double gap = r.area ? 0.0 : r.gap;
    // From the anchor, shortened by the gap, to the box's nearest point; within max_leader.
    EXPECT_NEAR(std::hypot(p.leader_from.x - r.anchor.x, p.leader_from.y - r.anchor.y), gap, 1e-9) << i;
    EXPECT_NEAR(p.leader_to.x, std::clamp(r.anchor.x, p.box.x0, p.box.x1), 1e-9) << i;
    EXPECT_NEAR(p.leader_to.y, std::clamp(r.anchor.y, p.box.y0, p.box.y1), 1e-9) << i;
    EXPECT_LE(std::hypot(p.leader_to.x - p.leader_from.x, p.leader_to.y - p.leader_from.y), options.max_leader);
    for (const std::size_t other : ids) {
      if (other == i) continue;
      EXPECT_FALSE(segment_meets_box_interior(p.leader_from, p.leader_to, placed[other]->box))
          << "leader of " << i << " crosses " << other;
    }
    for (const PaperBox& o : c.obstacles)
      EXPECT_FALSE(segment_meets_box_interior(p.leader_from, p.leader_to, o)) << "leader of " << i;
  }
  EXPECT_GT(ids.size(), placed.size() * 3 / 10);  // a substantial share …
  EXPECT_LT(ids.size(), placed.size());           // … but not everything fits
  EXPECT_GT(leaders, 0U);                         // the fixture exercises leaders too
}

TEST(LabelPlacement, DeterministicForTheSameInput) {
  const Crowd c = crowded_fixture();
  const auto first = place_labels(c.requests, c.obstacles, kSheet);
  const auto second = place_labels(c.requests, c.obstacles, kSheet);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    ASSERT_EQ(first[i].has_value(), second[i].has_value()) << i;
    if (!first[i]) continue;
    const LabelPlacement& a = *first[i];
    const LabelPlacement& b = *second[i];
    EXPECT_TRUE(a.box.x0 == b.box.x0 && a.box.y0 == b.box.y0 && a.box.x1 == b.box.x1 && a.box.y1 == b.box.y1) << i;
    EXPECT_EQ(a.leader, b.leader) << i;
    EXPECT_EQ(a.leader_from, b.leader_from) << i;
    EXPECT_EQ(a.leader_to, b.leader_to) << i;
  }
}

TEST(LabelPlacement, SinglePointLabelGoesEastAtExactlyTheGap) {
  // Anchor (100, 50), 20 × 4, gap 2: E puts the left edge at 100 + 2 = 102 and centres
  // vertically: y 50 − 2 = 48 … 50 + 2 = 52.
  const auto placed = place_labels({point_label({100, 50}, 20, 4, 2)}, {}, kSheet);
  ASSERT_TRUE(placed[0]);
  expect_box(placed[0]->box, {102, 48, 122, 52});
  EXPECT_FALSE(placed[0]->leader);
}

TEST(LabelPlacement, CandidatesAreTriedInOrderEastNortheastSoutheastWestNorthwestSouthwestNorthSouth) {
  // Anchor (100, 50), 20 × 4, gap 2, so the diagonal offset is 0.7 · 2 = 1.4 (y downwards):
  const std::vector<PaperBox> expected{
      {102, 48, 122, 52},          // E: left edge 100 + 2, y 50 ∓ 2
      {101.4, 44.6, 121.4, 48.6},  // NE: bottom-left corner (100 + 1.4, 50 − 1.4)
      {101.4, 51.4, 121.4, 55.4},  // SE: top-left corner (101.4, 51.4)
      {78, 48, 98, 52},            // W: right edge 100 − 2
      {78.6, 44.6, 98.6, 48.6},    // NW: bottom-right corner (98.6, 48.6)
      {78.6, 51.4, 98.6, 55.4},    // SW: top-right corner (98.6, 51.4)
      {90, 44, 110, 48},           // N: x 100 ∓ 10, bottom edge 50 − 2
      {90, 52, 110, 56},           // S: top edge 50 + 2
  };
  // Block the first k candidates with a 1 × 1 mm obstacle at each one's centre; each such
  // obstacle misses every later candidate (even grown by the 0.25 mm half-padding), so the
  // label lands on candidate k — and is dropped once all eight are blocked.
  for (std::size_t k = 0; k <= expected.size(); ++k) {
    std::vector<PaperBox> obstacles;
    for (std::size_t c = 0; c < k; ++c) {
      const double cx = (expected[c].x0 + expected[c].x1) / 2, cy = (expected[c].y0 + expected[c].y1) / 2;
      obstacles.push_back({cx - 0.5, cy - 0.5, cx + 0.5, cy + 0.5});
    }
    const auto placed = place_labels({point_label({100, 50}, 20, 4, 2)}, obstacles, kSheet);
    if (k == expected.size()) {
      EXPECT_FALSE(placed[0]) << "all eight blocked, no leader allowed";
    } else {
      ASSERT_TRUE(placed[0]) << k;
      SCOPED_TRACE(k);
      expect_box(placed[0]->box, expected[k]);
    }
  }
}

TEST(LabelPlacement, AreaLabelIsCentredThenShifted) {
  LabelRequest r = point_label({100, 50}, 20, 4, 2);  // the gap plays no part for areas
  r.area = true;
  auto placed = place_labels({r}, {}, kSheet);
  ASSERT_TRUE(placed[0]);
  expect_box(placed[0]->box, {90, 48, 110, 52});  // x 100 ∓ 10, y 50 ∓ 2
  // An obstacle over the lower part of the centred box (y 51–52): next is half a height up,
  // y 46–50 (grown: ≤ 50.25 < 51), free.
  placed = place_labels({r}, {{99.5, 51, 100.5, 52}}, kSheet);
  ASSERT_TRUE(placed[0]);
  expect_box(placed[0]->box, {90, 46, 110, 50});
}

TEST(LabelPlacement, LabelNearTheFramesRightEdgeGoesWest) {
  // Anchor (190, 75), 20 × 4, gap 2: E/NE/SE would end at x ≥ 211 > 200. W: right edge
  // 190 − 2 = 188, left edge 168, y 73–77.
  auto placed = place_labels({point_label({190, 75}, 20, 4, 2)}, {}, kSheet);
  ASSERT_TRUE(placed[0]);
  expect_box(placed[0]->box, {168, 73, 188, 77});
  // In the top-right corner, anchor (190, 2): W would span y 0–4, grown by 0.25 it leaves
  // the frame; NW too (y1 = 2 − 1.4 = 0.6). SW: top-right corner (188.6, 3.4).
  placed = place_labels({point_label({190, 2}, 20, 4, 2)}, {}, kSheet);
  ASSERT_TRUE(placed[0]);
  expect_box(placed[0]->box, {168.6, 3.4, 188.6, 7.4});
}

TEST(LabelPlacement, HigherPriorityTakesTheFirstCandidate) {
  // Two 20 × 4 labels on the same anchor (100, 50), gap 2. The second request has the
  // higher priority, so it takes E (102, 48, 122, 52). The other: NE (y 44.6–48.6, grown
  // to 48.85) meets E grown from 47.75, so does SE; W (78–98, grown to 98.25 < 101.75) is
  // free.
  std::vector<LabelRequest> requests{point_label({100, 50}, 20, 4, 2, 0), point_label({100, 50}, 20, 4, 2, 5)};
  auto placed = place_labels(requests, {}, kSheet);
  ASSERT_TRUE(placed[0] && placed[1]);
  expect_box(placed[1]->box, {102, 48, 122, 52});
  expect_box(placed[0]->box, {78, 48, 98, 52});

  // Equal priority: request order decides.
  requests[1].priority = 0;
  placed = place_labels(requests, {}, kSheet);
  ASSERT_TRUE(placed[0] && placed[1]);
  expect_box(placed[0]->box, {102, 48, 122, 52});
  expect_box(placed[1]->box, {78, 48, 98, 52});

  // A frame that holds only E (grown 101.75–122.25 × 47.75–52.25): the lower one drops.
  requests[1].priority = 5;
  placed = place_labels(requests, {}, {99, 47, 123, 53});
  ASSERT_TRUE(placed[1]);
  expect_box(placed[1]->box, {102, 48, 122, 52});
  EXPECT_FALSE(placed[0]);
}

// Two bars leave a 3 mm corridor (y 73.5–76.5) through x 80–120 around the anchor
// (100, 75); a 4 mm tall label fits nowhere near it, and only a horizontal leader can
// leave the corridor without crossing a bar.
const std::vector<PaperBox> kBars{{80, 65, 120, 73.5}, {80, 76.5, 120, 85}};

LabelRequest boxed_in_label() {
  LabelRequest r = point_label({100, 75}, 10, 4, 1, 1);
  r.allow_leader = true;
  return r;
}

TEST(LabelPlacement, BlockedLabelIsCarriedAwayWithALeader) {
  // Rings every 1.5 · 4 = 6 mm. Going E, a ring r puts the box's left edge at
  // 100 + 1 + r: r = 6, 12, 18 give 107, 113, 119 — still on the bars (grown 118.75 < 120).
  // Other directions leave the corridor, so their leaders cross a bar. r = 24: box
  // 125–135 × 73–77, leader (101, 75) → (125, 75), 24 mm ≤ max_leader 25.
  auto placed = place_labels({boxed_in_label()}, kBars, kSheet);
  ASSERT_TRUE(placed[0]);
  const LabelPlacement& p = *placed[0];
  EXPECT_TRUE(p.leader);
  expect_box(p.box, {125, 73, 135, 77});
  EXPECT_NEAR(p.leader_from.x, 101, 1e-9);
  EXPECT_NEAR(p.leader_from.y, 75, 1e-9);
  EXPECT_NEAR(p.leader_to.x, 125, 1e-9);
  EXPECT_NEAR(p.leader_to.y, 75, 1e-9);
  EXPECT_LE(std::hypot(p.leader_to.x - p.leader_from.x, p.leader_to.y - p.leader_from.y), LabelOptions{}.max_leader);

  // Without leaders, or with leaders of at most 20 mm, it is dropped.
  LabelRequest no_leader = boxed_in_label();
  no_leader.allow_leader = false;
  EXPECT_FALSE(place_labels({no_leader}, kBars, kSheet)[0]);
  LabelOptions short_leaders;
  short_leaders.max_leader = 20;
  EXPECT_FALSE(place_labels({boxed_in_label()}, kBars, kSheet, short_leaders)[0]);
}

TEST(LabelPlacement, LeaderOverObstaclesMayCrossTheBarsButNotALabel) {
  // With leader_over_obstacles the first ring already works: the leader crosses a bar
  // (an obstacle) and the box sits clear of them. The same request with leaders of at
  // most 20 mm is then placed too, where the plain one is dropped.
  LabelRequest buried = boxed_in_label();
  buried.leader_over_obstacles = true;
  LabelOptions short_leaders;
  short_leaders.max_leader = 20;
  const auto placed = place_labels({buried}, kBars, kSheet, short_leaders);
  ASSERT_TRUE(placed[0]);
  EXPECT_TRUE(placed[0]->leader);
  for (const PaperBox& bar : kBars) EXPECT_FALSE(placed[0]->box.intersects(bar));
  EXPECT_LE(std::hypot(placed[0]->leader_to.x - placed[0]->leader_from.x,
                       placed[0]->leader_to.y - placed[0]->leader_from.y),
            20.0);
  // A label it would cross still stops it: an area label all round the anchor's ring.
  LabelRequest wall = point_label({100, 75}, 60, 60, 0, 9);
  wall.area = true;
  const auto walled = place_labels({wall, buried}, {}, kSheet, short_leaders);
  ASSERT_TRUE(walled[0]);
  EXPECT_FALSE(walled[1]);
}

TEST(LabelPlacement, LeaderDoesNotCrossAnEarlierLabel) {
  // A higher-priority area label centred on (122.5, 75), 3 × 2: box 121–124 × 74–76, in
  // the corridor's east mouth. The E leader (y = 75) would cross it, so at r = 24 the
  // label goes W instead (NE, SE leaders cross the bars): centre 100 − (1 + 24 + 5) = 70,
  // box 65–75 × 73–77, leader (99, 75) → (75, 75).
  LabelRequest plug = point_label({122.5, 75}, 3, 2, 0, 9);
  plug.area = true;
  const auto placed = place_labels({boxed_in_label(), plug}, kBars, kSheet);
  ASSERT_TRUE(placed[0] && placed[1]);
  expect_box(placed[1]->box, {121, 74, 124, 76});
  ASSERT_TRUE(placed[0]->leader);
  expect_box(placed[0]->box, {65, 73, 75, 77});
  EXPECT_NEAR(placed[0]->leader_from.x, 99, 1e-9);
  EXPECT_NEAR(placed[0]->leader_to.x, 75, 1e-9);
  EXPECT_NEAR(placed[0]->leader_to.y, 75, 1e-9);
}

TEST(LabelPlacement, LaterLabelIsNotPlacedOverAnEarlierLeader) {
  // The boxed-in label (priority 1) takes its leader (101, 75) → (125, 75). A 3 × 2 label
  // (priority 0) at (121, 75.5), gap 0.5 (diagonal offset 0.35):
  //   E  121.5–124.5 × 74.5–76.5: clear of the bars and of the box at 125 (grown edges
  //      124.75 just touch), but the leader at y = 75 runs through it;
  //   NE 121.35–124.35 × 73.15–75.15 (grown to 75.4): over the leader too;
  //   SE top-left corner (121.35, 75.85): 121.35–124.35 × 75.85–77.85, free.
  const LabelRequest small = point_label({121, 75.5}, 3, 2, 0.5, 0);
  auto placed = place_labels({boxed_in_label(), small}, kBars, kSheet);
  ASSERT_TRUE(placed[0] && placed[1]);
  ASSERT_TRUE(placed[0]->leader);
  expect_box(placed[1]->box, {121.35, 75.85, 124.35, 77.85});
  // Without the leader (the boxed-in label dropped) E is free.
  LabelRequest no_leader = boxed_in_label();
  no_leader.allow_leader = false;
  placed = place_labels({no_leader, small}, kBars, kSheet);
  EXPECT_FALSE(placed[0]);
  ASSERT_TRUE(placed[1]);
  expect_box(placed[1]->box, {121.5, 74.5, 124.5, 76.5});
}

TEST(LabelPlacement, PaddingKeepsLabelsApart) {
  // Two 10 × 4 labels, gap 0, anchors (100, 50) (placed first: E 100–110 × 48–52) and
  // (110.4, 50). The second's E box 110.4–120.4 × 48–52 is 0.4 mm from the first.
  // Padding 0.2 (grown ±0.1): the first ends at 110.1, the second starts at 110.3: E is free.
  // Padding 0.5 (grown ±0.25): 110.25 > 110.15, E is taken; every other candidate spans
  // x 100.4–110.4, 105.4–115.4 or 110.4–120.4 and y within 46–54, all within 0.5 mm of
  // the first box (grown 99.75–110.25 × 47.75–52.25): the second is dropped.
  const std::vector<LabelRequest> requests{point_label({100, 50}, 10, 4, 0, 1), point_label({110.4, 50}, 10, 4, 0)};
  LabelOptions thin;
  thin.padding = 0.2;
  auto placed = place_labels(requests, {}, kSheet, thin);
  ASSERT_TRUE(placed[0] && placed[1]);
  expect_box(placed[0]->box, {100, 48, 110, 52});
  expect_box(placed[1]->box, {110.4, 48, 120.4, 52});
  placed = place_labels(requests, {}, kSheet);  // padding 0.5
  ASSERT_TRUE(placed[0]);
  EXPECT_FALSE(placed[1]);
}

TEST(LabelPlacement, EmptyAndDegenerateInput) {
  EXPECT_TRUE(place_labels({}, {}, kSheet).empty());
  LabelRequest bad = point_label({std::nan(""), 50}, 10, 4, 1);
  const auto placed = place_labels({bad, point_label({100, 50}, 10, 4, 1)}, {}, kSheet);
  ASSERT_EQ(placed.size(), 2U);
  EXPECT_FALSE(placed[0]);
  ASSERT_TRUE(placed[1]);
  expect_box(placed[1]->box, {101, 48, 111, 52});
}

TEST(LabelPlacement, ADistrictNameAmongSymbolsIsPlacedOverTheFewestOfThem) {
  // A district's label point in a town centre packed with 3 × 3 mm symbols every 4 mm,
  // 60 mm each way: no free spot within any leader's reach.
  std::vector<PaperBox> symbols;
  for (double x = 70; x <= 130; x += 4)
    for (double y = 20; y <= 80; y += 4) symbols.push_back({x - 1.5, y - 1.5, x + 1.5, y + 1.5});
  LabelRequest name;
  name.anchor = {100, 50};
  name.width = 12;
  name.height = 3.5;
  name.priority = 100;
  name.area = true;
  name.allow_leader = true;
  // An ordinary label is dropped ...
  auto placed = place_labels({name}, symbols, kSheet);
  EXPECT_FALSE(placed[0]);
  // ... a must_place one is set over the symbols, where it covers the least of them.
  name.must_place = true;
  LabelRequest other = point_label({100.5, 46}, 8, 3, 0, 200);  // placed first, over the symbols too
  other.must_place = true;
  placed = place_labels({name, other}, symbols, kSheet);
  ASSERT_TRUE(placed[0] && placed[1]);
  EXPECT_TRUE(placed[0]->over_obstacles);
  EXPECT_FALSE(placed[0]->leader);
  EXPECT_FALSE(placed[0]->box.intersects(placed[1]->box));
  // Covered area: no other candidate of the name (centred and shifted) covers less.
  const auto covered = [&](const PaperBox& b) {
    double a = 0;
    for (const PaperBox& o : symbols)
      if (o.intersects(b)) a += (std::min(o.x1, b.x1) - std::max(o.x0, b.x0)) * (std::min(o.y1, b.y1) - std::max(o.y0, b.y0));
    return a;
  };
  const PaperBox centred{94, 48.25, 106, 51.75};
  EXPECT_LE(covered(placed[0]->box), covered(centred) + 1e-9);
}

}  // namespace
}  // namespace careatlas::geometry
