#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <utility>

#include "careatlas/geometry/label_placement.hpp"
#include "careatlas/render/map.hpp"
#include "classes.hpp"
#include "drawing.hpp"
#include "legend.hpp"
#include "output_surface.hpp"
#include "sheet_parts.hpp"
#include "text.hpp"

namespace careatlas::render {

namespace bg = boost::geometry;
using geometry::PaperBox;
using geometry::XY;
using namespace detail;

namespace {
// Long and short side of the paper, mm.
std::pair<double, double> sides(PaperSize size) {
  switch (size) {
    case PaperSize::a3: return {420, 297};
    case PaperSize::slide: return {338.667, 190.5};
    case PaperSize::a4: break;
  }
  return {297, 210};
}
}  // namespace

double Page::width_mm() const {
  const auto [a, b] = sides(size);
  return landscape ? a : b;
}
double Page::height_mm() const {
  const auto [a, b] = sides(size);
  return landscape ? b : a;
}

std::optional<Format> format_named(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (n == "pdf") return Format::pdf;
  if (n == "svg") return Format::svg;
  if (n == "png") return Format::png;
  return std::nullopt;
}

namespace {

class FeatureAttributes final : public style::Attributes {
 public:
  explicit FeatureAttributes(const Feature& f) : f_(f) {}
  std::optional<style::Value> get(std::string_view a) const override {
    const auto it = f_.attributes.find(a);
    if (it == f_.attributes.end()) return std::nullopt;
    return it->second;
  }

 private:
  const Feature& f_;
};

std::string text_of(const style::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<long long>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", *d);
    return buf;
  }
  return std::get<bool>(v) ? "true" : "false";
}

std::optional<double> number_of(const Feature& f, const std::string& field) {
  const auto it = f.attributes.find(field);
  if (it == f.attributes.end()) return std::nullopt;
  if (const auto* i = std::get_if<long long>(&it->second)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&it->second)) return *d;
  return std::nullopt;
}

bool drawn_in(const style::Layer& l, const std::string& kind) {
  return l.maps.empty() || std::find(l.maps.begin(), l.maps.end(), kind) != l.maps.end();
}

const SourceData* data_for(const MapSheet& sheet, const style::Layer& l) {
  for (const SourceData& d : sheet.data)
    if (d.source == l.source && (l.source != style::Source::context || d.context == l.context)) return &d;
  return nullptr;
}

void expand(MapExtent& e, bool& any, XY p) {
  if (!any) {
    e = {p.x, p.y, p.x, p.y};
    any = true;
    return;
  }
  e.x0 = std::min(e.x0, p.x);
  e.y0 = std::min(e.y0, p.y);
  e.x1 = std::max(e.x1, p.x);
  e.y1 = std::max(e.y1, p.y);
}

// The extent of the districts drawn, else of every feature drawn.
MapExtent extent_of(const MapSheet& sheet, const style::Style& st) {
  if (!sheet.focus.empty()) return sheet.focus;
  MapExtent e;
  for (int pass = 0; pass < 2; ++pass) {
    bool any = false;
    for (const style::Layer& l : st.layers) {
      if (!drawn_in(l, sheet.kind) || (pass == 0 && l.source != style::Source::districts)) continue;
      const SourceData* d = data_for(sheet, l);
      if (!d) continue;
      for (const Feature& f : d->features) {
        if (const auto* p = std::get_if<XY>(&f.shape)) expand(e, any, *p);
        else if (const auto* mp = std::get_if<geometry::PlanarMultiPolygon>(&f.shape)) {
          for (const auto& poly : *mp)
            for (const XY& q : poly.outer()) expand(e, any, q);
        } else {
          for (const auto& line : std::get<Lines>(f.shape))
            for (const XY& q : line) expand(e, any, q);
        }
      }
    }
    if (any) return e;
  }
  return {0, 0, 1000, 1000};
}

// A point inside the polygon for its label: the centroid of the largest part when it
// lies inside, else Boost.Geometry's point on surface. (GCC 12 reports a false
// maybe-uninitialized inside Boost's extreme_points once point_on_surface is inlined.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
XY label_point(const geometry::PlanarMultiPolygon& mp) {
  const geometry::PlanarPolygon* best = nullptr;
  double best_area = -1;
  for (const auto& p : mp)
    if (const double a = std::abs(bg::area(p)); a > best_area) {
      best_area = a;
      best = &p;
    }
  if (!best) return {};
  XY c;
  bg::centroid(*best, c);
  if (bg::within(c, *best)) return c;
  bg::point_on_surface(*best, c);
  return c;
}
#pragma GCC diagnostic pop

