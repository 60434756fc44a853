// The strict TOML loader of map styles (format: styles/README.md). Every table accepts
// exactly its documented keys; every value is checked (type, range, colour syntax, enum
// name, attribute of the layer's source) and a problem is a config_error
// "FILE:LINE:COL: message" at the offending key or value, as Mapnik's strict mode does.
#include <toml++/toml.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <span>
#include <sstream>

#include "careatlas/model/config_error.hpp"
#include "careatlas/model/facility.hpp"
#include "careatlas/project/strict_toml.hpp"
#include "careatlas/style/style.hpp"
#include "style_values.hpp"

namespace careatlas::style {

namespace fs = std::filesystem;

namespace {

using namespace values;

enum class Bound { any, positive, non_negative };

class Loader : public project::StrictToml {
 public:
  using StrictToml::StrictToml;

  Style style(const toml::table& root) const {
    only_keys(root, {"style", "sheet", "heatmap", "layer"}, "the style file");
    Style s;
    s.name = fs::path(file()).stem().string();
    if (const toml::node* n = root.get("style")) {
      const toml::table& t = table(*n, "[style]", "name = \"default\" under a [style] header");
      only_keys(t, {"name"}, "[style]");
      s.name = text(t, "name", "[style]", s.name);
      if (s.name.empty()) fail(t.get("name")->source(), "the style's name must not be empty");
    }
    if (const toml::node* n = root.get("sheet"))
      s.sheet = sheet(table(*n, "[sheet]", "font = \"IPAexGothic\" under a [sheet] header"));
    if (const toml::node* n = root.get("heatmap"))
      s.heatmap = heatmap(table(*n, "[heatmap]", "zero = \"#ffffff\" under a [heatmap] header"));
    const toml::node* layers = root.get("layer");
    if (!layers) throw config_error(file() + ": the style has no [[layer]] (layers are drawn bottom to top)");
    std::map<std::string, std::uint32_t> seen;  // layer name -> line
    for (const toml::table* t : tables(*layers, "[[layer]]")) {
      s.layers.push_back(layer(*t));
      const toml::node* name = t->get("name");
      const auto [it, added] = seen.emplace(s.layers.back().name, name->source().begin.line);
      if (!added)
        fail(name->source(), "two layers are named " + in_quotes(it->first) + " (the first at line " +
                                 std::to_string(it->second) + ")");
    }
    return s;
  }

 private:
  const toml::table& table(const toml::node& n, std::string_view what, std::string_view example) const {
    const toml::table* t = n.as_table();
    if (!t) fail(n.source(), std::string(what) + " must be a table, e.g. " + std::string(example));
    return *t;
  }

  // The tables of an array of tables ([[layer]], [[layer.rule]]).
  std::vector<const toml::table*> tables(const toml::node& n, std::string_view what) const {
    const toml::array* a = n.as_array();
    if (!a) fail(n.source(), "use " + std::string(what) + " tables, one per entry");
    std::vector<const toml::table*> out;
    for (const auto& e : *a) {
      const toml::table* t = e.as_table();
      if (!t) fail(e.source(), std::string(what) + " entries must be tables");
      out.push_back(t);
    }
    return out;
  }

  std::string text(const toml::table& t, std::string_view key, std::string_view what, std::string def = "") const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    if (const auto* s = n->as_string()) return s->get();
    fail(n->source(), in_quotes(key) + " in " + std::string(what) + " must be a string");
  }

  std::string required_text(const toml::table& t, std::string_view key, std::string_view what) const {
    if (!t.get(key)) fail(t.source(), std::string(what) + " needs " + in_quotes(key));
    std::string s = text(t, key, what);
    if (s.empty()) fail(t.get(key)->source(), in_quotes(key) + " in " + std::string(what) + " must not be empty");
    return s;
  }

  double checked(const toml::node& n, std::string_view key, std::string_view what, Bound b) const {
    const std::optional<double> v = as_number(n);
    if (!v || !std::isfinite(*v)) fail(n.source(), in_quotes(key) + " in " + std::string(what) + " must be a number");
    if (b == Bound::positive && !(*v > 0))
      fail(n.source(),
           in_quotes(key) + " in " + std::string(what) + " must be greater than 0 (got " + number_text(*v) + ")");
    if (b == Bound::non_negative && *v < 0)
      fail(n.source(),
           in_quotes(key) + " in " + std::string(what) + " must not be negative (got " + number_text(*v) + ")");
    return *v;
  }

