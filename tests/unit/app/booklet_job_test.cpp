// The booklet job on the sample town (sample_data/misaki): every facility listed exactly
// once (by the layout's record and by pdftotext), map markers carrying the entry numbers,
// entries whole on their pages, the index in ICU order with the right pages, fonts
// embedded, kinsoku, A5, the CSV for Excel, the per-district split and unlocated facilities.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "careatlas/app/booklet_job.hpp"
#include "careatlas/app/map_job.hpp"
#include "careatlas/model/config_error.hpp"
#include "render_files.hpp"
#include "sample_town.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {

app::BookletOptions options(const std::string& dir, const std::string& paper = "A4") {
  app::BookletOptions o;
  o.out_dir = dir;
  o.paper = paper;
  o.production_date = "2026-11-24";
  return o;
}

// One run per paper size, shared by the tests that only read it.
const app::BookletOutcome& booklet(const std::string& paper = "A4") {
  static std::map<std::string, app::BookletOutcome> runs;
  auto it = runs.find(paper);
  if (it == runs.end())
    it = runs.emplace(paper, app::run_booklet(sample_registry(), sample_project(),
                                              options(scratch_dir("booklet_job_" + paper), paper)))
             .first;
  return it->second;
}

std::string bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// pdftotext -raw (content-stream order, so two columns do not interleave) of pages
// first..last (1-based).
std::string page_text(const std::string& file, int first, int last) {
  std::string text;
  EXPECT_EQ(run_command("pdftotext -raw -enc UTF-8 -f " + std::to_string(first) + " -l " + std::to_string(last) +
                            " '" + file + "' -",
                        &text),
            0);
  return text;
}

// Text without line breaks and spaces (ASCII and U+3000): a name wrapped over two lines,
// or printed with its full-width space, is found whole.
std::string squeezed(std::string s) {
  for (std::size_t at; (at = s.find("\u3000")) != std::string::npos;) s.erase(at, 3);
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '\n' || c == ' '; }), s.end());
  return s;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// Occurrences of `what` (which starts with a number) not preceded by another digit.
std::size_t numbered_occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    n += at == 0 || !std::isdigit(static_cast<unsigned char>(text[at - 1]));
  return n;
}

std::map<int, int> page_of_number(const render::BookletReport& r) {
  std::map<int, int> p;
  for (const render::PlacedEntry& e : r.entries) p[e.number] = e.page;
  return p;
}

}  // namespace

TEST(BookletJob, EveryFacilityIsListedExactlyOnceAndWhole) {
  const app::BookletOutcome& out = booklet();
  const Registry& reg = sample_registry();
  ASSERT_EQ(out.written.size(), 2u);
  const std::string pdf = out.written[0];
  EXPECT_EQ(fs::path(pdf).filename(), "booklet.pdf");
  // Every kind is listed by default: every facility of the registry, each once.
  ASSERT_EQ(out.plan.listed.size(), reg.facilities.size());
  ASSERT_EQ(out.report.entries.size(), reg.facilities.size());
  std::vector<int> numbers;
  for (const render::PlacedEntry& e : out.report.entries) numbers.push_back(e.number);
  std::vector<int> expected(numbers.size());
  for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int>(i + 1);
  EXPECT_EQ(numbers, expected) << "entries are printed in number order, each once";

  // Whole on one page: inside that page's body, and never over another entry.
  ASSERT_EQ(out.report.body_boxes.size(), static_cast<std::size_t>(out.report.pages));
  EXPECT_EQ(pdf_pages(pdf), out.report.pages);
  for (const render::PlacedEntry& e : out.report.entries) {
    ASSERT_GE(e.page, 1);
    ASSERT_LE(e.page, out.report.pages);
    const geometry::PaperBox& body = out.report.body_boxes[static_cast<std::size_t>(e.page - 1)];
    EXPECT_TRUE(e.box.x0 >= body.x0 - 1e-6 && e.box.x1 <= body.x1 + 1e-6 && e.box.y0 >= body.y0 - 1e-6 &&
                e.box.y1 <= body.y1 + 1e-6)
        << "entry " << e.number << " leaves the body of page " << e.page;
  }
  for (std::size_t a = 0; a < out.report.entries.size(); ++a)
    for (std::size_t b = a + 1; b < out.report.entries.size(); ++b) {
      const render::PlacedEntry &p = out.report.entries[a], &q = out.report.entries[b];
      if (p.page != q.page) continue;
      const bool apart = p.box.x1 <= q.box.x0 || q.box.x1 <= p.box.x0 || p.box.y1 <= q.box.y0 || q.box.y1 <= p.box.y0;
      EXPECT_TRUE(apart) << "entries " << p.number << " and " << q.number << " overlap on page " << p.page;
    }

  // pdftotext finds each entry — its number, then its name — on its page, and exactly once
  // from the first entry page to the end (the index prints the name first, the number
  // after it; the how-to-read page shows one entry as its example).
  const std::map<int, int> page = page_of_number(out.report);
  const std::string whole = squeezed(page_text(pdf, out.report.entries.front().page, out.report.pages));
  std::map<int, std::string> text_of_page;
  for (const auto& [number, p] : page)
    if (!text_of_page.count(p)) text_of_page[p] = squeezed(page_text(pdf, p, p));
  for (const std::size_t i : out.plan.listed) {
    const Facility& f = reg.facilities[i];
    const int n = out.plan.numbers[i];
    const std::string entry = std::to_string(n) + squeezed(f.name);
    EXPECT_EQ(numbered_occurrences(text_of_page[page.at(n)], entry), 1u)
        << f.name << " is not on page " << page.at(n);
    EXPECT_EQ(numbered_occurrences(whole, entry), 1u) << f.name;
  }
}