struct PendingLabel {
  std::unique_ptr<Text> text;  // laid out once: measured for placement, then drawn
  geometry::LabelRequest request;
};

struct SheetLayout {
  PaperBox title, frame, legend, tools, notes;
};

SheetLayout layout_for(const Page& page, double title_h) {
  const double W = page.width_mm(), H = page.height_mm(), m = page.margin_mm;
  SheetLayout L;
  L.title = {m, m, W - m, m + title_h};
  const double top = m + title_h + 3;
  if (page.landscape) {
    const double panel = std::clamp(W * 0.2, 58.0, 80.0);
    L.frame = {m, top, W - m - panel - 5, H - m};
    L.legend = {W - m - panel, top, W - m, H - m};  // shared with tools and notes, top-down
    L.tools = L.legend;
    L.notes = L.legend;
  } else {
    const double panel = std::clamp(H * 0.24, 50.0, 90.0);
    L.frame = {m, top, W - m, H - m - panel - 4};
    const double split = m + (W - 2 * m) * 0.55;
    L.legend = {m, H - m - panel, split - 4, H - m};
    L.tools = {split, H - m - panel, W - m, H - m};
    L.notes = L.tools;
  }
  return L;
}

class SheetRenderer {
 public:
  SheetRenderer(cairo_t* cr, const MapSheet& sheet, const style::Style& st, RenderReport& report)
      : cr_(cr), sheet_(sheet), st_(st), report_(report) {}

  void draw() {
    const style::SheetStyle& ss = st_.sheet;
    // Title block.
    TextStyle title;
    title.font = ss.font;
    title.size_pt = ss.title_pt;
    title.bold = true;
    TextStyle sub = title;
    sub.size_pt = ss.subtitle_pt;
    sub.bold = false;
    Text tt(cr_, sheet_.title, title), st(cr_, sheet_.subtitle, sub);
    const double title_h = tt.height() + (sheet_.subtitle.empty() ? 0 : st.height() + 1);
    const SheetLayout L = layout_for(sheet_.page, title_h);
    tt.draw(L.title.x0, L.title.y0);
    if (!sheet_.subtitle.empty()) st.draw(L.title.x0, L.title.y0 + tt.height() + 1);

    // The map, clipped to its frame.
    const PaperBox frame = L.frame;
    t_ = MapTransform::fit(extent_of(sheet_, st_), frame, 0.03);
    cairo_save(cr_);
    cairo_rectangle(cr_, frame.x0, frame.y0, frame.x1 - frame.x0, frame.y1 - frame.y0);
    cairo_clip(cr_);
    for (const style::Layer& l : st_.layers)
      if (drawn_in(l, sheet_.kind))
        if (const SourceData* d = data_for(sheet_, l)) draw_layer(l, *d, frame);
    place_and_draw_labels(frame);
    cairo_restore(cr_);
    cairo_rectangle(cr_, frame.x0, frame.y0, frame.x1 - frame.x0, frame.y1 - frame.y0);
    set_colour(cr_, ss.frame);
    cairo_set_line_width(cr_, 0.35);
    cairo_stroke(cr_);

    // Panel: legend, north arrow and scale bar, then 出典 and footer at the bottom.
    double y = L.legend.y0;
    y += draw_legend(cr_, L.legend.x0, y, L.legend.x1 - L.legend.x0, sheet_.legend_title, legend_, ss) + 4;
    for (const LegendEntry& e : legend_) report_.legend_entries.push_back(e.text);
    double ty = sheet_.page.landscape ? y : L.tools.y0;
    const double tx = L.tools.x0;
    north_arrow(cr_, tx + 5, ty, 14, ss);
    scale_bar(cr_, tx + 14, ty + 3, std::min(50.0, L.tools.x1 - tx - 18), t_.scale, ss);
    std::vector<std::string> notes = sheet_.sources;
    if (!sheet_.footer.empty()) notes.push_back(sheet_.footer);
    const double nw = L.notes.x1 - L.notes.x0;
    const double nh = text_block_height(cr_, nw, notes, ss.note_pt, false, ss);
    text_block(cr_, L.notes.x0, L.notes.y1 - nh, nw, notes, ss.note_pt, false, ss);
  }

