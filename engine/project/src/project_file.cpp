#include "careatlas/project/project_file.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <toml++/toml.h>

#include "careatlas/model/config_error.hpp"
#include "careatlas/model/safe_path.hpp"
#include "careatlas/project/strict_toml.hpp"

namespace careatlas::project {

namespace fs = std::filesystem;

namespace {

class Loader : public StrictToml {
 public:
  using StrictToml::StrictToml;

  std::string str(const toml::table& t, const std::string& key, const std::string& def = "") const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    if (auto s = n->value<std::string>()) return *s;
    fail(n->source(), "\"" + key + "\" must be a string");
  }

  // `raw`, the string value of `key` in `t`, resolved against the project's folder — once
  // it is known to be a plain local path (safe_path.hpp): a URL, /vsi…/ path or connection
  // string is an error naming this file, line and column. A relative path that passes as
  // written keeps passing once resolved ("./memo:2024.csv" stays "./memo:2024.csv", not
  // "memo:2024.csv", when the project is in the current folder).
  std::string local_path(const toml::table& t, const std::string& key, const std::string& raw, const std::string& dir,
                         const std::string& what) const {
    if (const std::string why = nonlocal_path_reason(raw); !why.empty())
      fail(t.get(key)->source(), what + " \"" + raw + "\" " + why);
    if (fs::path(raw).is_absolute()) return raw;
    std::string resolved = (fs::path(dir) / raw).lexically_normal().string();
    if (fs::path(resolved).is_relative() && !nonlocal_path_reason(resolved).empty()) resolved = "./" + resolved;
    return resolved;
  }

  int integer(const toml::table& t, const std::string& key, int def) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    if (auto v = n->value<int64_t>()) return static_cast<int>(*v);
    fail(n->source(), "\"" + key + "\" must be an integer");
  }