TEST(BookletJob, MarkerNumbersOnEveryMapAreTheEntryNumbers) {
  const app::BookletOutcome& out = booklet();
  const Registry& reg = sample_registry();
  std::map<std::string, int> number_of;  // facility id → entry number
  for (const std::size_t i : out.plan.listed) number_of[reg.facilities[i].facility_id] = out.plan.numbers[i];
  ASSERT_FALSE(out.report.map_pages.empty());
  ASSERT_FALSE(out.report.maps.markers.empty());
  std::set<std::string> on_maps;
  for (const render::RenderReport::Marker& m : out.report.maps.markers) {
    ASSERT_TRUE(number_of.count(m.id)) << "marker of an unlisted facility " << m.id;
    EXPECT_EQ(m.number, number_of[m.id]) << m.id;
    on_maps.insert(m.id);
  }
  // Every listed facility with a location has its marker (the overview reaches out to
  // those beyond every district); unlocated ones have none.
  for (const std::size_t i : out.plan.listed) {
    EXPECT_EQ(on_maps.count(reg.facilities[i].facility_id), reg.facilities[i].located() ? 1u : 0u)
        << reg.facilities[i].name;
  }
  // On its own district's map every facility's number is printed, not only drawn.
  ASSERT_EQ(out.report.map_pages.size(), 7u) << "the overview and six district maps";
  for (std::size_t k = 0; k < 6; ++k) {
    const int page = out.report.map_pages[k + 1] - 1;
    std::set<std::string> printed;
    for (const render::RenderReport::Marker& m : out.report.maps.markers)
      if (m.page == page && m.printed) printed.insert(m.id);
    for (const app::PlanGroup& g : out.plan.sections[k].groups)
      for (const std::size_t i : g.facilities) {
        EXPECT_TRUE(printed.count(reg.facilities[i].facility_id))
            << reg.facilities[i].name << ": number not printed on the map of " << out.plan.sections[k].title;
      }
  }
  for (const std::string& w : out.warnings) EXPECT_EQ(w.find("too crowded"), std::string::npos) << w;

  // The council maps number their markers the same way.
  app::MapOptions mo;
  mo.kinds = {app::MapKind::resource, app::MapKind::atlas};
  mo.out_dir = scratch_dir("booklet_job_maps");
  mo.production_date = "2026-11-24";
  mo.page.size = render::PaperSize::a4;
  const app::MapOutcome maps = app::run_maps(reg, sample_project(), mo);
  std::size_t checked = 0;
  for (const render::RenderReport& r : maps.reports)
    for (const render::RenderReport::Marker& m : r.markers) {
      ASSERT_TRUE(number_of.count(m.id)) << m.id;
      EXPECT_EQ(m.number, number_of[m.id]) << m.id;
      ++checked;
    }
  EXPECT_GT(checked, on_maps.size()) << "the resource map and the atlas both carry numbers";
}