 private:
  void draw_layer(const style::Layer& l, const SourceData& d, const PaperBox& frame) {
    for (const style::Rule& rule : l.rules) {
      std::optional<Classing> classing;
      std::string field;
      if (rule.classes) {
        field = sheet_.classes_field.empty() ? rule.classes->field : sheet_.classes_field;
        std::vector<double> values;
        for (const Feature& f : d.features)
          if (style::matches(rule, FeatureAttributes(f)))
            if (const auto v = number_of(f, field)) values.push_back(*v);
        classing = make_classing(*rule.classes, std::move(values));
      }
      std::size_t count = 0;
      for (const Feature& f : d.features) {
        if (!style::matches(rule, FeatureAttributes(f))) continue;
        if (draw_feature(rule, f, frame, classing ? &*classing : nullptr, field)) ++count;
      }
      report_.features_drawn += count;
      add_legend(rule, count, classing ? &*classing : nullptr);
    }
  }

  // Returns whether anything of the feature is on the sheet.
  bool draw_feature(const style::Rule& rule, const Feature& f, const PaperBox& frame, const Classing* classing,
                    const std::string& field) {
    std::string number;
    if (const auto it = f.attributes.find("number"); it != f.attributes.end()) number = text_of(it->second);
    if (const auto* p = std::get_if<XY>(&f.shape)) {
      const XY q = t_.to_paper(*p);
      if (q.x < frame.x0 || q.x > frame.x1 || q.y < frame.y0 || q.y > frame.y1) return false;
      double r = 0.5;
      if (rule.point) {
        r = point_symbol(cr_, q.x, q.y, *rule.point, number, st_.sheet.font);
        obstacles_.push_back({q.x - r, q.y - r, q.x + r, q.y + r});
      }
      if (rule.label) add_label(*rule.label, f, q, r + 0.6, false);
      return true;
    }
    if (const auto* mp = std::get_if<geometry::PlanarMultiPolygon>(&f.shape)) {
      cairo_new_path(cr_);
      polygon_path(cr_, *mp, t_);
      if (rule.fill) fill_path(cr_, rule.fill->colour, rule.fill->hatch, rule.fill->hatch_colour);
      if (classing) {
        const auto v = number_of(f, field);
        if (v) {
          const std::size_t k = classing->class_of(*v);
          const bool last = k + 1 == classing->colours.size() && k > 0;  // never hatch a lone class
          fill_path(cr_, classing->colours[k], last ? rule.classes->hatch_last : style::Hatch::none,
                    style::Colour{0, 0, 0, 0.6});
        }
      }
      if (rule.line) stroke_path(cr_, *rule.line);
      cairo_new_path(cr_);
      if (rule.label) add_label(*rule.label, f, t_.to_paper(label_point(*mp)), 0, true);
      return true;
    }
    const Lines& lines = std::get<Lines>(f.shape);
    cairo_new_path(cr_);
    for (const auto& line : lines)
      for (std::size_t i = 0; i < line.size(); ++i) {
        const XY q = t_.to_paper(line[i]);
        if (i == 0) cairo_move_to(cr_, q.x, q.y);
        else cairo_line_to(cr_, q.x, q.y);
      }
    if (rule.line) stroke_path(cr_, *rule.line);
    cairo_new_path(cr_);
    return !lines.empty();
  }

  void add_label(const style::LabelSymbolizer& ls, const Feature& f, XY at, double gap, bool area) {
    const auto it = f.attributes.find(ls.field);
    if (it == f.attributes.end()) return;
    const std::string text = text_of(it->second);
    if (text.empty()) return;
    TextStyle ts;
    ts.font = st_.sheet.font;
    ts.size_pt = ls.size_pt;
    ts.bold = ls.bold;
    ts.colour = ls.colour;
    ts.halo = ls.halo;
    ts.halo_mm = ls.halo_mm;
    PendingLabel p;
    p.text = std::make_unique<Text>(cr_, text, ts);
    const Text& t = *p.text;
    p.request.anchor = at;
    p.request.width = t.width();
    p.request.height = t.height();
    p.request.gap = gap;
    p.request.priority = ls.priority;
    p.request.area = area;
    p.request.allow_leader = true;
    labels_.push_back(std::move(p));
  }

