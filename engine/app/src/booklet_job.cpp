#include "careatlas/app/booklet_job.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/app/map_context.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/geometry/projection.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/config_error.hpp"
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

// A district id as part of a file name: ASCII letters, digits, '-' and '_' kept, anything
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

render::MapExtent extent_of(const render::Feature& f) {
  if (const auto* p = std::get_if<geometry::XY>(&f.shape)) return {p->x, p->y, p->x, p->y};
  render::MapExtent e{1e300, 1e300, -1e300, -1e300};
  auto add = [&](const geometry::XY& q) {
    e = {std::min(e.x0, q.x), std::min(e.y0, q.y), std::max(e.x1, q.x), std::max(e.y1, q.y)};
  };
  if (const auto* mp = std::get_if<geometry::PlanarMultiPolygon>(&f.shape)) {
    for (const auto& poly : *mp)
      for (const geometry::XY& q : poly.outer()) add(q);
  } else {
    for (const auto& line : std::get<render::Lines>(f.shape))
      for (const geometry::XY& q : line) add(q);
  }
  return e;
}

// The features of `data` that can show inside `view` (a district map needs its
// neighbours' edges, not a prefecture's polygons).
std::vector<render::SourceData> clipped_to(const std::vector<render::SourceData>& data, const render::MapExtent& view) {
  std::vector<render::SourceData> out;
  for (const render::SourceData& d : data) {
    render::SourceData c{d.source, d.context, {}};
    for (const render::Feature& f : d.features)
      if (overlaps(extent_of(f), view)) c.features.push_back(f);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> how_to_read(const project::ProjectConfig& project, const BookletPlan& plan,
                                     const std::string& group_by) {
  std::vector<std::string> p;
  p.push_back("この冊子は、ケアマネジャーが医療機関・事業所に連絡するときの窓口・時間帯（ケアマネタイム）、"
              "予約の要否、退院前カンファレンスへの参加、訪問診療・24時間対応の有無をまとめたものです。");
  p.push_back(group_by == "kind"
                  ? "掲載は種別ごとに、読みの五十音順です。"
                  : "掲載は圏域ごとに、種別、読みの五十音順の順です。各圏域の最初のページに、その圏域の地図があります。");
  p.push_back("各施設の左上の番号は、全体図・圏域図の記号の中の番号と同じです。巻末の索引（五十音順）からも番号と"
              "ページを引けます。所在地の座標がない施設は「地図に表示なし」とし、地図には載せていません。");
  p.push_back("「未回答」は、調査票に回答がなかった項目、または公開データに記載がない項目です。"
              "連絡の前に、施設に直接ご確認ください。");
  std::string edition = project.edition.empty() ? "" : edition_text(project.edition) + "の";
  p.push_back("掲載内容は" + edition + "医療機関・介護事業所の公開データと、医師会の調査への回答によります" +
              std::string(plan.listed.empty() ? "。" : "（掲載 " + std::to_string(plan.listed.size()) + " 件）。") +
              (project.issuer.empty() ? "" : "変更・誤りは " + project.issuer + " までお知らせください。"));
  return p;
}

}  // namespace

BookletOutcome run_booklet(const Registry& reg, const project::ProjectConfig& project, const BookletOptions& opt) {
  const project::BookletSettings& bs = project.booklet;
  std::string paper = opt.paper.empty() ? bs.paper : opt.paper;
  std::transform(paper.begin(), paper.end(), paper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (paper != "A4" && paper != "A5") throw config_error("booklet paper must be A4 or A5, not \"" + paper + "\"");
  const bool split = opt.split < 0 ? bs.split : opt.split > 0;
  const style::Style st = style::load_style(opt.style_path.empty() ? default_style_path() : opt.style_path);

  BookletOutcome out;
  out.plan = plan_booklet(reg, project);
  const BookletPlan& plan = out.plan;

  // Maps: the districts of the analysis level in the analysis CRS, every listed facility
  // with its entry number, and the context layers where the districts are.
  InputOptions io;
  io.epsg = project.analysis.epsg;
  io.level = project.analysis.district_level;
  const geometry::Projection proj(analysis_epsg(reg, io));
  const std::vector<const District*> districts = analysed_districts(reg, io.level);
  std::vector<const MultiPolygon*> shapes;
  for (const District* d : districts) shapes.push_back(&d->geometry);
  const std::vector<geometry::PlanarMultiPolygon> planar = proj.forward(shapes, opt.threads);
  render::MapExtent area{1e300, 1e300, -1e300, -1e300};
  for (const auto& shape : planar) {
    const render::MapExtent b = detail::bounds_of(shape, 0.0);
    area = {std::min(area.x0, b.x0), std::min(area.y0, b.y0), std::max(area.x1, b.x1), std::max(area.y1, b.y1)};
  }
  if (!area.empty()) {
    const double grow = 0.1 * std::max(area.x1 - area.x0, area.y1 - area.y0);
    area = {area.x0 - grow, area.y0 - grow, area.x1 + grow, area.y1 + grow};
  }
  const MapContext context = read_map_context(project, proj, area.empty() ? render::MapExtent{} : area);
  std::vector<const Facility*> listed;
  for (const std::size_t i : plan.listed) listed.push_back(&reg.facilities[i]);

  render::MapSheet base;
  base.page = {render::PaperSize::a4, false, 10};
  base.kind = "booklet";
  base.title = project.title.empty() ? reg.title : project.title;
  std::set<std::string> seen;
  for (const SourceInfo& s : reg.sources)
    if (!s.attribution.empty() && seen.insert(s.attribution).second) base.sources.push_back(s.attribution);
  for (const std::string& a : attributions_drawn(context, st, "booklet"))
    if (seen.insert(a).second) base.sources.push_back(a);
  base.data = context.sources;
  base.data.push_back(detail::district_features(districts, planar, {}));
  base.data.push_back(detail::facility_features(reg, plan.numbers, proj, &listed));

  render::Booklet b;
  b.paper = paper == "A5" ? render::BookletPaper::a5 : render::BookletPaper::a4;
  b.binding_mm = bs.binding_mm;
  const std::string place = project.municipality.empty() ? std::string() : project.municipality + " ";
  b.title = bs.title.empty() ? place + "在宅医療・介護 連絡帳" : bs.title;
  b.municipality = project.municipality;
  b.edition = project.edition.empty() ? "" : edition_text(project.edition);
  b.issuer = project.issuer;
  b.how_to_read = how_to_read(project, plan, bs.group_by);
  b.badges = booklet_badges();
  b.sources = base.sources;
  b.footer = "作成 " + opt.production_date + "　careatlas " + kVersion + (project.issuer.empty() ? "" : "　" + project.issuer);
  const std::string edition = project.edition.empty() ? "" : "　" + b.edition;

  render::MapSheet overview = base;
  overview.title = "全体図";
  overview.subtitle = "記号の中の番号は、この冊子の掲載番号です" + edition;
  b.overview = std::move(overview);

  std::map<const District*, std::size_t> district_index;
  for (std::size_t i = 0; i < districts.size(); ++i) district_index[districts[i]] = i;
  for (const PlanSection& ps : plan.sections) {
    render::BookletSection s;
    s.id = ps.id;
    s.title = ps.title;
    std::size_t count = 0;
    for (const PlanGroup& g : ps.groups) {
      render::BookletGroup bg;
      bg.title = std::string(japanese_label(g.kind));
      for (const std::size_t i : g.facilities) bg.entries.push_back(booklet_entry(reg.facilities[i], plan.numbers[i]));
      count += bg.entries.size();
      s.groups.push_back(std::move(bg));
    }
    s.subtitle = "掲載 " + std::to_string(count) + " 件";
    const auto di = ps.district ? district_index.find(ps.district) : district_index.end();
    if (bs.district_maps && di != district_index.end()) {
      const render::MapExtent focus = detail::bounds_of(planar[di->second], 0.08);
      render::MapSheet m;
      m.page = base.page;
      m.kind = "booklet";
      m.title = ps.title;
      m.sources = base.sources;
      m.data = clipped_to(base.data, focus);
      m.atlas.push_back({ps.title + "の地図", "記号の中の番号は、この冊子の掲載番号です" + edition, focus, ps.district->id});
      s.map = std::move(m);
    }
    b.sections.push_back(std::move(s));
  }
  for (const std::size_t i : plan.index) {
    const Facility& f = reg.facilities[i];
    b.index.push_back({booklet_reading(f), f.name, plan.numbers[i]});
  }

  fs::create_directories(opt.out_dir);
  render::RenderOptions ro;
  ro.format = render::Format::pdf;
  ro.creation_date = opt.production_date;
  const std::string pdf = (fs::path(opt.out_dir) / "booklet.pdf").string();
  out.report = render::render_booklet(b, st, pdf, ro);
  out.written.push_back(pdf);

  // The table for Excel, with the page of every entry.
  std::map<int, int> page_of;
  for (const render::PlacedEntry& e : out.report.entries) page_of[e.number] = e.page;
  std::vector<int> pages;
  for (const std::size_t i : plan.listed) pages.push_back(page_of[plan.numbers[i]]);
  const std::string csv = (fs::path(opt.out_dir) / "booklet.csv").string();
  write_file_atomic(csv, booklet_csv(reg, plan, pages));
  out.written.push_back(csv);

  // One booklet per district: its cover, the how-to-read page, its section and its index
  // (entry numbers stay those of the whole booklet and the maps).
  if (split) {
    std::set<std::string> names;
    for (const render::BookletSection& s : b.sections) {
      if (s.id.empty() || s.id == "outside" || s.id == "unlocated") continue;
      render::Booklet part;
      part.paper = b.paper;
      part.binding_mm = b.binding_mm;
      part.title = b.title + "（" + s.title + "）";
      part.municipality = b.municipality;
      part.edition = b.edition;
      part.issuer = b.issuer;
      part.how_to_read = b.how_to_read;
      part.badges = b.badges;
      part.sources = b.sources;
      part.footer = b.footer;
      part.sections.push_back(s);
      std::set<int> numbers;
      for (const render::BookletGroup& g : s.groups)
        for (const render::BookletEntry& e : g.entries) numbers.insert(e.number);
      for (const render::IndexLine& l : b.index)
        if (numbers.count(l.number)) part.index.push_back(l);
      std::string name = "booklet_" + file_part(s.id);
      for (int n = 2; !names.insert(name).second; ++n) name = "booklet_" + file_part(s.id) + "_" + std::to_string(n);
      const std::string path = (fs::path(opt.out_dir) / (name + ".pdf")).string();
      out.split_reports.push_back(render::render_booklet(part, st, path, ro));
      out.written.push_back(path);
    }
  }
  const std::size_t unlocated = std::count_if(listed.begin(), listed.end(), [](const Facility* f) { return !f->located(); });
  if (unlocated > 0)
    out.warnings.push_back(std::to_string(unlocated) + " listed facilities have no location: printed without a map marker");
  return out;
}

}  // namespace careatlas::app
