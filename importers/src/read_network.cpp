// The road network input of an import session ([network]): read_road_network (libosmium,
// read_osm*.cpp) into the registry's RoadNetwork, its rows and diagnostics into the file's
// report. With a project area (a prefecture's or the nation's extract read for one town),
// the ways that no trip within reach can use are dropped (AreaFilter::keep_road): counted
// as skipped, with one outside_project_area note.
#include <algorithm>
#include <span>

#include "careatlas/importers/road_reader.hpp"
#include "careatlas/model/project_area.hpp"
#include "osm_network_builder.hpp"
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
// many OSM ways were dropped entirely. The runs of a way split at missing nodes follow each
// other in net.ways: the way is dropped when none of its runs is kept.
std::int64_t crop_to_area(RoadNetwork& net, const AreaFilter& area) {
  std::vector<std::uint8_t> used(net.points.size(), 0);
  std::vector<RoadWay> ways;
  std::vector<std::uint32_t> way_nodes;
  std::int64_t dropped = 0;
  for (std::size_t w = 0; w < net.ways.size();) {
    std::size_t end = w;  // the runs of one OSM way: [w, end)
    bool keep = false;
    for (; end < net.ways.size() && net.ways[end].osm_id == net.ways[w].osm_id; ++end) {
      const auto nodes = std::span(net.way_nodes).subspan(net.ways[end].first, net.ways[end].count);
      keep = keep || std::any_of(nodes.begin(), nodes.end(), [&](std::uint32_t k) { return area.keep_road(net.points[k]); });
    }
    for (; w < end; ++w) {
      if (!keep) continue;
      RoadWay run = std::move(net.ways[w]);
      const auto nodes = std::span(net.way_nodes).subspan(run.first, run.count);
      run.first = static_cast<std::uint32_t>(way_nodes.size());
      for (const std::uint32_t k : nodes) used[k] = 1;
      way_nodes.insert(way_nodes.end(), nodes.begin(), nodes.end());
      ways.push_back(std::move(run));
    }
    dropped += keep ? 0 : 1;
  }
  net.ways = std::move(ways);
  net.way_nodes = std::move(way_nodes);
  if (dropped > 0) osm::drop_unused_points(net, used);
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
