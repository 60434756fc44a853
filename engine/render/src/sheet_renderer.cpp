#include "sheet_renderer.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "classes.hpp"
#include "drawing.hpp"
#include "sheet_parts.hpp"
#include "text.hpp"

namespace careatlas::render::detail {

namespace bg = boost::geometry;
using geometry::PaperBox;
using geometry::XY;

namespace {

// A feature's attributes, plus in_focus on an atlas page (whether a district is the one
// the page is about).
class FeatureAttributes final : public style::Attributes {
 public:
  FeatureAttributes(const Feature& f, const std::string& focus_id) : f_(f), focus_id_(focus_id) {}
  std::optional<style::Value> get(std::string_view a) const override {
    if (a == "in_focus" && !focus_id_.empty()) {
      const auto id = f_.attributes.find("id");
      if (id == f_.attributes.end()) return std::nullopt;
      const auto* s = std::get_if<std::string>(&id->second);
      return s && *s == focus_id_;
    }
    const auto it = f_.attributes.find(a);
    if (it == f_.attributes.end()) return std::nullopt;
    return it->second;
  }

 private:
  const Feature& f_;
  const std::string& focus_id_;
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
  std::string string;          // what it says, for the report
  geometry::LabelRequest request;
  // A number set beside its symbol (which was too crowded to hold it): the marker in the
  // report that becomes printed when the label is placed.
  std::optional<std::size_t> marker;
};

// Numbers set beside their symbols: bold, small, haloed, placed after district names and
// before facility names.
inline constexpr double kCalloutPt = 6.5;
inline constexpr int kCalloutPriority = 50;

struct SheetLayout {
  PaperBox title, frame, legend, tools, notes;
};

// The parts of a sheet in its area: the title block on top; landscape, the panel (legend,
// then tools, then notes) at the right of the frame; portrait, below it (legend left,
// tools and notes right). The panel's size follows the paper's.
SheetLayout layout_for(const SheetArea& area, double title_h) {
  const PaperBox& a = area.box;
  SheetLayout L;
  L.title = {a.x0, a.y0, a.x1, a.y0 + title_h};
  const double top = a.y0 + title_h + 3;
  if (area.landscape) {
    const double panel = std::clamp(area.paper_width * 0.2, 58.0, 80.0);
    L.frame = {a.x0, top, a.x1 - panel - 5, a.y1};
    L.legend = {a.x1 - panel, top, a.x1, a.y1};  // shared with tools and notes, top-down
    L.tools = L.legend;
    L.notes = L.legend;
  } else {
    const double panel = std::clamp(area.paper_height * 0.24, 50.0, 90.0);
    L.frame = {a.x0, top, a.x1, a.y1 - panel - 4};
    const double split = a.x0 + (a.x1 - a.x0) * 0.55;
    L.legend = {a.x0, a.y1 - panel, split - 4, a.y1};
    L.tools = {split, a.y1 - panel, a.x1, a.y1};
    L.notes = L.tools;
  }
  return L;
}

class SheetRenderer {
 public:
  SheetRenderer(cairo_t* cr, const MapSheet& sheet, const SheetView& view, const SheetArea& area,
                const style::Style& st, RenderReport& report, int page)
      : cr_(cr), sheet_(sheet), view_(view), area_(area), st_(st), report_(report), page_(page) {}

