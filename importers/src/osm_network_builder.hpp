#pragma once
// The road network being read, pass by pass (read_osm_builder.cpp), whatever the format:
//   pass 1  way() for every way of the file, in file order: the roads are kept with their
//           node references, the rest counted by skip reason;
//           end_ways(): the referenced node ids sorted and made unique;
//   pass 2  node() for every node (wanted() tells the ones kept): their positions;
//   finish() splits the ways at missing nodes, keeps the nodes used, reports.
// Memory follows the roads: 8 bytes a node reference of a kept way (4 after pass 1), ~25
// bytes a node used.
// Not installed.
#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "careatlas/importers/road_reader.hpp"
#include "osm_tags.hpp"

namespace careatlas::osm {

// Drops the points of `net` that `used` (parallel to net.points) does not mark; the rest
// keep their order (ascending OSM id) and net.way_nodes is renumbered to them.
void drop_unused_points(RoadNetwork& net, const std::vector<std::uint8_t>& used);

// Counts the warnings it passes on, for the report.
class CountingSink final : public DiagnosticSink {
 public:
  explicit CountingSink(DiagnosticSink& inner) : inner_(inner) {}
  void report(Diagnostic d) override {
    if (d.severity == Severity::warning) ++warnings;
    inner_.report(std::move(d));
  }
  std::int64_t warnings = 0;

 private:
  DiagnosticSink& inner_;
};

class NetworkBuilder {
 public:
  NetworkBuilder(std::string path, DiagnosticSink& sink) : path_(std::move(path)), sink_(sink) {}

  // Pass 1: one way of the file (row = its ordinal, counted here).
  void way(std::int64_t id, const WayTags& tags, std::span<const std::int64_t> refs);
  // A way element the reader could not make sense of (JSON without id or nodes): rejected.
  void bad_way(std::string_view why);
  void end_ways();

  // Pass 2.
  bool wanted(std::int64_t id);  // fast when asked in ascending id order
  void node(std::int64_t id, LonLat p);  // for a wanted id only (the last one asked)
  bool done() const { return found_ == ids_.size(); }  // every wanted node found

  RoadRead finish(std::string format, std::string encoding, std::string edition);

 private:
  struct KeptWay {
    std::int64_t osm_id;
    std::int64_t row;
    std::uint32_t first, count;  // into refs_ (pass 1), idx_ (after end_ways)
    RoadClass road_class;
    Oneway oneway;
    double maxspeed_kmh;
    std::string name;
  };
  void diag(DiagCode code, std::int64_t row, std::string column, std::string value, std::string message);
  void skipped(SkipReason r, std::string_view value);
  void build_parts(const KeptWay& w, RoadNetwork& net, std::vector<std::uint8_t>& used);
  void report_skips();
  void report_summary(const RoadNetwork& net);

  std::string path_;
  CountingSink sink_;
  FileReport report_;
  std::int64_t row_ = 0;
  std::vector<KeptWay> ways_;
  std::vector<std::int64_t> refs_;    // pass 1: the node ids of the kept ways, way after way
  std::vector<std::uint32_t> idx_;    // after end_ways(): the same as indices into ids_
  std::vector<std::int64_t> ids_;     // sorted, unique: every node a kept way refers to
  std::vector<LonLat> points_;        // parallel to ids_
  std::vector<std::uint8_t> present_;  // parallel to ids_: the file holds the node
  std::size_t cursor_ = 0;            // pass 2: where the last wanted() search ended
  std::size_t found_ = 0;
  struct Skips {
    std::int64_t count = 0;
    std::map<std::string, std::int64_t, std::less<>> values;
  };
  std::array<Skips, kSkipReasonCount> skips_;
  std::array<std::int64_t, kRoadClassCount> kept_by_class_{};  // ways kept (once each, split or not)
};

// 1234567 → "1,234,567" (the messages' numbers).
std::string with_commas(std::int64_t n);

}  // namespace careatlas::osm
