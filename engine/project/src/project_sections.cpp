// The readers of each table of the project file: [[facilities]] and the other inputs,
// [locate], [network], [analysis], [[layers]], [[context]], [booklet].
#include "project_loader.hpp"

namespace careatlas::project::detail {

InputSpec Loader::input(const toml::table& t, InputRole role, const std::string& dir) const {
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

void Loader::locate(const toml::table& t, LocateSettings& s) const {
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

void Loader::analysis(const toml::table& t, AnalysisSettings& a) const {
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

ContextSpec Loader::context(const toml::table& t, const std::string& dir) const {
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
void Loader::booklet(const toml::table& t, BookletSettings& b) const {
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
InputSpec Loader::network(const toml::table& t, const std::string& dir, RoadSpeeds& speeds) const {
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

ProviderLayer Loader::layer(const toml::table& t) const {
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

}  // namespace careatlas::project::detail
