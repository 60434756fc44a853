#include "careatlas/app/booklet_job.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "booklet_maps.hpp"
#include "booklet_staging.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/config_error.hpp"
#include "careatlas/style/style.hpp"
#include "careatlas/version.hpp"

namespace careatlas::app {

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

// A4 or A5: the option, else the project's [booklet] paper.
std::string booklet_paper(const BookletOptions& opt, const project::BookletSettings& bs) {
  std::string paper = opt.paper.empty() ? bs.paper : opt.paper;
  std::transform(paper.begin(), paper.end(), paper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (paper != "A4" && paper != "A5") throw config_error("booklet paper must be A4 or A5, not \"" + paper + "\"");
  return paper;
}

// The whole booklet but its maps, sections and index: cover, how-to-read page, badges,
// 出典 lines and footer.
render::Booklet front_matter(const project::ProjectConfig& project, const BookletOptions& opt, const std::string& paper,
                             const Reading& reading, const std::vector<std::string>& sources) {
  const project::BookletSettings& bs = project.booklet;
  render::Booklet b;
  b.paper = paper == "A5" ? render::BookletPaper::a5 : render::BookletPaper::a4;
  b.binding_mm = bs.binding_mm;
  const std::string place = project.municipality.empty() ? std::string() : project.municipality + " ";
  b.title = bs.title.empty() ? place + "在宅医療・介護 連絡帳" : bs.title;
  b.municipality = project.municipality;
  b.edition = project.edition.empty() ? "" : edition_text(project.edition);
  b.issuer = project.issuer;
  b.how_to_read = how_to_read(project, reading);
  b.badges = booklet_badges();
  b.sources = sources;
  b.footer = "作成 " + opt.production_date + "　careatlas " + kVersion + (project.issuer.empty() ? "" : "　" + project.issuer);
  return b;
}

// The plan's sections as the booklet prints them; with district_maps, each district's
// opens with its map.
std::vector<render::BookletSection> booklet_sections(const Registry& reg, const BookletPlan& plan,
                                                     const detail::BookletMaps& maps, bool district_maps,
                                                     const std::string& edition) {
  std::map<const District*, std::size_t> district_index;
  for (std::size_t i = 0; i < maps.districts.size(); ++i) district_index[maps.districts[i]] = i;
  std::vector<render::BookletSection> sections;
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
    if (district_maps && di != district_index.end()) s.map = detail::district_map(maps, di->second, ps, edition);
    sections.push_back(std::move(s));
  }
  return sections;
}

std::vector<render::IndexLine> booklet_index(const Registry& reg, const BookletPlan& plan) {
  std::vector<render::IndexLine> index;
  for (const std::size_t i : plan.index) {
    const Facility& f = reg.facilities[i];
    index.push_back({booklet_reading(f), f.name, plan.numbers[i]});
  }
  return index;
}

// booklet.csv: the table for Excel, with the page of every entry.
std::string table_with_pages(const Registry& reg, const BookletPlan& plan, const render::BookletReport& report) {
  std::map<int, int> page_of;
  for (const render::PlacedEntry& e : report.entries) page_of[e.number] = e.page;
  std::vector<int> pages;
  for (const std::size_t i : plan.listed) pages.push_back(page_of[plan.numbers[i]]);
  return booklet_csv(reg, plan, pages);
}

// Entries that did not fit a page at full size.
void long_entry_warnings(const Registry& reg, const BookletPlan& plan, const std::vector<const Facility*>& listed,
                         const render::BookletReport& report, std::vector<std::string>& warnings) {
  std::map<int, const Facility*> by_number;
  for (const Facility* f : listed) by_number[plan.numbers[static_cast<std::size_t>(f - reg.facilities.data())]] = f;
  for (const render::PlacedEntry& e : report.entries)
    if (e.pages > 1 || e.type_scale < 1)
      warnings.push_back("entry " + std::to_string(e.number) + " (" + by_number[e.number]->name + ") is too long for " +
                         (e.pages > 1 ? "one page: it continues on the next page" : "a column: it is printed in smaller type"));
}

// Numbers the district maps could not print (symbols too crowded).
void crowded_map_warnings(const Registry& reg, const BookletPlan& plan, const render::Booklet& b,
                          const render::BookletReport& report, std::vector<std::string>& warnings) {
  std::size_t map_page = b.overview ? 1 : 0;
  for (std::size_t k = 0; k < b.sections.size(); ++k) {
    if (!b.sections[k].map || map_page >= report.map_pages.size()) continue;
    const int page = report.map_pages[map_page++] - 1;
    std::set<std::string> own;
    for (const PlanGroup& g : plan.sections[k].groups)
      for (const std::size_t i : g.facilities) own.insert(reg.facilities[i].facility_id);
    std::string hidden;
    for (const render::RenderReport::Marker& m : report.maps.markers)
      if (m.page == page && !m.printed && own.count(m.id)) hidden += (hidden.empty() ? "" : ", ") + std::to_string(m.number);
    if (!hidden.empty())
      warnings.push_back("the map of " + b.sections[k].title + " is too crowded to print the numbers of entries " + hidden);
  }
}

// The booklet of one section `s` (moved out of the whole booklet b): its cover, the
// how-to-read page, the section and its index. Entry numbers stay those of the whole
// booklet and the maps.
render::Booklet section_booklet(const render::Booklet& b, render::BookletSection&& s,
                                const project::ProjectConfig& project, const Reading& reading) {
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
  return part;
}

// One booklet per district (and for 区域外 / 所在地不明 when they have entries), staged
// as booklet_<section id>.pdf. Takes the sections out of b.
std::vector<render::BookletReport> split_booklets(render::Booklet& b, const project::ProjectConfig& project,
                                                  const Reading& reading, const style::Style& st,
                                                  detail::Staging& staging, const render::RenderOptions& ro) {
  std::vector<render::BookletReport> reports;
  std::set<std::string> names;
  for (render::BookletSection& s : b.sections) {
    const render::Booklet part = section_booklet(b, std::move(s), project, reading);
    std::string name = "booklet_" + file_part(part.sections.front().id);
    for (int n = 2; !names.insert(name).second; ++n) name = "booklet_" + file_part(part.sections.front().id) + "_" + std::to_string(n);
    reports.push_back(render::render_booklet(part, st, staging.path(name + ".pdf"), ro));
  }
  return reports;
}

}  // namespace