  std::vector<int> int_list(const toml::table& t, const std::string& key) const {
    std::vector<int> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) fail(n->source(), "\"" + key + "\" must be a list of integers, e.g. [2020, 2040]");
    for (const auto& e : *a) {
      auto v = e.value<int64_t>();
      if (!v) fail(e.source(), "\"" + key + "\" must hold integers");
      out.push_back(static_cast<int>(*v));
    }
    return out;
  }

  InputSpec input(const toml::table& t, InputRole role, const std::string& dir) const {
    only_keys(t, {"path", "format", "encoding", "layer", "columns", "kind", "level", "years", "year", "edition",
                  "attribution"},
              "[[" + std::string(to_string(role)) + "]]");
    InputSpec s;
    s.role = role;
    const std::string path = str(t, "path");
    if (path.empty()) fail(t.source(), "[[" + std::string(to_string(role)) + "]] needs a path");
    s.path = local_path(t, "path", path, dir, "[[" + std::string(to_string(role)) + "]] path");
    s.format = str(t, "format", "auto");
    s.encoding = str(t, "encoding", "auto");
    s.layer = str(t, "layer");
    s.kind = str(t, "kind");
    s.edition = str(t, "edition");
    s.attribution = str(t, "attribution");
    s.year = integer(t, "year", 0);
    s.years = int_list(t, "years");
    if (const toml::node* lv = t.get("level")) {
      auto v = lv->value<std::string>();
      auto l = v ? district_level_from_string(*v) : std::nullopt;
      if (!l) fail(lv->source(), "level must be municipality, daily_life_area or other");
      s.level = *l;
    }
    if (const toml::node* cols = t.get("columns")) {
      const toml::table* ct = cols->as_table();
      if (!ct) fail(cols->source(), "columns must be a table, e.g. columns = { id = \"圏域ID\" }");
      for (const auto& [k, v] : *ct) {
        auto sv = v.value<std::string>();
        if (!sv) fail(v.source(), "column mapping values must be strings");
        s.columns[std::string(k.str())] = *sv;
      }
    }
    return s;
  }

  void locate(const toml::table& t, LocateSettings& s) const {
    only_keys(t, {"suspect_distance_m", "replace_suspect", "coarsest_level"}, "[locate]");
    if (const toml::node* n = t.get("suspect_distance_m")) {
      s.suspect_distance_m = number(t, "suspect_distance_m", s.suspect_distance_m);
      if (!(s.suspect_distance_m > 0 && s.suspect_distance_m <= 100000))
        fail(n->source(), "suspect_distance_m must be more than 0 and at most 100000 (metres)");
    }
    s.replace_suspect = boolean(t, "replace_suspect").value_or(s.replace_suspect);
    if (const toml::node* n = t.get("coarsest_level")) {
      const auto v = n->value<std::string>();
      const auto l = v ? address_level_from_string(*v) : std::nullopt;
      if (!l) fail(n->source(), "coarsest_level must be block, chome, oaza or municipality (街区, 町丁目, 大字, 市区町村)");
      s.coarsest_level = *l;
    }
  }

  std::optional<bool> boolean(const toml::table& t, const std::string& key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    // is_boolean: toml++'s value<bool>() would also take 0 and 1.
    if (n->is_boolean()) return n->as_boolean()->get();
    fail(n->source(), "\"" + key + "\" must be true or false");
  }

  double number(const toml::table& t, const std::string& key, double def) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    if (auto v = n->value<double>()) return *v;
    fail(n->source(), "\"" + key + "\" must be a number");
  }

  std::vector<std::string> str_list(const toml::table& t, const std::string& key) const {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) fail(n->source(), "\"" + key + "\" must be a list of strings");
    for (const auto& e : *a) {
      auto v = e.value<std::string>();
      if (!v) fail(e.source(), "\"" + key + "\" must hold strings");
      out.push_back(*v);
    }
    return out;
  }

  // [project] area (a list of code strings), else municipality_code; each code checked.
  AreaCodes area(const toml::table& t, const std::string& municipality_code) const {
    const toml::node* n = t.get("area");
    if (!n) {
      if (municipality_code.empty()) return {};
      try {
        return AreaCodes({municipality_code});
      } catch (const std::invalid_argument& e) {
        fail(t.get("municipality_code")->source(), std::string("municipality_code: ") + e.what());
      }
    }
    const toml::array* a = n->as_array();
    if (!a || a->empty())
      fail(n->source(), "area must be a list of code strings, e.g. area = [\"27210\"] or [\"27\"]");
    std::vector<std::string> codes;
    for (const auto& e : *a) {
      auto v = e.value<std::string>();
      if (!v || !e.is_string())
        fail(e.source(), "area codes must be strings (\"01100\", not 1100: a number loses the leading zero)");
      try {
        codes.push_back(AreaCodes({*v}).codes().front());
      } catch (const std::invalid_argument& err) {
        fail(e.source(), err.what());
      }
    }
    return AreaCodes(codes);
  }

  // The error for a kind name careatlas does not know, listing the ones it does.
  static std::string unknown_kind(const std::string& name) {
    std::string known;
    for (const FacilityKind k : all_facility_kinds()) known += (known.empty() ? "" : ", ") + std::string(to_string(k));
    return "unknown kind \"" + name + "\" (known: " + known + ")";
  }

  // A list of facility kinds by their ASCII names, each named once; empty when the key is
  // absent. `when_absent` says what leaving the key out means (for the error on []).
  std::vector<FacilityKind> kind_list(const toml::table& t, const std::string& key, const std::string& when_absent) const {
    std::vector<FacilityKind> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const std::vector<std::string> names = str_list(t, key);
    if (names.empty()) fail(n->source(), key + " must name at least one kind; leave it out for " + when_absent);
    const toml::array& arr = *n->as_array();
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto kind = facility_kind_from_string(names[i]);
      if (!kind) fail(arr[i].source(), unknown_kind(names[i]));
      if (std::find(out.begin(), out.end(), *kind) != out.end())
        fail(arr[i].source(), "kind \"" + names[i] + "\" is named twice");
      out.push_back(*kind);
    }
    return out;
  }

  void analysis(const toml::table& t, AnalysisSettings& a) const {
    only_keys(t, {"epsg", "district_level", "base_year", "future_years", "e2sfca_d0", "e2sfca_d0_minutes", "access_layer",
                  "disc_segments", "top", "japanese_headers", "count_24h_hints"},
              "[analysis]");
    a.epsg = integer(t, "epsg", 0);
    if (const toml::node* lv = t.get("district_level")) {
      auto v = lv->value<std::string>();
      auto l = v ? district_level_from_string(*v) : std::nullopt;
      if (!l) fail(lv->source(), "district_level must be municipality, daily_life_area or other");
      a.district_level = *l;
    }
    a.base_year = integer(t, "base_year", 0);
    a.future_years = int_list(t, "future_years");
    a.e2sfca_d0 = number(t, "e2sfca_d0", 16000.0);
    if (a.e2sfca_d0 <= 0) fail(t.get("e2sfca_d0")->source(), "e2sfca_d0 must be positive (metres)");
    if (const toml::node* n = t.get("e2sfca_d0_minutes")) {
      a.e2sfca_d0_minutes = number(t, "e2sfca_d0_minutes", 0);
      if (!(a.e2sfca_d0_minutes > 0 && a.e2sfca_d0_minutes <= 240))
        fail(n->source(), "e2sfca_d0_minutes must be more than 0 and at most 240");
    }
    a.access_layer = str(t, "access_layer");
    a.disc_segments = integer(t, "disc_segments", 64);
    if (a.disc_segments < 8 || a.disc_segments % 4 != 0)
      fail(t.get("disc_segments")->source(), "disc_segments must be a multiple of 4, at least 8");
    a.top = integer(t, "top", 3);
    a.japanese_headers = boolean(t, "japanese_headers").value_or(true);
    a.count_24h_hints = boolean(t, "count_24h_hints").value_or(true);
  }

  ContextSpec context(const toml::table& t, const std::string& dir) const {
    only_keys(t, {"name", "path", "layer", "where", "attribution", "label", "encoding"}, "[[context]]");
    ContextSpec c;
    c.name = str(t, "name");
    if (c.name.empty()) fail(t.source(), "[[context]] needs a name: the style's context layer it feeds, e.g. \"railways\"");
    const std::string path = str(t, "path");
    if (path.empty()) fail(t.source(), "[[context]] needs a path");
    c.path = local_path(t, "path", path, dir, "[[context]] \"" + c.name + "\" path");
    c.layer = str(t, "layer");
    c.where = str(t, "where");
    c.label = str(t, "label");
    c.attribution = str(t, "attribution");
    // An empty 出典 line would silently drop a required attribution: omit the key instead.
    if (const toml::node* a = t.get("attribution"); a && c.attribution.empty())
      fail(a->source(), "attribution must not be empty; leave it out for the default");
    c.encoding = str(t, "encoding", "auto");
    if (c.encoding != "auto" && c.encoding != "utf-8" && c.encoding != "cp932")
      fail(t.get("encoding")->source(), "encoding must be auto, utf-8 or cp932");
    return c;
  }

  // [booklet] and its [booklet.filter] table.
  void booklet(const toml::table& t, BookletSettings& b) const {
    only_keys(t, {"title", "paper", "binding_mm", "kinds", "group_by", "district_maps", "split", "neighbours", "filter"},
              "[booklet]");
    b.title = str(t, "title");
    if (const toml::node* n = t.get("title"); n && b.title.empty())
      fail(n->source(), "[booklet] title must not be empty; leave it out for the default");
    if (const toml::node* n = t.get("paper")) {
      std::string p = str(t, "paper");
      std::transform(p.begin(), p.end(), p.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
      if (p != "A4" && p != "A5") fail(n->source(), "paper must be A4 or A5, not \"" + str(t, "paper") + "\"");
      b.paper = p;
    }
    if (const toml::node* n = t.get("binding_mm")) {
      b.binding_mm = number(t, "binding_mm", 20.0);
      if (!(b.binding_mm >= 10 && b.binding_mm <= 40)) fail(n->source(), "binding_mm must be between 10 and 40 (mm)");
    }
    b.kinds = kind_list(t, "kinds", "every kind");
    if (const toml::node* n = t.get("group_by")) {
      b.group_by = str(t, "group_by");
      if (b.group_by != "district" && b.group_by != "kind") fail(n->source(), "group_by must be district or kind");
    }
    b.district_maps = boolean(t, "district_maps").value_or(true);
    b.split = boolean(t, "split").value_or(false);
    b.neighbours = boolean(t, "neighbours").value_or(false);
    if (const toml::node* n = t.get("filter")) {
      const toml::table* f = n->as_table();
      if (!f) fail(n->source(), "filter must be a table: [booklet.filter]");
      only_keys(*f, {"kinds", "caremanager_contact", "home_visit", "support_24h", "survey_answered"},
                "[booklet.filter]");
      b.filter_kinds = kind_list(*f, "kinds", "the medical kinds (clinic, hospital, dental_clinic)");
      b.only_caremanager_contact = boolean(*f, "caremanager_contact").value_or(false);
      b.home_visit = boolean(*f, "home_visit");
      b.support_24h = boolean(*f, "support_24h");
      b.only_survey_answered = boolean(*f, "survey_answered").value_or(false);
    }
  }

  // [network]: the road network file (an input of role network) and how fast it is travelled.
  InputSpec network(const toml::table& t, const std::string& dir, RoadSpeeds& speeds) const {
    only_keys(t, {"path", "format", "edition", "attribution", "ferries", "offroad_kmh", "snap_max_m", "speeds"},
              "[network]");
    InputSpec s;
    s.role = InputRole::network;
    const std::string path = str(t, "path");
    if (path.empty()) fail(t.source(), "[network] needs a path: an OpenStreetMap .osm.pbf, .osm or Overpass JSON file");
    s.path = local_path(t, "path", path, dir, "[network] path");
    s.format = str(t, "format", "auto");
    if (s.format != "auto" && s.format != "osm_pbf" && s.format != "osm_xml" && s.format != "osm_json")
      fail(t.get("format")->source(), "[network] format must be auto, osm_pbf, osm_xml or osm_json");
    s.edition = str(t, "edition");
    s.attribution = str(t, "attribution");
    speeds.ferries = boolean(t, "ferries").value_or(false);
    speeds.offroad_kmh = positive(t, "offroad_kmh", speeds.offroad_kmh, 60, "km/h");
    speeds.snap_max_m = positive(t, "snap_max_m", speeds.snap_max_m, 50000, "metres");
    if (const toml::node* n = t.get("speeds")) {
      const toml::table* st = n->as_table();
      if (!st) fail(n->source(), "speeds must be a table: [network.speeds] with motorway = 80 …");
      for (const auto& [k, v] : *st) {
        const auto cls = parse_road_class(k.str());
        if (!cls) fail(v.source(), "unknown road class \"" + std::string(k.str()) + "\" (known: " + road_class_names() + ")");
        const auto kmh = v.value<double>();
        if (!kmh || !(*kmh >= 0 && *kmh <= 150))
          fail(v.source(), "the speed of " + std::string(k.str()) + " must be a number from 0 (not used) to 150 (km/h)");
        speeds.kmh[static_cast<std::size_t>(*cls)] = *kmh;
      }
    }
    if (!(speeds.fastest_kmh() > 0)) fail(t.source(), "[network.speeds] leaves no road class in use");
    return s;
  }

  double positive(const toml::table& t, const std::string& key, double def, double max, const std::string& unit) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    const double v = number(t, key, def);
    if (!(v > 0 && v <= max))
      fail(n->source(), key + " must be more than 0 and at most " + minutes_text(max) + " (" + unit + ")");
    return v;
  }

  static std::string road_class_names() {
    std::string out;
    for (const auto& info : road_class_table()) out += (out.empty() ? "" : ", ") + std::string(info.name);
    return out;
  }

  ProviderLayer layer(const toml::table& t) const {
    only_keys(t, {"name", "label", "radius_m", "travel_minutes", "kinds", "home_visit", "support_24h", "service_codes"},
              "[[layers]]");
    ProviderLayer l;
    l.name = str(t, "name");
    if (l.name.empty()) fail(t.source(), "[[layers]] needs a name");
    // The name goes into output file names (coverage_map_<name>.pdf) and CSV columns.
    if (!std::all_of(l.name.begin(), l.name.end(), [](unsigned char ch) {
          return std::isalnum(ch) || ch == '_' || ch == '-';
        }))
      fail(t.get("name")->source(), "[[layers]] name \"" + l.name +
                                        "\" may hold only ASCII letters, digits, _ and - (it names output files); "
                                        "put Japanese in label");
    l.label = str(t, "label", l.name);
    l.radius_m = number(t, "radius_m", 16000.0);
    if (l.radius_m <= 0) fail(t.get("radius_m")->source(), "radius_m must be positive (metres)");
    if (const toml::node* n = t.get("travel_minutes")) {
      l.travel_minutes = number(t, "travel_minutes", 0);
      if (!(l.travel_minutes > 0 && l.travel_minutes <= 240))
        fail(n->source(), "travel_minutes must be more than 0 and at most 240 (minutes by road)");
      l.straight_line = t.contains("radius_m");
    }
    for (const auto& k : str_list(t, "kinds")) {
      auto kind = facility_kind_from_string(k);
      if (!kind) fail(t.get("kinds")->source(), unknown_kind(k));
      l.kinds.insert(*kind);
    }
    l.home_visit = boolean(t, "home_visit");
    l.support_24h = boolean(t, "support_24h");
    for (const auto& s : str_list(t, "service_codes")) l.service_codes.insert(s);
    return l;
  }
};

}  // namespace

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
