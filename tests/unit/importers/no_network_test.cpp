// No network, no surprises (safe_path.hpp, gdal_util.hpp): a path that is not a plain
// local file — a /vsi…/ virtual file system, a URL, a connection string — is refused
// before anything opens it, wherever it comes from (project file, import API, context
// layer, registry); GDAL opens only the allow-listed file formats, whatever a file's name;
// and GDAL's own network access is switched off. Nothing here needs a network: the point
// is that the refusal comes before any attempt, and the one test that would reach out (a
// GeoJSON whose CRS is a URL) points at a socket of this process on 127.0.0.1 and checks
// that nobody knocked.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "careatlas/importers/context_reader.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/safe_path.hpp"
#include "careatlas/project/project_file.hpp"
#include "golden_image.hpp"  // run_command
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {

// Paths that must never reach a reader, and a word their refusal must contain.
struct Refused {
  std::string path;
  std::string why;
};
const std::vector<Refused> kRefused = {
    {"/vsicurl/https://example.com/a.geojson", "/vsicurl/"},
    {"https://example.com/x.csv", "URL"},
    {"/vsizip//vsicurl/http://example.com/n03.zip/N03.shp", "/vsizip/"},
    {"PG:dbname=x", "connection string"},
    {"WFS:http://example.com/wfs", "URL"},
};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }


// The import_error of importing `s` alone ("(no error)" when it imports).
std::string import_failure(const InputSpec& s, Diagnostic* diag = nullptr) {
  try {
    import_all({s});
  } catch (const import_error& e) {
    if (diag) *diag = e.diagnostic();
    return e.what();
  }
  return "(no error)";
}

}  // namespace

// ---- the rule --------------------------------------------------------------------------

TEST(SafePath, RefusesVirtualFileSystemsUrlsConnectionStringsSharesAndInlineData) {
  const std::vector<std::string> refused = {
      "/vsicurl/https://example.com/a.geojson",
      "/vsicurl_streaming/http://example.com/a.geojson",
      "/vsis3/bucket/a.gpkg",
      "/vsizip//vsicurl/http://example.com/n03.zip/N03.shp",
      "/vsizip/local/N03.zip/N03.shp",  // local archives too: unpack them
      "/vsimem/x.geojson",
      "/vsistdin/",
      "/vsistdin?buffer_limit=1",
      "/vsicurl?url=http%3A%2F%2Fexample.com%2Fa.geojson",
      "../../../../vsicurl/http://example.com/a.geojson",  // becomes /vsicurl/… once resolved
      "/VSICURL/http://example.com/a.geojson",
      "https://example.com/x.csv",
      "http://127.0.0.1/x.csv",
      "ftp://example.com/x.csv",
      "file:///etc/passwd",
      "data/http://example.com/x.csv",
      "PG:dbname=x",
      "PG:dbname=x host=db.example.com",
      "MySQL:care,user=x",
      "MSSQL:server=x;database=y",
      "OCI:user/pass@db",
      "ODBC:dsn",
      "WFS:http://example.com/wfs",
      "OAPIF:https://example.com/ogcapi",
      "ESRIJSON:https://example.com/query",
      "GEOJSON:x.json",
      "CSV:x.csv",
      "GPKG:/tmp/x.gpkg:districts",
      "ElasticSearch:http://localhost:9200",
      "MongoDBv3:mongodb://localhost/care",
      "//fileserver/share/x.csv",
      "\\\\fileserver\\share\\x.csv",
      R"({"type":"FeatureCollection","features":[]})",
      "<OGRVRTDataSource><OGRVRTLayer name=\"x\"/></OGRVRTDataSource>",
      std::string("x.csv\0/vsicurl/http://example.com/", 34),
  };
  for (const std::string& p : refused) EXPECT_NE(nonlocal_path_reason(p), "") << p;

  const std::vector<std::string> allowed = {
      "kaigo/jigyosho_430.csv",
      "/abs/mesh.geojson",
      "../shared/data/real/kaigo/jigyosho_170_kochi-pref.csv",
      "N03-21_39_210101.json",
      "境界/みさき市.geojson",
      "C:/data/x.csv",  // a one-letter drive is no connection string
      "C:\\data\\x.csv",
      "./memo:2024.csv",  // a colon in a file name, written so
      "data/2024:04/x.csv",
      "2024:x.csv",
      "visits/x.csv",
      "districts.shp.zip",
      "",
  };
  for (const std::string& p : allowed) EXPECT_EQ(nonlocal_path_reason(p), "") << p;
}