BookletOutcome run_booklet(const Registry& reg, const project::ProjectConfig& project, const BookletOptions& opt) {
  const project::BookletSettings& bs = project.booklet;
  const std::string paper = booklet_paper(opt, bs);
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
  // A registry without districts (grouped by kind) gets no maps.
  const detail::BookletMaps maps = detail::booklet_maps(reg, project, st, plan, listed, opt.threads);
  const bool has_maps = maps.proj.has_value();
  if (!has_maps) out.warnings.push_back("the registry has no districts: the booklet has no maps");

  const Reading reading{plan.listed.size(), area_word(maps.districts), by_district, bs.district_maps && has_maps,
                        has_maps};
  render::Booklet b = front_matter(project, opt, paper, reading, maps.base.sources);
  const std::string edition = project.edition.empty() ? "" : "　" + b.edition;
  if (has_maps) b.overview = detail::overview_map(maps, edition);
  b.sections = booklet_sections(reg, plan, maps, reading.district_maps, edition);
  b.index = booklet_index(reg, plan);

  render::RenderOptions ro;
  ro.format = render::Format::pdf;
  ro.creation_date = opt.production_date;
  detail::Staging staging(opt.out_dir);
  out.report = render::render_booklet(b, st, staging.path("booklet.pdf"), ro);
  write_file_atomic(staging.path("booklet.csv"), table_with_pages(reg, plan, out.report));
  long_entry_warnings(reg, plan, listed, out.report, out.warnings);
  crowded_map_warnings(reg, plan, b, out.report, out.warnings);
  if (split) out.split_reports = split_booklets(b, project, reading, st, staging, ro);
  out.written = staging.commit();
  const std::size_t unlocated = std::count_if(listed.begin(), listed.end(), [](const Facility* f) { return !f->located(); });
  if (unlocated > 0)
    out.warnings.push_back(std::to_string(unlocated) + " listed facilities have no location: printed without a map marker");
  return out;
}

}  // namespace careatlas::app