  double number(const toml::table& t, std::string_view key, std::string_view what, double def, Bound b) const {
    const toml::node* n = t.get(key);
    return n ? checked(*n, key, what, b) : def;
  }

  std::vector<double> numbers(const toml::node& n, std::string_view key, std::string_view what, Bound b) const {
    const toml::array* a = n.as_array();
    if (!a) fail(n.source(), in_quotes(key) + " in " + std::string(what) + " must be a list of numbers");
    std::vector<double> out;
    for (const auto& e : *a) out.push_back(checked(e, key, what, b));
    return out;
  }

  bool boolean(const toml::table& t, std::string_view key, std::string_view what, bool def) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    if (const auto* b = n->as_boolean()) return b->get();
    fail(n->source(), in_quotes(key) + " in " + std::string(what) + " must be true or false");
  }

  int integer(const toml::table& t, std::string_view key, std::string_view what, int def) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    const auto* i = n->as_integer();
    if (!i || i->get() < std::numeric_limits<int>::min() || i->get() > std::numeric_limits<int>::max())
      fail(n->source(), in_quotes(key) + " in " + std::string(what) + " must be an integer");
    return static_cast<int>(i->get());
  }

  Colour colour(const toml::node& n, std::string_view key, std::string_view what) const {
    const auto* s = n.as_string();
    const std::optional<Colour> c = s ? parse_colour(s->get()) : std::nullopt;
    if (!c) {
      const std::string value = s ? in_quotes(s->get()) : "(not a string)";
      fail(n.source(), "bad colour " + value + " for " + in_quotes(key) + " in " + std::string(what) +
                           " (use \"#rrggbb\" or \"#rrggbbaa\")");
    }
    return *c;
  }

  Colour colour(const toml::table& t, std::string_view key, std::string_view what, Colour def) const {
    const toml::node* n = t.get(key);
    return n ? colour(*n, key, what) : def;
  }

  template <class E>
  E choice(const toml::node& n, std::string_view noun, std::span<const Named<E>> names) const {
    const auto* s = n.as_string();
    if (s)
      for (const auto& nm : names)
        if (nm.name == s->get()) return nm.value;
    fail(n.source(), "unknown " + std::string(noun) + " " + (s ? in_quotes(s->get()) : std::string("value")) +
                         " (allowed: " + join(names) + ")");
  }

  template <class E>
  E choice(const toml::table& t, std::string_view key, std::string_view noun, std::span<const Named<E>> names,
           E def) const {
    const toml::node* n = t.get(key);
    return n ? choice(*n, noun, names) : def;
  }

  SheetStyle sheet(const toml::table& t) const {
    constexpr std::string_view w = "[sheet]";
    only_keys(t, {"font", "title_pt", "subtitle_pt", "legend_pt", "note_pt", "frame", "background"}, w);
    SheetStyle s;
    s.font = text(t, "font", w, s.font);
    if (s.font.empty()) fail(t.get("font")->source(), "\"font\" in [sheet] must name a font family");
    s.title_pt = number(t, "title_pt", w, s.title_pt, Bound::positive);
    s.subtitle_pt = number(t, "subtitle_pt", w, s.subtitle_pt, Bound::positive);
    s.legend_pt = number(t, "legend_pt", w, s.legend_pt, Bound::positive);
    s.note_pt = number(t, "note_pt", w, s.note_pt, Bound::positive);
    s.frame = colour(t, "frame", w, s.frame);
    s.background = colour(t, "background", w, s.background);
    return s;
  }

  Layer layer(const toml::table& t) const {
    constexpr std::string_view w = "[[layer]]";
    only_keys(t, {"name", "source", "maps", "context", "rule"}, w);
    Layer l;
    l.name = required_text(t, "name", w);
    const toml::node* src = t.get("source");
    if (!src) fail(t.source(), "[[layer]] " + in_quotes(l.name) + " needs a source (" + join(kSources) + ")");
    l.source = choice(*src, "source", std::span<const Named<Source>>(kSources));
    if (const toml::node* m = t.get("maps")) {
      const toml::array* a = m->as_array();
      if (!a) fail(m->source(), "\"maps\" in [[layer]] must be a list of map kinds, e.g. [\"resource\", \"atlas\"]");
      for (const auto& e : *a) {
        const auto* s = e.as_string();
        bool known = false;
        for (std::string_view k : kMapKinds) known = known || (s && s->get() == k);
        if (!known)
          fail(e.source(), "unknown map kind " + (s ? in_quotes(s->get()) : std::string("value")) +
                               " in \"maps\" (allowed: " + join(kMapKinds) + ")");
        l.maps.push_back(s->get());
      }
    }
    if (l.source == Source::context) {
      if (!t.get("context"))
        fail(t.source(), "layer " + in_quotes(l.name) +
                             " has source = \"context\" and needs context = \"...\", the name of the project's "
                             "context layer");
      l.context = required_text(t, "context", "[[layer]]");
    } else if (const toml::node* c = t.get("context")) {
      fail(c->source(), "\"context\" is only for source = \"context\" (layer " + in_quotes(l.name) +
                            " has source = \"" +
                            std::string(name_of(l.source, std::span<const Named<Source>>(kSources))) + "\")");
    }
    const toml::node* rules = t.get("rule");
    if (!rules) fail(t.source(), "layer " + in_quotes(l.name) + " has no [[layer.rule]]");
    for (const toml::table* r : tables(*rules, "[[layer.rule]]")) l.rules.push_back(rule(*r, l.source));
    if (l.rules.empty()) fail(t.source(), "layer " + in_quotes(l.name) + " has no [[layer.rule]]");
    return l;
  }

  Rule rule(const toml::table& t, Source source) const {
    constexpr std::string_view w = "[[layer.rule]]";
    only_keys(t, {"legend", "filter", "fill", "line", "point", "label", "classes"}, w);
    Rule r;
    r.source_line = static_cast<int>(t.source().begin.line);
    r.legend = text(t, "legend", w);
    if (const toml::node* f = t.get("filter")) r.filter = filter(*f, source);
    if (const toml::node* n = t.get("fill")) r.fill = fill(table(*n, "fill", "fill = { colour = \"#eeeeee\" }"));
    if (const toml::node* n = t.get("line")) r.line = line(table(*n, "line", "line = { colour = \"#333333\" }"));
    if (const toml::node* n = t.get("point")) r.point = point(table(*n, "point", "point = { shape = \"circle\" }"));
    if (const toml::node* n = t.get("label"))
      r.label = label(table(*n, "label", "label = { field = \"name\" }"), source);
    if (const toml::node* n = t.get("classes"))
      r.classes = classes(table(*n, "classes", "classes = { field = \"pop65\", colours = [...] }"), source);
    if (r.fill && r.classes)
      fail(t.get("classes")->source(), "a rule has either fill or classes, not both (classes fill the area already)");
    if (!r.fill && !r.classes && !r.line && !r.point && !r.label)
      fail(t.source(), "the rule draws nothing: give it fill, line, point, label or classes");
    return r;
  }

  // An attribute named by a filter, label or classes must be one the source offers.
  AttributeType attribute(const toml::source_region& where, std::string_view name, Source source,
                          std::string_view what) const {
    const std::optional<AttributeType> type = attribute_type(source, name);
    if (!type)
      fail(where, "unknown attribute " + in_quotes(name) + " in " + std::string(what) + ": source " +
                      std::string(name_of(source, std::span<const Named<Source>>(kSources))) + " offers " +
                      join(attributes_of(source)));
    return *type;
  }

  Value filter_value(const toml::node& n, std::string_view attr, AttributeType type, Source source) const {
    const auto bad = [&](const std::string& expected) {
      fail(n.source(), "filter value for " + in_quotes(attr) + " must be " + expected);
    };
    Value v;
    if (const auto* b = n.as_boolean())
      v = b->get();
    else if (const auto* i = n.as_integer())
      v = static_cast<long long>(i->get());
    else if (const auto* f = n.as_floating_point())
      v = f->get();
    else if (const auto* s = n.as_string())
      v = s->get();
    else
      bad("a string, a number, true/false or a list of them");
    if (type == AttributeType::text && !std::holds_alternative<std::string>(v)) bad("a string");
    if (type == AttributeType::number && !std::holds_alternative<long long>(v) && !std::holds_alternative<double>(v))
      bad("a number");
    if (type == AttributeType::boolean && !std::holds_alternative<bool>(v)) bad("true or false");
    if (source == Source::facilities && attr == "kind" && !facility_kind_from_string(std::get<std::string>(v))) {
      std::vector<std::string_view> known;
      for (FacilityKind k : all_facility_kinds()) known.push_back(to_string(k));
      fail(n.source(),
           "unknown facility kind " + in_quotes(std::get<std::string>(v)) + " (known: " + join(known) + ")");
    }
    return v;
  }

  std::vector<Condition> filter(const toml::node& n, Source source) const {
    const toml::table& t = table(n, "filter", "filter = { kind = \"clinic\", support_24h = true }");
    std::vector<Condition> out;
    for (const auto& [k, v] : t) {
      Condition c;
      c.attribute = std::string(k.str());
      const AttributeType type = attribute(k.source(), c.attribute, source, "[layer.rule] filter");
      if (const toml::array* a = v.as_array()) {
        if (a->empty())
          fail(v.source(), "filter list for " + in_quotes(c.attribute) + " is empty (it would match nothing)");
        for (const auto& e : *a) c.any_of.push_back(filter_value(e, c.attribute, type, source));
      } else {
        c.any_of.push_back(filter_value(v, c.attribute, type, source));
      }
      out.push_back(std::move(c));
    }
    return out;
  }

  FillSymbolizer fill(const toml::table& t) const {
    constexpr std::string_view w = "[layer.rule] fill";
    only_keys(t, {"colour", "hatch", "hatch_colour"}, w);
    FillSymbolizer f;
    f.colour = colour(t, "colour", w, f.colour);
    f.hatch = choice(t, "hatch", "hatch", std::span<const Named<Hatch>>(kHatches), f.hatch);
    f.hatch_colour = colour(t, "hatch_colour", w, f.hatch_colour);
    return f;
  }

  LineSymbolizer line(const toml::table& t) const {
    constexpr std::string_view w = "[layer.rule] line";
    only_keys(t, {"colour", "width_mm", "dash_mm"}, w);
    LineSymbolizer l;
    l.colour = colour(t, "colour", w, l.colour);
    l.width_mm = number(t, "width_mm", w, l.width_mm, Bound::non_negative);
    if (const toml::node* d = t.get("dash_mm")) l.dash_mm = numbers(*d, "dash_mm", w, Bound::positive);
    return l;
  }

  PointSymbolizer point(const toml::table& t) const {
    constexpr std::string_view w = "[layer.rule] point";
    only_keys(t, {"shape", "size_mm", "fill", "stroke", "stroke_mm", "dash_mm", "number"}, w);
    PointSymbolizer p;
    p.shape = choice(t, "shape", "shape", std::span<const Named<Shape>>(kShapes), p.shape);
    p.size_mm = number(t, "size_mm", w, p.size_mm, Bound::positive);
    p.fill = colour(t, "fill", w, p.fill);
    p.stroke = colour(t, "stroke", w, p.stroke);
    p.stroke_mm = number(t, "stroke_mm", w, p.stroke_mm, Bound::non_negative);
    if (const toml::node* d = t.get("dash_mm")) p.dash_mm = numbers(*d, "dash_mm", w, Bound::positive);
    p.number = boolean(t, "number", w, p.number);
    return p;
  }

  LabelSymbolizer label(const toml::table& t, Source source) const {
    constexpr std::string_view w = "[layer.rule] label";
    only_keys(t, {"field", "size_pt", "colour", "halo", "halo_mm", "bold", "priority"}, w);
    LabelSymbolizer l;
    l.field = text(t, "field", w, l.field);
    const toml::node* field = t.get("field");
    attribute(field ? field->source() : t.source(), l.field, source, "[layer.rule] label");
    l.size_pt = number(t, "size_pt", w, l.size_pt, Bound::positive);
    l.colour = colour(t, "colour", w, l.colour);
    l.halo = colour(t, "halo", w, l.halo);
    l.halo_mm = number(t, "halo_mm", w, l.halo_mm, Bound::non_negative);
    l.bold = boolean(t, "bold", w, l.bold);
    l.priority = integer(t, "priority", w, l.priority);
    return l;
  }

  ClassedFill classes(const toml::table& t, Source source) const {
    constexpr std::string_view w = "[layer.rule] classes";
    only_keys(t, {"field", "method", "colours", "breaks", "hatch_last"}, w);
    ClassedFill c;
    c.field = required_text(t, "field", w);
    const AttributeType type = attribute(t.get("field")->source(), c.field, source, w);
    if (type == AttributeType::text || type == AttributeType::boolean)
      fail(t.get("field")->source(), "classes need a numeric attribute; " + in_quotes(c.field) + " is not a number");
    c.method = choice(t, "method", "method", std::span<const Named<ClassMethod>>(kMethods), c.method);
    const toml::node* colours = t.get("colours");
    if (!colours) fail(t.source(), "classes need \"colours\", one per class, light to dark");
    c.colours = colour_list(*colours, w);
    c.breaks = class_breaks(t, c.method, c.colours.size(), w);
    c.hatch_last = choice(t, "hatch_last", "hatch", std::span<const Named<Hatch>>(kHatches), c.hatch_last);
    return c;
  }

  // At least two colours, light to dark.
  std::vector<Colour> colour_list(const toml::node& n, std::string_view what) const {
    const toml::array* a = n.as_array();
    if (!a) fail(n.source(), "\"colours\" in " + std::string(what) + " must be a list of colours");
    std::vector<Colour> out;
    for (const auto& e : *a) out.push_back(colour(e, "colours", what));
    if (out.size() < 2) fail(n.source(), "classes need at least 2 colours (got " + std::to_string(out.size()) + ")");
    return out;
  }

  // "breaks": required for method = "manual" (one fewer than the colours, strictly
  // ascending), forbidden for the other methods.
  std::vector<double> class_breaks(const toml::table& t, ClassMethod method, std::size_t colours,
                                   std::string_view w) const {
    const toml::node* node = t.get("breaks");
    if (method != ClassMethod::manual) {
      if (node)
        fail(node->source(), "\"breaks\" are only for method = \"manual\" (this is method = \"" +
                                 std::string(name_of(method, std::span<const Named<ClassMethod>>(kMethods))) + "\")");
      return {};
    }
    if (!node)
      fail(t.source(), "method = \"manual\" needs \"breaks\", the upper bounds of all classes but the last (" +
                           std::to_string(colours - 1) + " ascending values for " + std::to_string(colours) +
                           " colours)");
    std::vector<double> breaks = numbers(*node, "breaks", w, Bound::any);
    if (breaks.size() != colours - 1)
      fail(node->source(), "\"breaks\" needs " + std::to_string(colours - 1) + " values for " +
                               std::to_string(colours) + " colours (got " + std::to_string(breaks.size()) + ")");
    for (std::size_t i = 1; i < breaks.size(); ++i)
      if (!(breaks[i - 1] < breaks[i]))
        fail(node->source(), "\"breaks\" must be strictly ascending (" + number_text(breaks[i - 1]) +
                                 " is followed by " + number_text(breaks[i]) + ")");
    return breaks;
  }

  HeatmapStyle heatmap(const toml::table& t) const {
    constexpr std::string_view w = "[heatmap]";
    only_keys(t, {"colours", "zero", "method", "breaks", "hatch_last", "hatch_colour", "separator", "night"}, w);
    HeatmapStyle h;
    h.method = choice(t, "method", "method", std::span<const Named<ClassMethod>>(kMethods), h.method);
    if (const toml::node* colours = t.get("colours")) h.colours = colour_list(*colours, w);
    h.breaks = class_breaks(t, h.method, h.colours.size(), w);
    // The heatmap classes whole numbers from 1 up (0 has its own colour, "zero") and its
    // legend reads "1 – 56", "57 – 213": breaks must be whole numbers of at least 1.
    for (double b : h.breaks)
      if (!(b >= 1) || b != std::floor(b))
        fail(t.get("breaks")->source(), "\"breaks\" in [heatmap] must be whole numbers of at least 1 (0 has its "
                                        "own colour, \"zero\"; got " + number_text(b) + ")");
    h.zero = colour(t, "zero", w, h.zero);
    h.hatch_last = choice(t, "hatch_last", "hatch", std::span<const Named<Hatch>>(kHatches), h.hatch_last);
    h.hatch_colour = colour(t, "hatch_colour", w, h.hatch_colour);
    h.separator = colour(t, "separator", w, h.separator);
    h.night = colour(t, "night", w, h.night);
    return h;
  }
};

}  // namespace

Style parse_style(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw config_error(name + ":" + std::to_string(e.source().begin.line) + ":" +
                       std::to_string(e.source().begin.column) + ": " + std::string(e.description()));
  }
  Style s = Loader(name).style(root);
  s.file = name;
  return s;
}

Style load_style(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw config_error(path + ": style file not found");
  if (fs::is_directory(path, ec)) throw config_error(path + ": is a directory, not a style file");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) throw config_error(path + ": cannot read the style file");
  return parse_style(text.str(), path);
}

}  // namespace careatlas::style