TEST(SafePath, MessageNamesThePathWhereItCameFromAndWhy) {
  try {
    require_local_path("https://example.com/x.csv", "--facilities");
    FAIL() << "not refused";
  } catch (const config_error& e) {
    const std::string m = e.what();
    EXPECT_TRUE(contains(m, "--facilities \"https://example.com/x.csv\"")) << m;
    EXPECT_TRUE(contains(m, "is a URL (\"https://\")")) << m;
    EXPECT_TRUE(contains(m, "download the file")) << m;
  }
  const std::string vsi = nonlocal_path_reason("/vsizip//vsicurl/http://example.com/a.zip/a.shp");
  EXPECT_TRUE(contains(vsi, "\"/vsizip/\"")) << vsi;
  const std::string pg = nonlocal_path_reason("PG:dbname=x");
  EXPECT_TRUE(contains(pg, "\"PG:\"")) << pg;
  EXPECT_TRUE(contains(pg, "./PG:dbname=x")) << pg;  // how to name a local file of that name
}

// ---- the project file ------------------------------------------------------------------

TEST(NoNetworkProject, InputPathsNameTheProjectFileAndLine) {
  const std::string dir = scratch_dir("no_network_project");
  for (const char* role : {"facilities", "districts", "population", "survey"}) {
    for (const Refused& r : kRefused) {
      const std::string e = project_error(dir, "[project]\ntitle = \"x\"\n\n[[" + std::string(role) +
                                                   "]]\n# a file received from elsewhere\npath = \"" + r.path + "\"\n");
      EXPECT_TRUE(contains(e, dir + "/p.toml:6:8: [[" + role + "]] path \"" + r.path + "\"")) << e;
      EXPECT_TRUE(contains(e, r.why)) << e;
    }
  }
}

TEST(NoNetworkProject, ContextLayersAndTheOutputFolderToo) {
  const std::string dir = scratch_dir("no_network_project_context");
  const std::string e = project_error(dir, R"([[facilities]]
path = "f.csv"

[[context]]
name = "railways"
path = "https://example.com/N02-22_RailroadSection.geojson"
)");
  EXPECT_TRUE(contains(e, dir + "/p.toml:6:8: [[context]] \"railways\" path \"https://example.com/")) << e;
  EXPECT_TRUE(contains(e, "URL")) << e;

  const std::string o = project_error(dir, "[output]\ndir = \"/vsis3/municipality-bucket/out\"\n\n[[facilities]]\npath = \"f.csv\"\n");
  EXPECT_TRUE(contains(o, dir + "/p.toml:2:7: [output] dir \"/vsis3/municipality-bucket/out\"")) << o;
}

TEST(NoNetworkProject, LocalPathsStillResolveAgainstTheProjectFolder) {
  const std::string dir = scratch_dir("no_network_project_local");
  write_file(dir + "/p.toml", R"([[facilities]]
path = "./memo:2024.csv"

[[districts]]
path = "data/2024:04/ken-iki.geojson"
)");
  const project::ProjectConfig c = project::load_project(dir + "/p.toml");
  ASSERT_EQ(c.inputs.size(), 2u);
  EXPECT_EQ(c.inputs[0].path, dir + "/memo:2024.csv");
  EXPECT_EQ(c.inputs[1].path, dir + "/data/2024:04/ken-iki.geojson");
  for (const InputSpec& s : c.inputs) EXPECT_EQ(nonlocal_path_reason(s.path), "") << s.path;
}

// ---- the import API, the context-layer reader, the registry ----------------------------

TEST(NoNetworkImport, InputSpecPathsAreRefusedBeforeAnythingIsRead) {
  for (InputRole role : {InputRole::facilities, InputRole::districts, InputRole::population, InputRole::survey}) {
    for (const Refused& r : kRefused) {
      DiagnosticCollector sink;
      ImportSession s(sink);
      InputSpec in = spec(role, r.path);
      if (role == InputRole::districts) in.format = "ogr_polygons";  // straight to GDAL, were it not refused
      try {
        s.add(in);
        ADD_FAILURE() << r.path << " was not refused";
      } catch (const config_error& e) {
        const std::string m = e.what();
        EXPECT_TRUE(contains(m, std::string(to_string(role)) + " file \"" + r.path + "\"")) << m;
        EXPECT_TRUE(contains(m, r.why)) << m;
      }
      const Registry reg = s.finish();
      EXPECT_TRUE(reg.files.empty()) << "nothing recorded of " << r.path;
      EXPECT_TRUE(sink.items().empty());
    }
  }
}