  void place_and_draw_labels(const PaperBox& frame) {
    std::vector<geometry::LabelRequest> req;
    for (const PendingLabel& p : labels_) req.push_back(p.request);
    const PaperBox inner{frame.x0 + 1, frame.y0 + 1, frame.x1 - 1, frame.y1 - 1};
    const auto placed = geometry::place_labels(req, obstacles_, inner);
    cairo_set_line_width(cr_, 0.2);
    for (std::size_t i = 0; i < placed.size(); ++i) {
      if (!placed[i]) {
        ++report_.labels_dropped;
        continue;
      }
      ++report_.labels_placed;
      report_.label_boxes.push_back(placed[i]->box);
      if (placed[i]->leader) {
        cairo_set_source_rgba(cr_, 0.25, 0.25, 0.25, 1);
        cairo_move_to(cr_, placed[i]->leader_from.x, placed[i]->leader_from.y);
        cairo_line_to(cr_, placed[i]->leader_to.x, placed[i]->leader_to.y);
        cairo_stroke(cr_);
      }
    }
    for (std::size_t i = 0; i < placed.size(); ++i)
      if (placed[i]) labels_[i].text->draw(placed[i]->box.x0, placed[i]->box.y0);
  }

  void add_legend(const style::Rule& rule, std::size_t count, const Classing* classing) {
    if (rule.legend.empty() && !classing) return;
    if (count == 0) return;  // only the classes that appear
    if (classing) {
      LegendEntry cap;
      cap.caption = true;
      cap.text = sheet_.classes_caption.empty() ? rule.legend : sheet_.classes_caption;
      legend_.push_back(cap);
      for (std::size_t k = 0; k < classing->colours.size(); ++k) {
        const double lo = k == 0 ? classing->min : classing->upper[k - 1];
        const double hi = k < classing->upper.size() ? classing->upper[k] : classing->max;
        char a[48], b[48];
        std::snprintf(a, sizeof a, sheet_.classes_format.c_str(), lo * sheet_.classes_scale);
        std::snprintf(b, sizeof b, sheet_.classes_format.c_str(), hi * sheet_.classes_scale);
        LegendEntry e;
        e.text = lo == hi ? std::string(a) : std::string(a) + " – " + b;
        style::FillSymbolizer f;
        f.colour = classing->colours[k];
        if (k > 0 && k + 1 == classing->colours.size()) f.hatch = rule.classes->hatch_last;
        f.hatch_colour = {0, 0, 0, 0.6};
        e.fill = f;
        legend_.push_back(e);
      }
      return;
    }
    LegendEntry e;
    e.text = rule.legend;
    e.fill = rule.fill;
    e.line = rule.line;
    e.point = rule.point;
    if (rule.point) e.count = count;
    legend_.push_back(e);
  }

  cairo_t* cr_;
  const MapSheet& sheet_;
  const style::Style& st_;
  RenderReport& report_;
  MapTransform t_;
  std::vector<PaperBox> obstacles_;
  std::vector<PendingLabel> labels_;
  std::vector<LegendEntry> legend_;
};

}  // namespace

RenderReport render(const std::vector<MapSheet>& sheets, const style::Style& style, const std::string& path,
                    const RenderOptions& options) {
  if (sheets.empty()) throw std::invalid_argument("render: no sheets");
  if (options.format != Format::pdf && sheets.size() > 1)
    throw std::invalid_argument(path + ": SVG and PNG hold one sheet; use PDF for an atlas");
  require_font(style.sheet.font);
  RenderReport report;
  OutputSurface out(path, sheets.front().page.width_mm(), sheets.front().page.height_mm(), options,
                    sheets.front().title);
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    if (i > 0) out.next_page(sheets[i].page.width_mm(), sheets[i].page.height_mm());
    SheetRenderer(out.cr(), sheets[i], style, report).draw();
    ++report.pages;
  }
  out.finish();
  return report;
}

}  // namespace careatlas::render
