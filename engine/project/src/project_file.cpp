#include "careatlas/project/project_file.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "project_loader.hpp"

namespace careatlas::project {

namespace fs = std::filesystem;
using detail::Loader;

bool ProjectConfig::has_network() const {
  return std::any_of(inputs.begin(), inputs.end(), [](const InputSpec& s) { return s.role == InputRole::network; });
}

ProjectConfig load_project(const std::string& path) {
  if (!fs::exists(path)) throw config_error(path + ": project file not found");
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw config_error(path + ":" + std::to_string(e.source().begin.line) + ":" +
                       std::to_string(e.source().begin.column) + ": " + std::string(e.description()));
  }
  Loader L(path);
  L.only_keys(root,
              {"project", "output", "facilities", "districts", "population", "survey", "addresses", "locate", "network",
               "analysis", "layers", "context", "booklet"},
              "the project file");
  ProjectConfig c;
  c.file = path;
  // Paths in the file resolve against its folder, kept relative when the project path
  // is, so that reports show "sample_data/misaki/kaigo/…" rather than absolute paths.
  c.dir = fs::path(path).parent_path().string();
  if (c.dir.empty()) c.dir = ".";
  c.reach_margin_m = -1;  // unless set: the largest layer radius, once the layers are known
  if (const toml::table* p = root["project"].as_table()) {
    L.only_keys(*p, {"title", "municipality", "municipality_code", "edition", "issuer", "area", "reach_margin_m"},
                "[project]");
    c.title = L.str(*p, "title");
    c.municipality = L.str(*p, "municipality");
    c.municipality_code = L.str(*p, "municipality_code");
    c.edition = L.str(*p, "edition");
    c.issuer = L.str(*p, "issuer");
    c.area = L.area(*p, c.municipality_code);
    if (const toml::node* n = p->get("reach_margin_m")) {
      c.reach_margin_m = L.number(*p, "reach_margin_m", 0);
      if (!(c.reach_margin_m >= 0 && c.reach_margin_m <= 200000))
        L.fail(n->source(), "reach_margin_m must be between 0 and 200000 (metres)");
    }
  }
  if (const toml::table* o = root["output"].as_table()) {
    L.only_keys(*o, {"dir"}, "[output]");
    const std::string d = L.str(*o, "dir");
    if (!d.empty()) c.output_dir = L.local_path(*o, "dir", d, c.dir, "[output] dir");
  }
  if (const toml::table* a = root["analysis"].as_table()) L.analysis(*a, c.analysis);
  if (const toml::node* n = root.get("locate")) {
    const toml::table* t = n->as_table();
    if (!t) L.fail(n->source(), "locate must be a table: [locate]");
    L.locate(*t, c.locate);
  }
  if (const toml::node* n = root.get("booklet")) {
    const toml::table* b = n->as_table();
    if (!b) L.fail(n->source(), "booklet must be a table: [booklet]");
    L.booklet(*b, c.booklet);
  }
  if (const toml::node* n = root.get("layers")) {
    const toml::array* arr = n->as_array();
    if (!arr) L.fail(n->source(), "use [[layers]] tables, one per provider layer");
    for (const auto& e : *arr) {
      const toml::table* t = e.as_table();
      if (!t) L.fail(e.source(), "[[layers]] entries must be tables");
      c.layers.push_back(L.layer(*t));
    }
  } else {
    c.layers = default_provider_layers();
  }
  std::optional<InputSpec> network;  // read after the other inputs (import order)
  if (const toml::node* n = root.get("network")) {
    const toml::table* t = n->as_table();
    if (!t) L.fail(n->source(), "network must be a table: [network] with path = \"….osm.pbf\"");
    network = L.network(*t, c.dir, c.network_speeds);
  }
  for (const ProviderLayer& l : c.layers)
    if (l.travel_minutes > 0 && !network)
      throw config_error(path + ": [[layers]] " + l.name +
                         " sets travel_minutes, which needs a road network: add [network] path = \"….osm.pbf\"");
  if (c.reach_margin_m < 0) {
    // The farthest a provider can be and still serve the area: its radius, or — by road —
    // the distance the fastest road class covers in the layer's minutes.
    c.reach_margin_m = 0;
    for (const ProviderLayer& l : c.layers) {
      if (l.straight_line) c.reach_margin_m = std::max(c.reach_margin_m, l.radius_m);
      if (l.travel_minutes > 0)
        c.reach_margin_m = std::max(c.reach_margin_m, l.travel_minutes / 60.0 * c.network_speeds.fastest_kmh() * 1000.0);
    }
  }
  for (std::size_t i = 0; i < c.layers.size(); ++i)
    for (std::size_t k = 0; k < i; ++k)
      if (c.layers[i].name == c.layers[k].name) throw config_error(path + ": two [[layers]] are named " + c.layers[i].name);
  const std::pair<const char*, InputRole> roles[] = {{"facilities", InputRole::facilities},
                                                      {"districts", InputRole::districts},
                                                      {"population", InputRole::population},
                                                      {"survey", InputRole::survey},
                                                      {"addresses", InputRole::addresses}};
  for (const auto& [key, role] : roles) {
    const toml::node* n = root.get(key);
    if (!n) continue;
    const toml::array* arr = n->as_array();
    if (!arr) L.fail(n->source(), std::string("use [[") + key + "]] tables, one per input file");
    for (const auto& e : *arr) {
      const toml::table* t = e.as_table();
      if (!t) L.fail(e.source(), std::string("[[") + key + "]] entries must be tables");
      c.inputs.push_back(L.input(*t, role, c.dir));
    }
  }
  if (network) c.inputs.push_back(std::move(*network));
  if (const toml::node* n = root.get("context")) {
    const toml::array* arr = n->as_array();
    if (!arr) L.fail(n->source(), "use [[context]] tables, one per context layer file");
    for (const auto& e : *arr) {
      const toml::table* t = e.as_table();
      if (!t) L.fail(e.source(), "[[context]] entries must be tables");
      c.context.push_back(L.context(*t, c.dir));
    }
  }
  if (c.inputs.empty()) throw config_error(path + ": the project names no input files");
  return c;
}

}  // namespace careatlas::project
