// The road network input of an import session ([network]): read_road_network (libosmium,
// read_osm*.cpp) into the registry's RoadNetwork, its rows and diagnostics into the file's
// report. With a project area (a prefecture's or the nation's extract read for one town),
// the ways that no trip within reach can use are dropped (AreaFilter::keep_road): counted
// as skipped, with one outside_project_area note.
#include <algorithm>
#include <span>
#include <unordered_set>

#include "careatlas/importers/road_reader.hpp"
#include "careatlas/model/project_area.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace {

// Passes the reader's diagnostics into the session, under the file's name as given.
class FileSink final : public DiagnosticSink {
 public:
  explicit FileSink(FileContext& ctx) : ctx_(ctx) {}
  void report(Diagnostic d) override {
    d.file = ctx_.name();
    ctx_.state().emit(ctx_.report_index(), std::move(d));
  }

 private:
  FileContext& ctx_;
};

// Keeps the ways with a node the area keeps (whole), and the points they use; returns how
// many OSM ways were dropped entirely (a way split at missing nodes is kept when one of
// its runs is).
std::int64_t crop_to_area(RoadNetwork& net, const AreaFilter& area) {
  std::vector<std::uint8_t> keep_point(net.points.size());
  for (std::size_t i = 0; i < net.points.size(); ++i) keep_point[i] = area.keep_road(net.points[i]) ? 1 : 0;
  std::vector<RoadWay> ways;
  std::vector<std::uint32_t> way_nodes;
  std::vector<std::uint32_t> new_index(net.points.size(), 0);  // 1-based; 0 = not used
  std::unordered_set<std::int64_t> kept_ids, dropped_ids;
  std::uint32_t next = 0;
  for (RoadWay w : net.ways) {
    const auto nodes = std::span(net.way_nodes).subspan(w.first, w.count);
    if (std::none_of(nodes.begin(), nodes.end(), [&](std::uint32_t k) { return keep_point[k] != 0; })) {
      dropped_ids.insert(w.osm_id);
      continue;
    }
    kept_ids.insert(w.osm_id);
    w.first = static_cast<std::uint32_t>(way_nodes.size());
    for (const std::uint32_t k : nodes) {
      if (new_index[k] == 0) new_index[k] = ++next;
      way_nodes.push_back(k);
    }
    ways.push_back(std::move(w));
  }
  if (ways.size() == net.ways.size()) return 0;
  // Points stay in ascending OSM id: renumber the used ones in their old order.
  std::vector<LonLat> points;
  std::vector<std::int64_t> ids;
  next = 0;
  for (std::size_t i = 0; i < net.points.size(); ++i) {
    if (new_index[i] == 0) continue;
    new_index[i] = next++;
    points.push_back(net.points[i]);
    ids.push_back(net.node_ids[i]);
  }
  for (std::uint32_t& k : way_nodes) k = new_index[k];
  net.points = std::move(points);
  net.node_ids = std::move(ids);
  net.way_nodes = std::move(way_nodes);
  net.ways = std::move(ways);
  std::int64_t dropped = 0;
  for (const std::int64_t id : dropped_ids) dropped += kept_ids.contains(id) ? 0 : 1;
  return dropped;
}

}  // namespace

void read_network(FileContext& ctx, const InputSpec& spec) {
  ImportSession::State& st = ctx.state();
  if (!st.reg.roads.empty())
    ctx.fail(DiagCode::header_unrecognised, 0, "", spec.path,
             "a project has one road network, and " + st.reg.roads.source_file + " was read already");
  FileSink sink(ctx);
  RoadRead read = read_road_network(spec.path, sink);
  FileReport& rep = ctx.report();
  rep.format = read.report.format;
  rep.encoding = read.report.encoding;
  rep.rows_read = read.report.rows_read;
  rep.imported = read.report.imported;
  rep.rejected = read.report.rejected;
  rep.skipped = read.report.skipped;  // warnings: counted as the diagnostics arrive
  read.network.source_file = spec.path;
  if (!spec.attribution.empty()) read.network.attribution = spec.attribution;  // e.g. a town's own survey in OSM format
  if (!spec.edition.empty()) read.network.edition = spec.edition;
  if (st.area) {
    if (const std::int64_t n = crop_to_area(read.network, *st.area); n > 0) {
      rep.imported -= n;
      rep.skipped += n;
      ctx.diag(DiagCode::outside_project_area, 0, "", std::to_string(n),
               std::to_string(n) + (n == 1 ? " way lies" : " ways lie") + " wholly beyond twice the reach of " +
                   st.area->description() + " (no trip within reach can use it); skipped");
    }
  }
  st.reg.roads = std::move(read.network);
}

}  // namespace careatlas