TEST(BookletJob, IndexFollowsIcuOrderAndPointsAtTheEntryPages) {
  const app::BookletOutcome& out = booklet();
  const Registry& reg = sample_registry();
  ASSERT_EQ(out.plan.index.size(), out.plan.listed.size());
  const app::JapaneseCollator ja;
  for (std::size_t k = 1; k < out.plan.index.size(); ++k) {
    const Facility& a = reg.facilities[out.plan.index[k - 1]];
    const Facility& b = reg.facilities[out.plan.index[k]];
    EXPECT_LE(ja.compare(app::booklet_reading(a), app::booklet_reading(b)), 0) << a.name << " / " << b.name;
  }
  const std::map<int, int> page = page_of_number(out.report);
  ASSERT_EQ(out.report.index_pages.size(), out.plan.index.size());
  for (std::size_t k = 0; k < out.plan.index.size(); ++k)
    EXPECT_EQ(out.report.index_pages[k], page.at(out.plan.numbers[out.plan.index[k]]));

  // The index pages print the readings in that order.
  const std::string text = squeezed(page_text(out.written[0], out.report.entries.back().page + 1, out.report.pages));
  EXPECT_NE(text.find("索引"), std::string::npos);
  std::size_t at = 0, found = 0;
  for (const std::size_t i : out.plan.index) {
    const std::string reading = squeezed(app::booklet_reading(reg.facilities[i]));
    if (reading.empty()) continue;
    const std::size_t next = text.find(reading, at);
    if (next == std::string::npos) {
      ADD_FAILURE() << reading << " is not in the index after position " << at;
      continue;
    }
    ++found;
    at = next;
  }
  EXPECT_EQ(found, out.plan.index.size()) << "every reading, in index order";
}

TEST(BookletJob, FontsEmbeddedTextSearchableAndKinsoku) {
  const app::BookletOutcome& out = booklet();
  const std::string pdf = out.written[0];
  const PdfFonts fonts = pdf_fonts(pdf);
  EXPECT_GT(fonts.listed, 0);
  EXPECT_TRUE(fonts.not_embedded.empty()) << fonts.not_embedded.front();
  const std::string text = page_text(pdf, 1, out.report.pages);
  for (const char* s : {"みさき市", "在宅医療・介護 連絡帳", "目次", "索引", "未回答", "ケアマネタイム", "中央圏域",
                        "山間部圏域", "2026年4月1日現在", "出典"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  // No line starts with a closing mark (Japanese line breaking: 行頭禁則).
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line))
    for (const char* bad : {"。", "、", "）", "」", "，", "．"})
      EXPECT_FALSE(line.rfind(bad, 0) == 0) << "line starts with " << bad << ": " << line;
}

TEST(BookletJob, A5KeepsEveryEntryWholeOnMorePages) {
  const app::BookletOutcome& a4 = booklet("A4");
  const app::BookletOutcome& a5 = booklet("A5");
  EXPECT_GT(a5.report.pages, a4.report.pages);
  ASSERT_EQ(a5.report.entries.size(), a4.report.entries.size());
  for (const app::BookletOutcome* run : {&a4, &a5})
    for (const render::PlacedEntry& e : run->report.entries) {
      EXPECT_EQ(e.pages, 1) << "entry " << e.number << " is split";
      EXPECT_EQ(e.type_scale, 1.0) << "entry " << e.number << " is printed small";
    }
  for (const render::PlacedEntry& e : a5.report.entries) {
    const geometry::PaperBox& body = a5.report.body_boxes[static_cast<std::size_t>(e.page - 1)];
    EXPECT_LE(e.box.x1, body.x1 + 1e-6);
    EXPECT_LE(e.box.y1, body.y1 + 1e-6) << "entry " << e.number;
    EXPECT_LE(body.x1, 148.0);
  }
  std::string info;
  ASSERT_EQ(run_command("pdfinfo '" + a5.written[0] + "'", &info), 0);
  EXPECT_NE(info.find("419.528 x 595.276 pts"), std::string::npos) << "A5 portrait: " << info;
}

