#pragma once
// Map styles as data (after Mapnik): a Style is a list of layers drawn bottom to top; a
// layer takes its features from one source and lists rules; a rule has a filter (all of
// its conditions must hold) and symbolizers (fill, line, point, label, classed fill).
// A feature is drawn by every rule of its layer whose filter it passes, in rule order —
// so a 24-hour ring is a second rule drawn over the kind's symbol.
//
// Units are those of paper: millimetres for widths and sizes, points for text. Colours are
// "#rrggbb" or "#rrggbbaa". The file format (TOML) is described in styles/README.md and
// read by load_style(), which rejects unknown keys and bad values with file:line.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace careatlas::style {

struct Colour {
  double r = 0, g = 0, b = 0, a = 1;  // 0–1
  bool operator==(const Colour&) const = default;
};

// Point symbol shapes. Facility kinds differ by shape as well as colour, so that the map
// reads in black and white; ring is an unfilled circle drawn around another symbol.
enum class Shape { circle, square, triangle, diamond, pentagon, hexagon, star, cross, ring };

// Fill hatching, for maps that must read in grayscale.
enum class Hatch { none, diagonal, cross, dots };

struct FillSymbolizer {
  Colour colour{1, 1, 1, 1};
  Hatch hatch = Hatch::none;
  Colour hatch_colour{0, 0, 0, 1};
};

struct LineSymbolizer {
  Colour colour{0, 0, 0, 1};
  double width_mm = 0.25;
  std::vector<double> dash_mm;  // empty = solid
};

struct PointSymbolizer {
  Shape shape = Shape::circle;
  double size_mm = 2.5;  // diameter of the circumscribed circle
  Colour fill{1, 1, 1, 1};
  Colour stroke{0, 0, 0, 1};
  double stroke_mm = 0.2;
  std::vector<double> dash_mm;  // the outline's dashes; empty = solid
  bool number = false;  // write the feature's booklet number inside the symbol
};

struct LabelSymbolizer {
  std::string field = "name";  // attribute whose value is the text
  double size_pt = 8;
  Colour colour{0, 0, 0, 1};
  Colour halo{1, 1, 1, 1};
  double halo_mm = 0.4;  // 0 = no halo
  bool bold = false;
  int priority = 0;  // higher wins when labels compete for space
};

// Classing of a numeric attribute into colours: quantile, equal interval or manual breaks.
enum class ClassMethod { quantile, equal_interval, manual };

struct ClassedFill {
  std::string field;  // numeric attribute, e.g. "uncovered_share"
  ClassMethod method = ClassMethod::quantile;
  std::vector<double> breaks;   // manual: the upper bounds of all classes but the last
  std::vector<Colour> colours;  // one per class, light to dark; their count is the class count
  Hatch hatch_last = Hatch::none;  // hatch the highest class as well (grayscale printing)
};

// A filter value: attribute == value, or attribute is any of a list of values.
using Value = std::variant<bool, long long, double, std::string>;

struct Condition {
  std::string attribute;
  std::vector<Value> any_of;  // at least one value
};

struct Rule {
  std::string legend;  // the legend entry; empty = not in the legend
  std::vector<Condition> filter;
  std::optional<FillSymbolizer> fill;
  std::optional<ClassedFill> classes;
  std::optional<LineSymbolizer> line;
  std::optional<PointSymbolizer> point;
  std::optional<LabelSymbolizer> label;
  int source_line = 0;  // where the rule starts in its file, for messages
};

// Where a layer's features come from. Each source has a fixed set of attributes (see
// attributes_of()); a filter or label naming another attribute is an error at load time.
// context layers come from extra files named in the project (roads, rivers …) and may
// name any attribute.
enum class Source { districts, facilities, coverage, cells, context, roads };

// The map kinds a layer can belong to (careatlas map --kind; "booklet": the maps of the
// contact booklet, whose entries follow them — numbered symbols, no facility names).
inline constexpr std::string_view kMapKinds[] = {"resource", "coverage", "gap", "access", "atlas", "booklet"};

struct Layer {
  std::string name;
  Source source = Source::districts;
  std::vector<std::string> maps;  // the map kinds that draw this layer (empty = every kind)
  std::string context;  // Source::context: the name of the project's context layer
  std::vector<Rule> rules;
};

// The sheet around the map: fonts and sizes of title, legend and notes.
struct SheetStyle {
  std::string font = "IPAexGothic";  // a fontconfig family; Noto Sans CJK JP also works
  double title_pt = 18;
  double subtitle_pt = 11;
  double legend_pt = 8;
  double note_pt = 6.5;  // 出典, footer
  Colour frame{0, 0, 0, 1};
  Colour background{1, 1, 1, 1};
};

// The 24/365 heatmap (districts × hours of the week): the sequential classes of the
// positive values, the colour of 0 ("no gap"), and the marks of the grid. The lightest
// class must stay darker than `zero` in grayscale, or a small gap would read as none.
struct HeatmapStyle {
  ClassMethod method = ClassMethod::quantile;  // over the positive values, rounded to integers
  std::vector<double> breaks;                  // manual: upper bounds of all classes but the last
  // ColorBrewer YlOrRd from its 6-class scheme on: lightness falls steadily, and the
  // lightest class is clearly darker than white.
  std::vector<Colour> colours{{254 / 255.0, 217 / 255.0, 118 / 255.0, 1},
                              {254 / 255.0, 178 / 255.0, 76 / 255.0, 1},
                              {253 / 255.0, 141 / 255.0, 60 / 255.0, 1},
                              {240 / 255.0, 59 / 255.0, 32 / 255.0, 1},
                              {189 / 255.0, 0, 38 / 255.0, 1}};
  Colour zero{1, 1, 1, 1};
  Hatch hatch_last = Hatch::diagonal;  // the highest class, for grayscale prints
  Colour hatch_colour{1, 1, 1, 0.8};   // light lines read on the darkest colour
  Colour separator{0.25, 0.25, 0.25, 1};  // lines between days, the grid's outline
  Colour night{0.35, 0.35, 0.35, 1};      // the band marking 22:00–6:00 above the grid
};

struct Style {
  std::string name;
  std::string file;  // where it was loaded from
  SheetStyle sheet;
  HeatmapStyle heatmap;  // [heatmap], optional
  std::vector<Layer> layers;  // bottom to top
};

// The attributes a source offers (filters and labels may name only these).
const std::vector<std::string_view>& attributes_of(Source s);

// What an attribute's values are: a filter on it must use values of that type (a bool
// only equals a bool, so support_24h = 1 would never match) and classes need a number.
enum class AttributeType { text, number, boolean, any };
// The type of an attribute of `s`; nullopt when `s` does not offer it. Source::context
// offers every attribute, as AttributeType::any.
std::optional<AttributeType> attribute_type(Source s, std::string_view attribute);

// Reads a style file. Throws careatlas::config_error "FILE:LINE:COL: message" for an
// unknown key, a wrong type, a bad colour or enum value, or an attribute the layer's
// source does not offer.
Style load_style(const std::string& path);
// The same from text (`name` stands for the file in messages).
Style parse_style(std::string_view toml, const std::string& name);

// Feature attributes for filter evaluation; returns nullopt for an attribute the feature
// lacks (a condition on it then fails).
class Attributes {
 public:
  virtual ~Attributes() = default;
  virtual std::optional<Value> get(std::string_view attribute) const = 0;
};

// All conditions hold. Numbers compare by value whatever their type (1 == 1.0).
bool matches(const Rule& rule, const Attributes& feature);

}  // namespace careatlas::style