  // Draws the view; returns the legend's entries (all of them, also those that did not fit).
  std::vector<LegendEntry> draw() {
    const style::SheetStyle& ss = st_.sheet;
    // Title block.
    TextStyle title;
    title.font = ss.font;
    title.size_pt = ss.title_pt;
    title.bold = true;
    TextStyle sub = title;
    sub.size_pt = ss.subtitle_pt;
    sub.bold = false;
    Text tt(cr_, view_.title, title), st(cr_, view_.subtitle, sub);
    const double title_h = tt.height() + (view_.subtitle.empty() ? 0 : st.height() + 1);
    const SheetLayout L = layout_for(area_, title_h);
    tt.draw(L.title.x0, L.title.y0);
    if (!view_.subtitle.empty()) st.draw(L.title.x0, L.title.y0 + tt.height() + 1);

    // The map, clipped to its frame.
    const PaperBox frame = L.frame;
    t_ = MapTransform::fit(view_.extent, frame, 0.03);
    // The map area the frame shows, for skipping polygons wholly outside it.
    visible_ = {t_.x0, t_.y1 - (frame.y1 - frame.y0) / t_.scale, t_.x0 + (frame.x1 - frame.x0) / t_.scale, t_.y1};
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
    // The notes take the bottom of the panel; in landscape the north arrow and scale bar
    // (kToolsHeight) sit under the legend, which gets what is left.
    constexpr double kToolsHeight = 20;
    std::vector<std::string> notes = sheet_.sources;
    if (!sheet_.footer.empty()) notes.push_back(sheet_.footer);
    const double nw = L.notes.x1 - L.notes.x0;
    const double nh = text_block_height(cr_, nw, notes, ss.note_pt, false, ss);
    const double legend_room = area_.landscape ? L.notes.y1 - nh - 4 - kToolsHeight - L.legend.y0
                                                     : L.legend.y1 - L.legend.y0;
    const LegendLayout fitted = draw_legend(cr_, L.legend.x0, L.legend.y0, L.legend.x1 - L.legend.x0, legend_room,
                                            sheet_.legend_title, legend_, ss);
    for (std::size_t i = 0; i < fitted.shown; ++i) report_.legend_entries.push_back(legend_[i].text);
    const double ty = area_.landscape ? L.legend.y0 + fitted.height + 4 : L.tools.y0;
    const double tx = L.tools.x0;
    north_arrow(cr_, tx + 5, ty, 14, ss);
    scale_bar(cr_, tx + 14, ty + 3, std::min(50.0, L.tools.x1 - tx - 18), t_.scale, ss);
    text_block(cr_, L.notes.x0, L.notes.y1 - nh, nw, notes, ss.note_pt, false, ss);
    report_.legend_boxes.push_back({L.legend.x0, L.legend.y0, L.legend.x1, L.legend.y0 + fitted.height});
    report_.tools_boxes.push_back({tx, ty, L.tools.x1, ty + kToolsHeight - 2});
    report_.note_boxes.push_back({L.notes.x0, L.notes.y1 - nh, L.notes.x1, L.notes.y1});
    report_.frames.push_back(frame);
    return legend_;
  }

 private:
  void draw_layer(const style::Layer& l, const SourceData& d, const PaperBox& frame) {
    symbol_details_ = point_details(l, d, frame);
    std::vector<char> drawn(d.features.size(), 0);
    for (const style::Rule& rule : l.rules) {
      std::optional<Classing> classing;
      std::string field;
      if (rule.classes) {
        field = sheet_.classes_field.empty() ? rule.classes->field : sheet_.classes_field;
        std::vector<double> values;
        for (const Feature& f : d.features)
          if (style::matches(rule, FeatureAttributes(f, view_.focus_id)))
            if (const auto v = number_of(f, field)) values.push_back(*v);
        classing = make_classing(*rule.classes, std::move(values));
        // Higher is better (accessibility): the lowest values take the darkest colour.
        if (sheet_.classes_higher_is_better) std::reverse(classing->colours.begin(), classing->colours.end());
      }
      std::size_t count = 0;
      drew_lines_ = false;
      for (std::size_t i = 0; i < d.features.size(); ++i) {
        const Feature& f = d.features[i];
        if (!style::matches(rule, FeatureAttributes(f, view_.focus_id))) continue;
        if (draw_feature(rule, f, frame, classing ? &*classing : nullptr, field)) {
          ++count;
          drawn[i] = 1;
        }
      }
      report_.features_drawn += count;
      add_legend(l, rule, count, classing ? &*classing : nullptr);
    }
    report_.layer_features[l.name] += static_cast<std::size_t>(std::count(drawn.begin(), drawn.end(), 1));
  }

