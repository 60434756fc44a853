// The road network input of an import session ([network]): read_road_network (libosmium,
// read_osm*.cpp) into the registry's RoadNetwork, its rows and diagnostics into the file's
// report.
#include "careatlas/importers/road_reader.hpp"
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
  st.reg.roads = std::move(read.network);
}

}  // namespace careatlas
