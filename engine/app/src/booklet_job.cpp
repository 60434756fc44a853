#include "careatlas/app/booklet_job.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <utility>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/map_context.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/model/partial_output.hpp"
#include "careatlas/style/style.hpp"
#include "careatlas/version.hpp"
#include "map_features.hpp"

namespace careatlas::app {

namespace fs = std::filesystem;

namespace {

// "2026-04-01" → "2026年4月1日現在"; anything else is printed as given.
std::string edition_text(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
    return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日現在";
  return iso;
}

// A section id as part of a file name: ASCII letters, digits, '-' and '_' kept, anything
// else '_' (ids such as 23999-01 stay as they are).
std::string file_part(const std::string& id) {
  std::string s;
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    s += ok ? c : '_';
  }
  return s.empty() ? "district" : s;
}

bool overlaps(const render::MapExtent& a, const render::MapExtent& b) {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

// What a district map may show beyond its district: the frame is fitted to the focus
// with a margin and the page's aspect ratio, so a square around the focus, half as wide
// again, holds everything the frame can show.
render::MapExtent visible_around(const render::MapExtent& focus) {
  const double cx = (focus.x0 + focus.x1) / 2, cy = (focus.y0 + focus.y1) / 2;
  const double h = 0.75 * std::max(focus.x1 - focus.x0, focus.y1 - focus.y0);
  return {cx - h, cy - h, cx + h, cy + h};
}

bool inside(const render::MapExtent& a, const render::MapExtent& b) {
  return a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;
}

// The features of `data` that can show inside `view`, polygons cut to it (a district map
// needs its neighbours' edges, not their whole outlines: the cut edges lie beyond the
// frame, and a page holds a few hundred vertices instead of thousands).
std::vector<render::SourceData> clipped_to(const std::vector<render::SourceData>& data, const render::MapExtent& view) {
  const geometry::PlanarBox box{{view.x0, view.y0}, {view.x1, view.y1}};
  std::vector<render::SourceData> out;
  for (const render::SourceData& d : data) {
    render::SourceData c{d.source, d.context, {}};
    for (const render::Feature& f : d.features) {
      const render::MapExtent e = detail::feature_extent(f);
      if (!overlaps(e, view)) continue;
      const auto* mp = std::get_if<geometry::PlanarMultiPolygon>(&f.shape);
      if (!mp || inside(e, view)) {
        c.features.push_back(f);
        continue;
      }
      render::Feature cut;
      cut.attributes = f.attributes;
      geometry::PlanarMultiPolygon part;
      boost::geometry::intersection(box, *mp, part);
      if (part.empty()) continue;
      cut.shape = std::move(part);
      c.features.push_back(std::move(cut));
    }
    out.push_back(std::move(c));
  }
  return out;
}

// What the how-to-read page says about this booklet (or one of its parts).
struct Reading {
  std::size_t entries = 0;
  std::string area;          // 圏域, 市町村, 地区
  bool by_district = true;   // sections are districts
  bool district_maps = true;
  bool overview = true;
};

std::vector<std::string> how_to_read(const project::ProjectConfig& project, const Reading& r) {
  std::vector<std::string> p;
  p.push_back("この冊子は、ケアマネジャーが医療機関・事業所に連絡するときの窓口・時間帯（ケアマネタイム）、"
              "予約の要否、退院前カンファレンスへの参加、訪問診療・24時間対応の有無をまとめたものです。");
  std::string order = r.by_district ? "掲載は" + r.area + "ごとに、種別、読みの五十音順の順です。"
                                    : std::string("掲載は種別ごとに、読みの五十音順です。");
  if (r.by_district && r.district_maps) order += "各" + r.area + "の最初のページに、その" + r.area + "の地図があります。";
  p.push_back(order);
  const bool maps = r.overview || (r.by_district && r.district_maps);
  std::string numbers = "各施設の左上の番号は掲載番号です。";
  if (maps) numbers += std::string("地図（") + (r.overview ? "全体図" : "") + (r.overview && r.district_maps && r.by_district ? "・" : "") +
                       (r.by_district && r.district_maps ? r.area + "の地図" : "") + "）の記号の中の番号と同じです。";
  numbers += "巻末の索引（五十音順）からも番号とページを引けます。";
  if (maps) numbers += "所在地の座標がない施設は「地図に表示なし」とし、地図には載せていません。";
  p.push_back(numbers);
  p.push_back("「未回答」は、調査票に回答がなかった項目、または公開データに記載がない項目です。"
              "連絡の前に、施設に直接ご確認ください。");
  const std::string edition = project.edition.empty() ? "" : edition_text(project.edition) + "の";
  p.push_back("掲載内容は" + edition + "医療機関・介護事業所の公開データと、医師会の調査への回答によります（掲載 " +
              std::to_string(r.entries) + " 件）。" +
              (project.issuer.empty() ? "" : "変更・誤りは " + project.issuer + " までお知らせください。"));
  return p;
}

std::string area_word(const std::vector<const District*>& districts) {
  if (districts.empty()) return "地区";
  switch (districts.front()->level) {
    case DistrictLevel::daily_life_area: return "圏域";
    case DistrictLevel::municipality: return "市町村";
    case DistrictLevel::other: break;
  }
  return "地区";
}

std::size_t entry_count(const render::BookletSection& s) {
  std::size_t n = 0;
  for (const render::BookletGroup& g : s.groups) n += g.entries.size();
  return n;
}

// Files rendered into a staging folder beside the outputs and moved into place only when
// every one is complete: a failure leaves the previous booklet set as it was.
class Staging {
 public:
  explicit Staging(const std::string& out_dir)
      : out_(out_dir), dir_(fs::path(out_dir) / ".booklet.partial"), partial_(dir_.string(), true) {
    fs::create_directories(out_);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~Staging() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  // The staged file's path. The file is registered as a partial output too: once its
  // writer has renamed it into this folder, a signal must still find and remove it, or
  // the folder (removed only when empty) stays behind with it.
  std::string path(const std::string& name) {
    names_.push_back(name);
    const std::string p = (dir_ / name).string();
    files_.push_back(std::make_unique<PartialOutput>(p));
    return p;
  }
  // Moves every staged file into the output folder, after removing the split files of an
  // earlier run that this one does not write (a district since removed, split turned off).
  std::vector<std::string> commit() {
    const std::set<std::string> keep(names_.begin(), names_.end());
    for (const fs::directory_entry& e : fs::directory_iterator(out_)) {
      const std::string n = e.path().filename().string();
      if (e.is_regular_file() && n.starts_with("booklet_") && n.ends_with(".pdf") && !keep.count(n)) fs::remove(e.path());
    }
    std::vector<std::string> written;
    for (const std::string& n : names_) {
      fs::rename(dir_ / n, out_ / n);
      written.push_back((out_ / n).string());
    }
    return written;
  }

 private:
  fs::path out_, dir_;
  PartialOutput partial_;  // the folder, removed (once emptied) if a signal ends the run
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<PartialOutput>> files_;  // its files (a rename out makes theirs moot)
};

}  // namespace

BookletOutcome run_booklet(const Registry& reg, const project::ProjectConfig& project, const BookletOptions& opt) {
  const project::BookletSettings& bs = project.booklet;
  std::string paper = opt.paper.empty() ? bs.paper : opt.paper;
  std::transform(paper.begin(), paper.end(), paper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (paper != "A4" && paper != "A5") throw config_error("booklet paper must be A4 or A5, not \"" + paper + "\"");
  const bool split = opt.split < 0 ? bs.split : opt.split > 0;
  const bool by_district = bs.group_by != "kind";
  if (split && !by_district)
    throw config_error("a split booklet has one file per district: it needs [booklet] group_by = \"district\"");
  const style::Style st = style::load_style(opt.style_path.empty() ? default_style_path() : opt.style_path);

  BookletOutcome out;
  out.plan = plan_booklet(reg, project);
  const BookletPlan& plan = out.plan;
  std::vector<const Facility*> listed;
  for (const std::size_t i : plan.listed) listed.push_back(&reg.facilities[i]);

  // Maps: the districts of the analysis level in the analysis CRS, every listed facility
  // with its entry number, and the context layers where the districts are. A registry
  // without districts (grouped by kind) gets no maps.
  InputOptions io;
  io.epsg = project.analysis.epsg;
  io.level = project.analysis.district_level;
  std::vector<const District*> districts;
  std::vector<geometry::PlanarMultiPolygon> planar;
  render::MapSheet base;
  std::optional<geometry::Projection> proj;
  if (!reg.districts.empty()) {
    districts = analysed_districts(reg, io.level);
    proj.emplace(analysis_epsg(reg, io));
    std::vector<const MultiPolygon*> shapes;
    for (const District* d : districts) shapes.push_back(&d->geometry);
    planar = proj->forward(shapes, opt.threads);
    const MapContext context = read_map_context(project, *proj, detail::context_area(planar));
    base.page = {render::PaperSize::a4, false, 10};
    base.kind = "booklet";
    base.sources = detail::registry_sources(reg);
    for (const std::string& a : attributions_drawn(context, st, "booklet"))
      if (std::find(base.sources.begin(), base.sources.end(), a) == base.sources.end()) base.sources.push_back(a);
    base.data = context.sources;
    base.data.push_back(detail::district_features(districts, planar, {}));
    base.data.push_back(detail::facility_features(reg, plan.numbers, *proj, &listed));
  } else {
    base.sources = detail::registry_sources(reg);
    out.warnings.push_back("the registry has no districts: the booklet has no maps");
  }

  render::Booklet b;
  b.paper = paper == "A5" ? render::BookletPaper::a5 : render::BookletPaper::a4;
  b.binding_mm = bs.binding_mm;
  const std::string place = project.municipality.empty() ? std::string() : project.municipality + " ";
  b.title = bs.title.empty() ? place + "在宅医療・介護 連絡帳" : bs.title;
  b.municipality = project.municipality;
  b.edition = project.edition.empty() ? "" : edition_text(project.edition);
  b.issuer = project.issuer;
  const Reading reading{plan.listed.size(), area_word(districts), by_district, bs.district_maps && proj.has_value(),
                        proj.has_value()};
  b.how_to_read = how_to_read(project, reading);
  b.badges = booklet_badges();
  b.sources = base.sources;
  b.footer = "作成 " + opt.production_date + "　careatlas " + kVersion + (project.issuer.empty() ? "" : "　" + project.issuer);
  const std::string edition = project.edition.empty() ? "" : "　" + b.edition;

  if (proj) {
    // The overview shows the districts and every listed facility with a location, also
    // those outside every district.
    render::MapSheet overview = base;
    overview.title = "全体図";
    overview.subtitle = "記号の中の番号は、この冊子の掲載番号です" + edition;
    render::MapExtent focus = detail::context_area(planar);
    for (const render::Feature& f : base.data.back().features) {
      const render::MapExtent e = detail::feature_extent(f);
      focus = {std::min(focus.x0, e.x0), std::min(focus.y0, e.y0), std::max(focus.x1, e.x1), std::max(focus.y1, e.y1)};
    }
    overview.focus = focus;
    b.overview = std::move(overview);
  }

  std::map<const District*, std::size_t> district_index;
  for (std::size_t i = 0; i < districts.size(); ++i) district_index[districts[i]] = i;
  for (const PlanSection& ps : plan.sections) {
    render::BookletSection s;
    s.id = ps.id;
    s.title = ps.title;
    for (const PlanGroup& g : ps.groups) {
      render::BookletGroup bg;
      bg.title = std::string(japanese_label(g.kind));
      for (const std::size_t i : g.facilities) bg.entries.push_back(booklet_entry(reg.facilities[i], plan.numbers[i]));
      s.groups.push_back(std::move(bg));
    }
    s.subtitle = "掲載 " + std::to_string(entry_count(s)) + " 件";
    const auto di = ps.district ? district_index.find(ps.district) : district_index.end();
    if (reading.district_maps && di != district_index.end()) {
      const render::MapExtent focus = detail::bounds_of(planar[di->second], 0.08);
      render::MapSheet m;
      m.page = base.page;
      m.kind = "booklet";
      m.title = ps.title;
      m.sources = base.sources;
      m.data = clipped_to(base.data, visible_around(focus));
      m.atlas.push_back({ps.title + "の地図", "記号の中の番号は、この冊子の掲載番号です" + edition, focus, ps.district->id});
      s.map = std::move(m);
    }
    b.sections.push_back(std::move(s));
  }
  for (const std::size_t i : plan.index) {
    const Facility& f = reg.facilities[i];
    b.index.push_back({booklet_reading(f), f.name, plan.numbers[i]});
  }

  render::RenderOptions ro;
  ro.format = render::Format::pdf;
  ro.creation_date = opt.production_date;
  Staging staging(opt.out_dir);
  out.report = render::render_booklet(b, st, staging.path("booklet.pdf"), ro);

  // The table for Excel, with the page of every entry.
  std::map<int, int> page_of;
  for (const render::PlacedEntry& e : out.report.entries) page_of[e.number] = e.page;
  std::vector<int> pages;
  for (const std::size_t i : plan.listed) pages.push_back(page_of[plan.numbers[i]]);
  write_file_atomic(staging.path("booklet.csv"), booklet_csv(reg, plan, pages));

  // What the reader should know: entries that did not fit a page at full size, and
  // numbers the district maps could not print (symbols too crowded).
  std::map<int, const Facility*> by_number;
  for (const Facility* f : listed) by_number[plan.numbers[static_cast<std::size_t>(f - reg.facilities.data())]] = f;
  for (const render::PlacedEntry& e : out.report.entries)
    if (e.pages > 1 || e.type_scale < 1)
      out.warnings.push_back("entry " + std::to_string(e.number) + " (" + by_number[e.number]->name + ") is too long for " +
                             (e.pages > 1 ? "one page: it continues on the next page" : "a column: it is printed in smaller type"));
  std::size_t map_page = b.overview ? 1 : 0;
  for (std::size_t k = 0; k < b.sections.size(); ++k) {
    if (!b.sections[k].map || map_page >= out.report.map_pages.size()) continue;
    const int page = out.report.map_pages[map_page++] - 1;
    std::set<std::string> own;
    for (const PlanGroup& g : plan.sections[k].groups)
      for (const std::size_t i : g.facilities) own.insert(reg.facilities[i].facility_id);
    std::string hidden;
    for (const render::RenderReport::Marker& m : out.report.maps.markers)
      if (m.page == page && !m.printed && own.count(m.id)) hidden += (hidden.empty() ? "" : ", ") + std::to_string(m.number);
    if (!hidden.empty())
      out.warnings.push_back("the map of " + b.sections[k].title + " is too crowded to print the numbers of entries " +
                             hidden);
  }

  // One booklet per district (and for 区域外 / 所在地不明 when they have entries): its
  // cover, the how-to-read page, its section and its index. Entry numbers stay those of
  // the whole booklet and the maps.
  if (split) {
    std::set<std::string> names;
    for (render::BookletSection& s : b.sections) {
      render::Booklet part;
      part.paper = b.paper;
      part.binding_mm = b.binding_mm;
      part.title = b.title + "（" + s.title + "）";
      part.municipality = b.municipality;
      part.edition = b.edition;
      part.issuer = b.issuer;
      Reading r = reading;
      r.entries = entry_count(s);
      r.overview = false;
      part.how_to_read = how_to_read(project, r);
      part.badges = b.badges;
      part.sources = b.sources;
      part.footer = b.footer;
      std::set<int> numbers;
      for (const render::BookletGroup& g : s.groups)
        for (const render::BookletEntry& e : g.entries) numbers.insert(e.number);
      for (const render::IndexLine& l : b.index)
        if (numbers.count(l.number)) part.index.push_back(l);
      part.sections.push_back(std::move(s));  // the whole booklet is written: moved, not copied
      std::string name = "booklet_" + file_part(part.sections.front().id);
      for (int n = 2; !names.insert(name).second; ++n) name = "booklet_" + file_part(part.sections.front().id) + "_" + std::to_string(n);
      out.split_reports.push_back(render::render_booklet(part, st, staging.path(name + ".pdf"), ro));
    }
  }
  out.written = staging.commit();
  const std::size_t unlocated = std::count_if(listed.begin(), listed.end(), [](const Facility* f) { return !f->located(); });
  if (unlocated > 0)
    out.warnings.push_back(std::to_string(unlocated) + " listed facilities have no location: printed without a map marker");
  return out;
}

}  // namespace careatlas::app
