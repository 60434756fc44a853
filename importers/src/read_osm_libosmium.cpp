// OSM PBF and XML (.osm, .osm.gz, .osm.bz2) through libosmium, in two passes: the ways
// only (osm_entity_bits::way; libosmium skips decoding the node groups of a PBF), then the
// nodes only, into the NetworkBuilder. PBF blobs are decoded on libosmium's thread pool.
// libosmium's exceptions (osmium/io/error.hpp and the format errors) become import_error:
// a file that stops in the middle gives no network at all.
#include <osmium/io/bzip2_compression.hpp>
#include <osmium/io/gzip_compression.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/io/xml_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/thread/pool.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>

#include "careatlas/importers/import_error.hpp"
#include "osm_formats.hpp"

namespace careatlas::osm {

namespace {

const char* osmium_format(Format f) {
  switch (f) {
    case Format::pbf: return "pbf";
    case Format::xml: return "osm";
    case Format::xml_gz: return "osm.gz";
    case Format::xml_bz2: return "osm.bz2";
    case Format::json: break;
  }
  return "osm";
}

std::string format_name(Format f) { return f == Format::pbf ? "OSM PBF" : "OSM XML"; }

// Pass 1: every way to the builder, with the tags that decide.
osmium::Timestamp read_ways(const osmium::io::File& file, osmium::thread::Pool& pool, NetworkBuilder& b,
                        std::string& header_stamp) {
  osmium::io::Reader reader{file, pool, osmium::osm_entity_bits::way};
  header_stamp = reader.header().get("osmosis_replication_timestamp");
  osmium::Timestamp newest;
  std::vector<std::int64_t> refs;
  while (const osmium::memory::Buffer buffer = reader.read()) {
    for (const osmium::Way& way : buffer.select<osmium::Way>()) {
      WayTags tags;
      for (const osmium::Tag& t : way.tags()) tags.set(t.key(), t.value());
      refs.clear();
      for (const osmium::NodeRef& nr : way.nodes()) refs.push_back(nr.ref());
      newest = std::max(newest, way.timestamp());
      b.way(way.id(), tags, refs);
    }
  }
  reader.close();
  return newest;
}

// Pass 2: the positions of the nodes the roads use. Metadata (timestamps) only when the
// file has no date of its own.
osmium::Timestamp read_nodes(const osmium::io::File& file, osmium::thread::Pool& pool, NetworkBuilder& b, bool with_meta) {
  osmium::io::Reader reader{file, pool, osmium::osm_entity_bits::node,
                            with_meta ? osmium::io::read_meta::yes : osmium::io::read_meta::no};
  osmium::Timestamp newest;
  while (const osmium::memory::Buffer buffer = reader.read()) {
    for (const osmium::Node& node : buffer.select<osmium::Node>()) {
      if (with_meta) newest = std::max(newest, node.timestamp());
      const osmium::Location loc = node.location();
      if (loc.valid() && b.wanted(node.id())) b.node(node.id(), LonLat{loc.lon(), loc.lat()});
    }
    if (!with_meta && b.done()) break;  // every node wanted found: the rest of the file is not needed
  }
  reader.close();
  return newest;
}

// The diagnostic of a libosmium failure: a file that ends early is truncated, one whose
// start is not of the format it claims (or, detected by name only, not OSM at all) is
// unrecognised, the rest is corrupt.
[[noreturn]] void fail_osmium(const std::string& path, const Detected& d, const std::exception& e) {
  const std::string what = e.what();
  const std::string fmt = format_name(d.format);
  const bool truncated = what.find("truncated") != std::string::npos || what.find("EOF") != std::string::npos ||
                         what.find("no element found") != std::string::npos ||
                         what.find("unclosed token") != std::string::npos ||
                         what.find("unexpected end") != std::string::npos;
  const bool foreign = dynamic_cast<const osmium::format_version_error*>(&e) != nullptr ||
                       what.find("Unknown top-level element") != std::string::npos ||
                       what.find("OSMHeader") != std::string::npos ||
                       what.find("max_blob_header_size") != std::string::npos;
  if (truncated && d.by_content)
    fail(path, DiagCode::file_truncated, what, "the " + fmt + " file ends in the middle (" + what + "); no network read");
  if (foreign || !d.by_content)
    fail(path, DiagCode::header_unrecognised, what,
         "not an " + fmt + " file libosmium can read (" + what + "); expected OSM PBF, OSM XML 0.6 or Overpass JSON");
  fail(path, DiagCode::file_unreadable, what, "the " + fmt + " file is corrupt (" + what + "); no network read");
}

// libosmium 2.19's PBF parser closes the file it reads only when the parse succeeds
// (PBFParser::run): after a pbf_error the descriptor stays open, one per failed read (found
// by the osm_xml fuzz target: "Too many open files"). This notes the descriptors open on
// the file before the read and closes the ones a failed read left behind (the reader and
// its threads are gone by then). Linux: /proc/self/fd.
class LeftOpen {
 public:
  explicit LeftOpen(const std::string& path) {
    std::error_code ec;
    target_ = std::filesystem::canonical(path, ec);
    if (!ec) before_ = scan();
  }
  void close_new() const {
    if (target_.empty()) return;
    for (const int fd : scan())
      if (!before_.contains(fd)) ::close(fd);
  }

 private:
  std::set<int> scan() const {
    std::set<int> fds;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
      std::error_code link_ec;
      if (std::filesystem::read_symlink(e.path(), link_ec) == target_ && !link_ec)
        fds.insert(std::atoi(e.path().filename().c_str()));
    }
    return fds;
  }
  std::filesystem::path target_;
  std::set<int> before_;
};

}  // namespace

Dates read_with_libosmium(const std::string& path, const Detected& d, NetworkBuilder& b) {
  Dates dates;
  const LeftOpen left_open(path);
  try {
    const osmium::io::File file{path, osmium_format(d.format)};
    osmium::thread::Pool pool;  // hardware threads (OSMIUM_POOL_THREADS overrides)
    osmium::Timestamp newest = read_ways(file, pool, b, dates.header);
    b.end_ways();
    newest = std::max(newest, read_nodes(file, pool, b, dates.header.empty()));
    if (newest.valid()) dates.newest = newest.to_iso();
  } catch (const import_error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    left_open.close_new();
    fail_osmium(path, d, e);
  }
  return dates;
}

}  // namespace careatlas::osm