  // Where each point symbol of the layer lands on paper, and how large it is with its
  // ring, before any is drawn: how much of each is drawn depends on its neighbours,
  // drawn before or after it (detail::symbol_details). Empty for a layer without points.
  std::vector<SymbolDetail> point_details(const style::Layer& l, const SourceData& d, const PaperBox& frame) {
    symbol_features_ = d.features.data();
    if (std::none_of(l.rules.begin(), l.rules.end(), [](const style::Rule& r) { return r.point.has_value(); }))
      return {};
    std::vector<PlacedSymbol> placed(d.features.size());
    for (std::size_t i = 0; i < d.features.size(); ++i) {
      const auto* p = std::get_if<XY>(&d.features[i].shape);
      if (!p) continue;
      const XY q = t_.to_paper(*p);
      if (q.x < frame.x0 || q.x > frame.x1 || q.y < frame.y0 || q.y > frame.y1) continue;
      PlacedSymbol& s = placed[i];
      s.at = q;
      for (std::size_t k = 0; k < l.rules.size(); ++k) {
        const style::Rule& rule = l.rules[k];
        if (!rule.point || !style::matches(rule, FeatureAttributes(d.features[i], view_.focus_id))) continue;
        if (rule.point->shape == style::Shape::ring) {
          s.ring = std::max(s.ring, rule.point->size_mm / 2);
          s.ring_half_width = std::max(s.ring_half_width, rule.point->stroke_mm / 2);
        } else if (!(s.radius > 0)) {  // drawn by its first point rule: rule by rule, in feature order
          s.order = k * d.features.size() + i;
          s.radius = symbol_radius(*rule.point);
          if (const auto it = d.features[i].attributes.find("number"); it != d.features[i].attributes.end())
            s.number_reach = number_reach(*rule.point, text_of(it->second));
        }
      }
    }
    return symbol_details(placed);
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
        const auto i = static_cast<std::size_t>(&f - symbol_features_);
        const SymbolDetail detail = i < symbol_details_.size() ? symbol_details_[i] : SymbolDetail::full;
        bool number_printed = false;
        r = point_symbol(cr_, q.x, q.y, *rule.point, number, st_.sheet.font, detail, &number_printed);
        if (rule.point->number && rule.point->shape != style::Shape::ring && !number.empty()) {
          add_marker(f, number, number_printed);
          // A number its symbol could not hold goes beside it (with a leader if need be),
          // unless the symbol is one of a heap, where numbers cannot be read anyway.
          if (!number_printed && r > 0 && detail != SymbolDetail::reduced)
            add_callout(number, q, r, report_.markers.size() - 1);
        }
        if (r > 0) obstacles_.push_back({q.x - r, q.y - r, q.x + r, q.y + r});
        double& widest = symbol_radius_[{q.x, q.y}];
        widest = std::max(widest, r);
      } else if (const auto it = symbol_radius_.find({q.x, q.y}); it != symbol_radius_.end()) {
        r = it->second;  // a label layer over symbols drawn before: the label sits outside them
      }
      if (rule.label) add_label(*rule.label, f, q, r + 0.6, false);
      return true;
    }
    if (const auto* mp = std::get_if<geometry::PlanarMultiPolygon>(&f.shape)) {
      if (!overlaps_visible(*mp)) return false;
      cairo_new_path(cr_);
      polygon_path(cr_, *mp, t_);
      if (rule.fill) fill_path(cr_, rule.fill->colour, rule.fill->hatch, rule.fill->hatch_colour);
      if (classing) {
        const auto v = number_of(f, field);
        if (v) {
          const std::size_t k = classing->class_of(*v);
          const bool last = worst_class(*classing, k);
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
    drew_lines_ = true;
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

  // A numbered symbol, for the report (the booklet checks its numbers against the maps).
  void add_marker(const Feature& f, const std::string& number, bool printed) {
    RenderReport::Marker m;
    if (const auto id = f.attributes.find("id"); id != f.attributes.end()) m.id = text_of(id->second);
    m.number = std::strtoll(number.c_str(), nullptr, 10);
    m.printed = printed;
    m.page = page_;
    report_.markers.push_back(std::move(m));
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
    p.string = text;
    const Text& t = *p.text;
    p.request.anchor = at;
    p.request.width = t.width();
    p.request.height = t.height();
    p.request.gap = gap;
    p.request.priority = ls.priority;
    p.request.area = area;
    p.request.allow_leader = true;
    p.request.must_place = area;  // district names never disappear
    labels_.push_back(std::move(p));
  }

  void add_callout(const std::string& number, XY at, double radius, std::size_t marker) {
    TextStyle ts;
    ts.font = st_.sheet.font;
    ts.size_pt = kCalloutPt;
    ts.bold = true;
    ts.halo_mm = 0.35;
    PendingLabel p;
    p.text = std::make_unique<Text>(cr_, number, ts);
    p.string = number;
    p.marker = marker;
    p.request.anchor = at;
    p.request.width = p.text->width();
    p.request.height = p.text->height();
    p.request.gap = radius + 0.2;
    p.request.priority = kCalloutPriority;
    p.request.allow_leader = true;
    p.request.leader_over_obstacles = true;
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
      if (labels_[i].marker) report_.markers[*labels_[i].marker].printed = true;
      report_.label_boxes.push_back(placed[i]->box);
      report_.label_texts.push_back(labels_[i].string);
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

  // The class that is hatched as well as darkest: the highest values', or the lowest when
  // higher is better; never a lone class.
  bool worst_class(const Classing& c, std::size_t k) const {
    if (c.colours.size() < 2) return false;
    return sheet_.classes_higher_is_better ? k == 0 : k + 1 == c.colours.size();
  }

  // Whether the polygon's bounding box meets the part of the map the frame shows.
  bool overlaps_visible(const geometry::PlanarMultiPolygon& mp) const {
    geometry::PlanarBox b;
    bg::envelope(mp, b);
    return b.min_corner().x <= visible_.x1 && b.max_corner().x >= visible_.x0 && b.min_corner().y <= visible_.y1 &&
           b.max_corner().y >= visible_.y0;
  }

  void add_legend(const style::Layer& layer, const style::Rule& rule, std::size_t count, const Classing* classing) {
    const auto override_text = sheet_.legend_text.find(layer.name);
    const std::string& legend = override_text != sheet_.legend_text.end() ? override_text->second : rule.legend;
    if (legend.empty() && !classing) return;
    if (count == 0) return;  // only the classes that appear
    if (classing) {
      LegendEntry cap;
      cap.caption = true;
      cap.text = sheet_.classes_caption.empty() ? legend : sheet_.classes_caption;
      legend_.push_back(cap);
      // Each class shows the range of the values in it (so an integer class above 0 reads
      // "1 – 56", not "0 – 56"); classes that hold no value are left out.
      for (std::size_t k = 0; k < classing->colours.size(); ++k) {
        if (classing->count[k] == 0) continue;
        const double lo = classing->lowest[k], hi = classing->highest[k];
        char a[48], b[48];
        std::snprintf(a, sizeof a, sheet_.classes_format.c_str(), lo * sheet_.classes_scale);
        std::snprintf(b, sizeof b, sheet_.classes_format.c_str(), hi * sheet_.classes_scale);
        LegendEntry e;
        e.text = std::string(a) == b ? std::string(a) : std::string(a) + " – " + b;
        style::FillSymbolizer f;
        f.colour = classing->colours[k];
        if (worst_class(*classing, k)) f.hatch = rule.classes->hatch_last;
        f.hatch_colour = {0, 0, 0, 0.6};
        e.fill = f;
        legend_.push_back(e);
      }
      return;
    }
    LegendEntry e;
    e.text = legend;
    e.fill = rule.fill;
    e.line = rule.line;
    e.point = rule.point;
    e.linear = drew_lines_ && !rule.fill;
    if (rule.point) e.count = count;
    legend_.push_back(e);
  }

  cairo_t* cr_;
  const MapSheet& sheet_;
  const SheetView& view_;
  const SheetArea& area_;
  const style::Style& st_;
  RenderReport& report_;
  int page_;
  MapTransform t_;
  MapExtent visible_;
  // The widest symbol drawn at each paper point, so that a later label layer clears it.
  std::map<std::pair<double, double>, double> symbol_radius_;
  bool drew_lines_ = false;  // the rule being drawn drew polylines (legend: a line swatch)
  std::vector<PaperBox> obstacles_;
  std::vector<SymbolDetail> symbol_details_;  // of the layer being drawn, by feature index
  const Feature* symbol_features_ = nullptr;   // that layer's first feature
  std::vector<PendingLabel> labels_;
  std::vector<LegendEntry> legend_;
};

}  // namespace


std::vector<SheetView> sheet_views(const MapSheet& sheet, const style::Style& st) {
  std::vector<SheetView> views;
  if (sheet.atlas.empty())
    views.push_back({sheet.title, sheet.subtitle, "", sheet.focus.empty() ? extent_of(sheet, st) : sheet.focus});
  for (const AtlasPage& a : sheet.atlas)
    views.push_back({a.title, a.subtitle, a.focus_id, a.focus.empty() ? extent_of(sheet, st) : a.focus});
  return views;
}

std::vector<LegendEntry> draw_sheet_view(cairo_t* cr, const MapSheet& sheet, const SheetView& view,
                                         const SheetArea& area, const style::Style& st, RenderReport& report,
                                         int page) {
  return SheetRenderer(cr, sheet, view, area, st, report, page).draw();
}

}  // namespace careatlas::render::detail