TEST(BookletJob, CsvForExcelHasEveryEntryWithItsPage) {
  const app::BookletOutcome& out = booklet();
  const std::string csv = bytes(out.written[1]);
  ASSERT_EQ(fs::path(out.written[1]).filename(), "booklet.csv");
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(occurrences(csv, "\r\n"), out.plan.listed.size() + 1);
  // The 頁 column holds the page the layout gave each entry.
  const std::map<int, int> page = page_of_number(out.report);
  const Registry& reg = sample_registry();
  const std::size_t first = out.plan.listed.front();
  const std::string row_start = "\r\n1,";
  ASSERT_NE(csv.find(row_start), std::string::npos);
  const std::size_t end = csv.find("\r\n", csv.find(row_start) + 2);
  const std::string row = csv.substr(csv.find(row_start) + 2, end - csv.find(row_start) - 2);
  EXPECT_NE(row.find(reg.facilities[first].name), std::string::npos) << row;
  EXPECT_NE(row.find("," + std::to_string(page.at(1)) + "," + reg.facilities[first].facility_id), std::string::npos)
      << row;
  // Deterministic: the same inputs give the same bytes.
  const app::BookletOutcome again =
      app::run_booklet(reg, sample_project(), options(scratch_dir("booklet_job_again")));
  EXPECT_EQ(bytes(again.written[1]), csv);
  EXPECT_EQ(bytes(again.written[0]), bytes(out.written[0]));
}

TEST(BookletJob, SplitWritesOneBookletPerDistrict) {
  app::BookletOptions o = options(scratch_dir("booklet_job_split"));
  o.split = 1;
  const app::BookletOutcome out = app::run_booklet(sample_registry(), sample_project(), o);
  std::vector<std::string> names;
  for (const std::string& w : out.written) names.push_back(fs::path(w).filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"booklet.pdf", "booklet.csv", "booklet_23999-01.pdf",
                                             "booklet_23999-02.pdf", "booklet_23999-03.pdf", "booklet_23999-04.pdf",
                                             "booklet_23999-05.pdf", "booklet_23999-06.pdf", "booklet_outside.pdf"}));
  ASSERT_EQ(out.split_reports.size(), 7u);
  std::size_t entries = 0;
  for (std::size_t k = 0; k < out.split_reports.size(); ++k) {
    const app::PlanSection& s = out.plan.sections[k];
    std::size_t in_section = 0;
    for (const app::PlanGroup& g : s.groups) in_section += g.facilities.size();
    EXPECT_EQ(out.split_reports[k].entries.size(), in_section) << s.title;
    for (const render::PlacedEntry& e : out.split_reports[k].entries) EXPECT_EQ(e.section_id, s.id);
    entries += in_section;
    EXPECT_NE(pdf_text(out.written[k + 2]).find(s.title), std::string::npos);
  }
  // Every entry is in one of the parts: the station outside the town in booklet_outside.pdf
  // (the two without coordinates are placed by their address, in their 圏域's part).
  EXPECT_EQ(entries, out.plan.listed.size());

  // A later run without the split leaves no part of this one behind.
  o.split = 0;
  const app::BookletOutcome whole = app::run_booklet(sample_registry(), sample_project(), o);
  EXPECT_EQ(whole.written.size(), 2u);
  for (const fs::directory_entry& e : fs::directory_iterator(o.out_dir))
    EXPECT_FALSE(e.path().filename().string().starts_with("booklet_")) << e.path();
}

TEST(BookletJob, SplitNeedsDistricts) {
  project::ProjectConfig p = sample_project();
  p.booklet.group_by = "kind";
  app::BookletOptions o = options(scratch_dir("booklet_job_split_kind"));
  o.split = 1;
  EXPECT_THROW(app::run_booklet(sample_registry(), p, o), config_error);
  EXPECT_FALSE(fs::exists(o.out_dir + "/booklet.pdf"));
}