TEST(NoNetworkImport, ContextLayerWithAUrlIsRefused) {
  for (const Refused& r : kRefused) {
    DiagnosticCollector sink;
    try {
      read_context_layer(context_spec("railways", r.path), sink);
      ADD_FAILURE() << r.path << " was not refused";
    } catch (const config_error& e) {
      const std::string m = e.what();
      EXPECT_TRUE(contains(m, "[[context]] \"railways\" file \"" + r.path + "\"")) << m;
      EXPECT_TRUE(contains(m, r.why)) << m;
    }
  }
}

TEST(NoNetworkImport, RegistryIsReadAndWrittenOnlyAsALocalFile) {
  EXPECT_THROW(read_registry("/vsicurl/https://example.com/registry.gpkg"), config_error);
  EXPECT_THROW(read_registry("https://example.com/registry.gpkg"), config_error);
  EXPECT_THROW(write_registry("/vsis3/municipality-bucket/registry.gpkg", Registry{}), config_error);
  EXPECT_FALSE(fs::exists("/vsis3"));
}

// ---- the driver allow-list --------------------------------------------------------------

namespace {

// A refused layer file: import_error on the file's path, naming the formats careatlas opens.
void expect_refused_format(const std::string& what, const std::string& path, const std::string& failure,
                           const Diagnostic& d) {
  EXPECT_TRUE(contains(failure, path)) << what << ": " << failure;
  EXPECT_EQ(d.file, path) << what;
  EXPECT_EQ(to_string(d.code), "header_unrecognised") << what;
  EXPECT_TRUE(contains(d.message, "GeoJSON, GeoJSONSeq, Shapefile")) << what << ": " << d.message;
  EXPECT_TRUE(contains(d.message, "GeoPackage")) << what << ": " << d.message;
  EXPECT_TRUE(contains(d.message, "GML")) << what << ": " << d.message;
}

}  // namespace

// The same districts as GML, which GDAL itself reads (ogrinfo proves it), are refused:
// the GML driver is not on the list, whatever the file is called.
TEST(NoNetworkFormats, GmlDistrictsAreRefusedNamingTheFormatsCareatlasOpens) {
  const std::string dir = scratch_dir("no_network_gml");
  const std::string gml = dir + "/N03-21_99_210101.gml";
  std::string log;
  ASSERT_EQ(run_command("ogr2ogr -f GML -nln N03 '" + gml + "' '" + fixture("boundaries/N03-21_99_210101_test.geojson") +
                            "'",
                        &log),
            0)
      << log;
  ASSERT_EQ(run_command("ogrinfo -ro -q '" + gml + "'", &log), 0) << "GDAL reads it: " << log;

  Diagnostic d;
  std::string failure = import_failure(spec(InputRole::districts, gml), &d);
  expect_refused_format("GML", gml, failure, d);

  // Named .geojson: the GeoJSON fast path finds no JSON, GDAL gets it, and refuses.
  const std::string disguised = dir + "/N03-21_99_210101.geojson";
  fs::copy_file(gml, disguised);
  failure = import_failure(spec(InputRole::districts, disguised), &d);
  expect_refused_format("GML named .geojson", disguised, failure, d);

  // As a context layer.
  DiagnosticCollector sink;
  try {
    read_context_layer(context_spec("districts", gml), sink);
    ADD_FAILURE() << "GML context layer read";
  } catch (const import_error& e) {
    expect_refused_format("GML context layer", gml, e.what(), e.diagnostic());
  }
}

// A CSV given to the OGR path (format = "ogr_points") is not read by GDAL's CSV driver:
// careatlas reads CSV itself, with its encodings, layouts and diagnostics.
TEST(NoNetworkFormats, CsvAsAnOgrLayerIsRefused) {
  const std::string dir = scratch_dir("no_network_csv");
  const std::string csv = dir + "/points.csv";
  write_file(csv, "id,name,lon,lat\n1,テスト診療所,135.0,34.0\n");
  std::string log;
  ASSERT_EQ(run_command("ogrinfo -ro -q '" + csv + "'", &log), 0) << "GDAL reads it: " << log;
  InputSpec s = spec(InputRole::facilities, csv);
  s.format = "ogr_points";
  s.kind = "clinic";
  Diagnostic d;
  const std::string failure = import_failure(s, &d);
  expect_refused_format("CSV", csv, failure, d);
}

