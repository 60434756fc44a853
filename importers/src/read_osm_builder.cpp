// The road network of an OSM file assembled pass by pass (osm_network_builder.hpp), the
// same for PBF, XML and JSON: the roads kept in pass 1, their nodes' positions filled in
// pass 2, then the ways split at missing nodes, the unused nodes dropped, and the report.
#include <algorithm>

#include "osm_network_builder.hpp"

namespace careatlas::osm {

namespace {

// The lower bound of `id` in the sorted `v`, searched outward from `hint` (exponential
// search): O(log distance), so a run of nearby ids — the nodes of one way, the nodes of a
// file sorted by id — costs a few comparisons each instead of a binary search of the whole.
std::size_t find_near(const std::vector<std::int64_t>& v, std::size_t hint, std::int64_t id) {
  const std::size_t n = v.size();
  hint = std::min(hint, n);
  if (hint < n && v[hint] < id) {
    std::size_t lo = hint, step = 1;
    while (lo + step < n && v[lo + step] < id) {
      lo += step;
      step *= 2;
    }
    const std::size_t hi = std::min(lo + step, n);
    return static_cast<std::size_t>(std::lower_bound(v.begin() + static_cast<std::ptrdiff_t>(lo + 1),
                                                     v.begin() + static_cast<std::ptrdiff_t>(hi), id) - v.begin());
  }
  std::size_t hi = hint, step = 1;
  while (hi >= step && v[hi - step] >= id) {
    hi -= step;
    step *= 2;
  }
  const std::size_t lo = hi >= step ? hi - step : 0;
  return static_cast<std::size_t>(std::lower_bound(v.begin() + static_cast<std::ptrdiff_t>(lo),
                                                   v.begin() + static_cast<std::ptrdiff_t>(hi), id) - v.begin());
}

std::string way_name(std::int64_t id) { return "way " + std::to_string(id); }

std::string count_of(std::int64_t n, std::string_view what) {
  return with_commas(n) + " " + std::string(what) + (n == 1 ? "" : "s");
}

}  // namespace

std::string with_commas(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

void NetworkBuilder::diag(DiagCode code, std::int64_t row, std::string column, std::string value, std::string message) {
  careatlas::report(sink_, code, path_, row, std::move(column), std::move(value), std::move(message));
}

void NetworkBuilder::skipped(SkipReason r, std::string_view value) {
  Skips& s = skips_[static_cast<std::size_t>(r)];
  ++s.count;
  if (value.empty()) return;
  if (auto it = s.values.find(value); it != s.values.end()) ++it->second;
  else s.values.emplace(std::string(value), 1);
}

void NetworkBuilder::way(std::int64_t id, const WayTags& tags, std::span<const std::int64_t> refs) {
  ++row_;
  ++report_.rows_read;
  const WayVerdict v = interpret_way(tags);
  if (v.skip) {
    skipped(*v.skip, v.skip_value);
    ++report_.skipped;
    return;
  }
  if (v.oneway_invalid)
    diag(DiagCode::osm_value_invalid, row_, "oneway", std::string(tags.oneway),
         way_name(id) + ": oneway=" + std::string(tags.oneway) + " is none of yes, no, -1, reversible; read as untagged (" +
             (v.oneway == Oneway::forward ? "oneway by its class or junction)" : "both directions)"));
  if (v.maxspeed_invalid)
    diag(DiagCode::osm_value_invalid, row_, "maxspeed", std::string(tags.maxspeed),
         way_name(id) + ": maxspeed=" + std::string(tags.maxspeed) +
             " is not a speed (a number, km/h or mph); no speed limit read");
  KeptWay k{id, row_, static_cast<std::uint32_t>(refs_.size()), 0, v.road_class, v.oneway, v.maxspeed_kmh,
            std::string(tags.name)};
  for (const std::int64_t r : refs)
    if (refs_.size() == k.first || refs_.back() != r) refs_.push_back(r);  // repeated references dropped
  k.count = static_cast<std::uint32_t>(refs_.size() - k.first);
  ways_.push_back(std::move(k));
}

void NetworkBuilder::bad_way(std::string_view why) {
  ++row_;
  ++report_.rows_read;
  ++report_.rejected;
  diag(DiagCode::way_unusable, row_, "", "", std::string(why) + "; rejected");
}

void NetworkBuilder::end_ways() {
  ids_ = refs_;
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
  ids_.shrink_to_fit();
  // The references become indices into ids_ (half the memory of the ids).
  idx_.reserve(refs_.size());
  std::size_t hint = 0;
  for (const std::int64_t r : refs_) {
    hint = find_near(ids_, hint, r);
    idx_.push_back(static_cast<std::uint32_t>(hint));
  }
  refs_ = {};
  points_.assign(ids_.size(), LonLat{});
  present_.assign(ids_.size(), 0);
  cursor_ = 0;
}

bool NetworkBuilder::wanted(std::int64_t id) {
  cursor_ = find_near(ids_, cursor_, id);
  return cursor_ < ids_.size() && ids_[cursor_] == id && !present_[cursor_];
}

void NetworkBuilder::node(std::int64_t id, LonLat p) {
  if (cursor_ >= ids_.size() || ids_[cursor_] != id) return;  // not after wanted(id)
  points_[cursor_] = p;
  present_[cursor_] = 1;
  ++found_;
}

void NetworkBuilder::build_parts(const KeptWay& w, RoadNetwork& net, std::vector<std::uint8_t>& used) {
  std::size_t parts = 0, missing = 0, start = net.way_nodes.size();
  std::int64_t first_missing = 0;
  auto close_run = [&] {
    const std::size_t n = net.way_nodes.size() - start;
    if (n >= 2) {
      net.ways.push_back({w.osm_id, w.road_class, w.oneway, w.maxspeed_kmh, static_cast<std::uint32_t>(start),
                          static_cast<std::uint32_t>(n), w.name});
      for (std::size_t i = start; i < start + n; ++i) used[net.way_nodes[i]] = 1;
      ++parts;
    } else {
      net.way_nodes.resize(start);
    }
    start = net.way_nodes.size();
  };
  for (std::uint32_t i = w.first; i < w.first + w.count; ++i) {
    const std::uint32_t idx = idx_[i];
    if (present_[idx]) {
      net.way_nodes.push_back(idx);
      continue;
    }
    if (missing++ == 0) first_missing = ids_[idx];
    close_run();
  }
  close_run();
  const std::string n = with_commas(w.count), value = missing > 0 ? std::to_string(first_missing) : "";
  const std::string first = missing > 0 ? " (first: node " + value + ")" : "";
  if (parts == 0) {
    ++report_.rejected;
    diag(DiagCode::way_unusable, w.row, "nd", value,
         way_name(w.osm_id) + (w.count < 2 && missing == 0 ? " has fewer than two distinct nodes"
                               : missing == w.count   ? ": none of its " + n + " nodes is in the file" + first
                                                      : ": no two consecutive of its " + n + " nodes are in the file" + first) +
             "; rejected");
    return;
  }
  ++report_.imported;
  ++kept_by_class_[static_cast<std::size_t>(w.road_class)];
  if (missing > 0)
    diag(DiagCode::way_nodes_missing, w.row, "nd", value,
         way_name(w.osm_id) + ": " + with_commas(static_cast<std::int64_t>(missing)) + " of its " + n +
             " nodes are not in the file" + first + "; kept as " + std::to_string(parts) +
             (parts == 1 ? " part" : " parts") + " of two or more nodes");
}

void drop_unused_points(RoadNetwork& net, const std::vector<std::uint8_t>& used) {
  std::vector<std::uint32_t> remap(net.points.size(), 0);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < net.points.size(); ++i) {
    if (!used[i]) continue;
    remap[i] = static_cast<std::uint32_t>(kept);
    net.node_ids[kept] = net.node_ids[i];
    net.points[kept] = net.points[i];
    ++kept;
  }
  for (std::uint32_t& x : net.way_nodes) x = remap[x];
  net.node_ids.resize(kept);
  net.points.resize(kept);
}

void NetworkBuilder::report_skips() {
  for (std::size_t r = 0; r < kSkipReasonCount; ++r) {
    const Skips& s = skips_[r];
    if (s.count == 0) continue;
    const auto reason = static_cast<SkipReason>(r);
    std::vector<std::pair<std::int64_t, std::string_view>> values;
    for (const auto& [v, c] : s.values) values.emplace_back(-c, v);
    std::sort(values.begin(), values.end());  // commonest first, then by name
    std::string list;
    for (std::size_t i = 0; i < values.size() && i < 8; ++i)
      list += (i ? ", " : "") + std::string(values[i].second) + " " + with_commas(-values[i].first);
    if (values.size() > 8) list += " …";
    diag(DiagCode::ways_skipped, 0, std::string(listed_key(reason)), "",
  count_of(s.count, "way") + " skipped: " + std::string(describe(reason)) +
             (list.empty() ? "" : " (" + list + ")"));
  }
}

void NetworkBuilder::report_summary(const RoadNetwork& net) {
  const std::array<std::int64_t, kRoadClassCount>& ways = kept_by_class_;
  std::array<std::int64_t, kRoadClassCount> nodes{};
  std::vector<std::uint16_t> classes(net.points.size(), 0);  // a bit per class using the node
  for (const RoadWay& w : net.ways) {
    const auto c = static_cast<std::size_t>(w.road_class);
    for (std::uint32_t k = w.first; k < w.first + w.count; ++k)
      classes[net.way_nodes[k]] |= static_cast<std::uint16_t>(1u << c);
  }
  for (const std::uint16_t mask : classes)
    for (std::size_t c = 0; c < kRoadClassCount; ++c) nodes[c] += (mask >> c) & 1u;
  std::string by_class;
  for (const RoadClassInfo& info : road_class_table()) {
    const auto c = static_cast<std::size_t>(info.road_class);
    if (ways[c] == 0) continue;
    by_class += (by_class.empty() ? "" : ", ") + std::string(info.name) + " " + count_of(ways[c], "way") + " / " +
                count_of(nodes[c], "node");
  }
  diag(DiagCode::road_network_summary, 0, "", "",
       count_of(report_.imported, "road way") + " kept (" + with_commas(static_cast<std::int64_t>(net.ways.size())) +
           " after splitting at missing nodes), " + count_of(static_cast<std::int64_t>(net.points.size()), "node") +
           (by_class.empty() ? "" : "; by class: " + by_class));
}

RoadRead NetworkBuilder::finish(std::string format, std::string encoding, std::string edition) {
  RoadRead out;
  RoadNetwork& net = out.network;
  net.source_file = path_;
  net.format = format;
  net.edition = std::move(edition);
  std::vector<std::uint8_t> used(ids_.size(), 0);
  net.ways.reserve(ways_.size());
  net.way_nodes.reserve(idx_.size());
  for (const KeptWay& w : ways_) build_parts(w, net, used);
  ways_ = {};
  net.node_ids = std::move(ids_);
  net.points = std::move(points_);
  present_ = {};
  idx_ = {};
  drop_unused_points(net, used);
  report_skips();
  report_summary(net);
  report_.file = path_;
  report_.role = "network";
  report_.format = std::move(format);
  report_.encoding = std::move(encoding);
  report_.warnings = sink_.warnings;
  out.report = report_;
  return out;
}

}  // namespace careatlas::osm