TEST(BookletJob, RegistryWithoutDistrictsGroupedByKind) {
  Registry reg = sample_registry();
  reg.districts.clear();
  project::ProjectConfig p = sample_project();
  p.booklet.group_by = "kind";
  const app::BookletOutcome out = app::run_booklet(reg, p, options(scratch_dir("booklet_job_no_districts")));
  EXPECT_EQ(out.report.entries.size(), reg.facilities.size());
  EXPECT_TRUE(out.report.map_pages.empty());
  ASSERT_FALSE(out.warnings.empty());
  EXPECT_NE(out.warnings.front().find("no districts"), std::string::npos);
  const std::string text = squeezed(pdf_text(out.written[0]));
  EXPECT_NE(text.find("種別ごと"), std::string::npos);
  EXPECT_EQ(text.find("全体図"), std::string::npos) << "no map is promised";
}

TEST(BookletJob, KindsAndFiltersComeFromTheProjectFile) {
  project::ProjectConfig p = sample_project();
  p.booklet.kinds = {FacilityKind::hospital, FacilityKind::clinic};
  p.booklet.only_caremanager_contact = true;
  p.booklet.district_maps = false;
  const app::BookletOutcome out = app::run_booklet(sample_registry(), p, options(scratch_dir("booklet_job_filter")));
  const Registry& reg = sample_registry();
  ASSERT_FALSE(out.plan.listed.empty());
  for (const std::size_t i : out.plan.listed) {
    const Facility& f = reg.facilities[i];
    EXPECT_TRUE(f.kind == FacilityKind::hospital || f.kind == FacilityKind::clinic) << f.name;
    EXPECT_TRUE(!f.survey.caremanager_slots.empty() || !f.survey.caremanager_time_text.empty() ||
                f.survey.contact_methods)
        << f.name;
  }
  EXPECT_EQ(out.plan.listed.size() + out.plan.left_out_kind + out.plan.left_out_filter, reg.facilities.size());
  EXPECT_EQ(out.report.map_pages.size(), 1u) << "the overview only";
  EXPECT_EQ(out.report.entries.size(), out.plan.listed.size());
  // Hospitals come before clinics in every district, as the settings order them.
  for (const app::PlanSection& s : out.plan.sections)
    if (s.groups.size() == 2) {
      EXPECT_EQ(s.groups[0].kind, FacilityKind::hospital);
      EXPECT_EQ(s.groups[1].kind, FacilityKind::clinic);
    }
}

TEST(BookletJob, UnlocatedFacilityIsListedWithoutAMarker) {
  Registry reg = sample_registry();
  auto it = std::find_if(reg.facilities.begin(), reg.facilities.end(),
                         [](const Facility& f) { return f.kind == FacilityKind::clinic && f.located(); });
  ASSERT_NE(it, reg.facilities.end());
  it->location.reset();
  const std::string id = it->facility_id, name = it->name;
  const app::BookletOutcome out = app::run_booklet(reg, sample_project(), options(scratch_dir("booklet_job_unlocated")));
  EXPECT_EQ(out.plan.listed.size(), reg.facilities.size());
  ASSERT_FALSE(out.plan.sections.empty());
  EXPECT_EQ(out.plan.sections.back().id, "unlocated");
  bool filed = false;
  for (const app::PlanGroup& g : out.plan.sections.back().groups)
    for (const std::size_t i : g.facilities) filed |= reg.facilities[i].facility_id == id;
  EXPECT_TRUE(filed) << name << " is filed under 所在地不明";
  for (const render::RenderReport::Marker& m : out.report.maps.markers) EXPECT_NE(m.id, id);
  const std::string text = squeezed(pdf_text(out.written[0]));
  EXPECT_NE(text.find(name), std::string::npos);
  EXPECT_NE(text.find("地図に表示なし"), std::string::npos);
  EXPECT_NE(text.find("所在地不明"), std::string::npos);
  ASSERT_FALSE(out.warnings.empty());
}