// An OGR VRT names other data sources — files, URLs, connection strings — inside it:
// never opened, even when what it names is a local file.
TEST(NoNetworkFormats, VrtIsRefused) {
  const std::string dir = scratch_dir("no_network_vrt");
  const std::string vrt = dir + "/water.vrt";
  write_file(vrt, "<OGRVRTDataSource><OGRVRTLayer name=\"water\"><SrcDataSource>" +
                      fixture("context/water.geojson") + "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>\n");
  std::string log;
  ASSERT_EQ(run_command("ogrinfo -ro -q '" + vrt + "'", &log), 0) << "GDAL reads it: " << log;
  DiagnosticCollector sink;
  try {
    read_context_layer(context_spec("water", vrt), sink);
    ADD_FAILURE() << "VRT read";
  } catch (const import_error& e) {
    expect_refused_format("VRT", vrt, e.what(), e.diagnostic());
  }
}

// Every allowed format still opens: the same two lines written by GDAL as each of them.
TEST(NoNetworkFormats, EveryAllowedFormatOpens) {
  const std::string dir = scratch_dir("no_network_allowed");
  const std::string src = dir + "/lines.geojson";
  write_file(src, R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"a"},"geometry":{"type":"LineString","coordinates":[[135.0,34.0],[135.1,34.1]]}},
{"type":"Feature","properties":{"name":"b"},"geometry":{"type":"LineString","coordinates":[[135.2,34.2],[135.3,34.3]]}}
]})");
  struct Format {
    std::string driver, file, reported;
  };
  const std::vector<Format> formats = {
      {"", "lines.geojson", "GeoJSON"},
      {"GeoJSONSeq", "lines.geojsonl", "GeoJSONSeq"},
      {"ESRI Shapefile", "lines.shp", "ESRI Shapefile"},
      {"ESRI Shapefile", "zipped.shp.zip", "ESRI Shapefile"},
      {"GPKG", "lines.gpkg", "GPKG"},
      {"FlatGeobuf", "lines.fgb", "FlatGeobuf"},
      {"OpenFileGDB", "lines.gdb", "OpenFileGDB"},
      {"KML", "lines.kml", "KML"},
  };
  for (const Format& f : formats) {
    const std::string path = dir + "/" + f.file;
    if (!f.driver.empty()) {
      std::string log;
      ASSERT_EQ(run_command("ogr2ogr -f '" + f.driver + "' '" + path + "' '" + src + "'", &log), 0) << f.file << log;
    }
    DiagnosticCollector sink;
    const ContextRead r = read_context_layer(context_spec("lines", path), sink);
    EXPECT_EQ(r.report.encoding, f.reported) << f.file;
    EXPECT_EQ(r.report.imported, 2) << f.file;
    ASSERT_EQ(r.layer.features.size(), 2u) << f.file;
    int ends_at_b = 0;  // in any order (FlatGeobuf sorts by its spatial index)
    for (const ContextFeature& cf : r.layer.features) {
      ASSERT_EQ(cf.lines.size(), 1u) << f.file;
      const LonLat end = cf.lines[0].back();
      if (std::abs(end.lon - 135.3) < 1e-6 && std::abs(end.lat - 34.3) < 1e-6) ++ends_at_b;
    }
    EXPECT_EQ(ends_at_b, 1) << f.file;
  }
}

// ---- GDAL's own network access -----------------------------------------------------------

// A GeoJSON file may name its CRS by URL ("crs": {"type": "link", …}); GDAL's GeoJSON
// reader fetches it (OGRSpatialReference::importFromUrl) — a request made from the
// content of a local file. The URL here is a socket of this test on 127.0.0.1: with
// GDAL's network switched off, nobody connects, and the layer is read as lon/lat.
TEST(NoNetworkGdal, GeoJsonCrsLinkIsNotFetched) {
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/crs.wkt";

  const std::string dir = scratch_dir("no_network_crs_link");
  const std::string path = dir + "/railways.geojson";
  write_file(path, R"({"type":"FeatureCollection","crs":{"type":"link","properties":{"href":")" + url +
                       R"(","type":"ogcwkt"}},"features":[
{"type":"Feature","properties":{"N02_003":"テスト本線"},"geometry":{"type":"LineString","coordinates":[[135.0,34.0],[135.1,34.1]]}}
]})");
  DiagnosticCollector sink;
  const ContextRead r = read_context_layer(context_spec("railways", path), sink);
  EXPECT_EQ(r.report.imported, 1);

  const int knocked = ::accept(listener, nullptr, nullptr);
  EXPECT_LT(knocked, 0) << "careatlas connected to " << url;
  if (knocked >= 0) ::close(knocked);
  ::close(listener);
}
