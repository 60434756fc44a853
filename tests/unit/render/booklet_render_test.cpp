// The contact booklet's layout engine on a synthetic town: 4 districts (one with nothing to
// list), 62 entries with long notes full of 。、）, unanswered fields, one entry too tall for
// a column, two section maps and an overview. Every entry is placed once, whole, inside
// its page's body and clear of the others; the contents and the index point at the pages
// where things landed; the PDF embeds its fonts and its text can be searched and copied.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "careatlas/model/config_error.hpp"
#include "careatlas/render/booklet.hpp"
#include "careatlas/render/map.hpp"
#include "render_files.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {

const char* const kTitle = "みさき市 在宅医療・介護 連絡帳（ケアマネジャー用）";
const char* const kMonsterEnd = "以上、長文の備考の終わり。";

struct TownFacility {
  std::string id, kind;
  double x, y;
  long long number;  // 0: not in the booklet (no number on the map)
};

render::Feature facility(const TownFacility& f) {
  render::Feature r;
  r.shape = geometry::XY{f.x, f.y};
  r.attributes["id"] = f.id;
  r.attributes["kind"] = f.kind;
  r.attributes["name"] = "施設" + f.id;
  if (f.number > 0) r.attributes["number"] = f.number;
  r.attributes["home_visit"] = true;
  r.attributes["support_24h"] = f.number % 5 == 0;
  r.attributes["municipality_code"] = std::string("23999");
  return r;
}

struct Town {
  std::vector<render::Feature> districts;
  std::vector<TownFacility> facilities;
};

// Notes the way medical associations write them: long sentences, 、 and 。 everywhere,
// parentheses closing at line ends.
const std::vector<std::string>& notes() {
  static const std::vector<std::string> n = {
      "ケアマネジャーからの相談は、原則として水曜日の午後（14:00〜15:00）に受け付けます。急ぎの場合は、事前に電話で"
      "連絡してください（外来の混雑時は折り返しになります）。",
      "訪問診療の新規依頼は、主治医意見書の写しを添えてFAXで送ってください。退院前カンファレンスには、日程が合えば"
      "医師または看護師が参加します（オンライン可）。",
      "「在宅での看取り」についての相談にも応じます。夜間・休日は、連携する訪問看護ステーションが一次対応します。",
      "駐車場は３台分あります（訪問時は裏口をご利用ください）。",
      "",
  };
  return n;
}

// The synthetic booklet: sections A (中央), B (東部), C (山間部, no map), D (北部, empty).
render::Booklet town_booklet(Town* town_out = nullptr) {
  render::Booklet b;
  b.title = kTitle;
  b.municipality = "みさき市";
  b.edition = "2026年4月1日現在";
  b.issuer = "みさき市 在宅医療・介護連携支援センター";
  b.how_to_read = {
      "この冊子は、みさき市内の医療機関と介護事業所のうち、ケアマネジャーとの連絡について調査に回答のあった施設を、"
      "日常生活圏域ごとに掲載したものです。",
      "各項目の「未回答」は、調査で回答が得られなかったことを示します。掲載内容は変わることがあります。連絡の前に、"
      "電話で確認してください。"};
  b.badges = {{"訪問診療", "定期的に自宅を訪問して診療します。"},
              {"24時間", "24時間、電話での相談と往診・訪問に対応します（連携先によるものを含む）。"},
              {"退院調整", "退院前カンファレンスに参加します。"},
              {"ケアマネ", "ケアマネタイム（ケアマネジャーからの相談を受ける時間）を設けています。"}};
  b.sources = {"「国土数値情報（行政区域データ）」（国土交通省）を加工して作成", "出典：介護サービス情報公表システム（厚生労働省）",
               "「医療情報ネットのオープンデータ」（厚生労働省）を加工して作成"};
  b.footer = "作成 2026-11-24　careatlas（テスト）";

  Town town;
  town.districts = {district("A", "中央圏域", 0, 0, 10000, 14000), district("B", "東部圏域", 10000, 0, 24000, 7000),
                    district("C", "山間部圏域", 10000, 7000, 24000, 14000), district("D", "北部圏域", 0, 14000, 24000, 18000)};
  const std::vector<std::tuple<std::string, std::string, std::string, int>> sections = {
      {"A", "中央圏域", "みさき市中央・掲載 30 件", 30}, {"B", "東部圏域", "みさき市東部・掲載 20 件", 20},
      {"C", "山間部圏域", "みさき市山間部・掲載 12 件", 12}, {"D", "北部圏域", "みさき市北部・掲載 0 件", 0}};
  const std::vector<std::tuple<std::string, std::string, std::string>> kinds = {
      {"診療所", "clinic", "ないかくりにっく"}, {"病院", "hospital", "びょういん"},
      {"訪問看護ステーション", "home_nursing", "ほうもんかんごすてーしょん"},
      {"居宅介護支援事業所", "care_management", "きょたくかいごしえんじぎょうしょ"}};
  const std::vector<std::string> places = {"みさき", "かもめ", "さくら", "たちばな", "なぎさ", "はまなす", "まつかぜ",
                                           "やまびこ", "らいちょう", "わかば", "がくえんまえ", "ぱんだ", "ヴィラ"};
  const std::vector<std::string> places_kanji = {"岬", "鴎", "桜", "橘", "渚", "浜茄子", "松風",
                                                 "山彦", "雷鳥", "若葉", "学園前", "パンダ", "ヴィラ"};
  int number = 0;
  for (const auto& [id, title, subtitle, count] : sections) {
    render::BookletSection s;
    s.id = id;
    s.title = title;
    s.subtitle = subtitle;
    const render::Feature& d = *std::find_if(town.districts.begin(), town.districts.end(), [&](const render::Feature& f) {
      return std::get<std::string>(f.attributes.at("id")) == id;
    });
    const auto& ring = std::get<geometry::PlanarMultiPolygon>(d.shape).front().outer();
    const double x0 = ring[0].x, y0 = ring[0].y, x1 = ring[2].x, y1 = ring[2].y;
    for (std::size_t k = 0; k < kinds.size() && count > 0; ++k) {
      render::BookletGroup g;
      g.title = std::get<0>(kinds[k]);
      const int in_group = count / 4 + (static_cast<int>(k) < count % 4 ? 1 : 0);
      for (int i = 0; i < in_group; ++i) {
        ++number;
        const std::size_t p = static_cast<std::size_t>(number) % places.size();
        render::BookletEntry e;
        e.number = number;
        e.name = places_kanji[p] + std::get<0>(kinds[k]) + "（" + title.substr(0, title.size() - 6) + "）第" +
                 std::to_string(number) + "号";
        e.kana = number % 7 == 3 ? "" : places[p] + std::get<2>(kinds[k]);
        e.kind_label = std::get<0>(kinds[k]);
        if (k == 0 || k == 1) e.badges.push_back("訪問診療");
        if (number % 5 == 0) e.badges.push_back("24時間");
        if (number % 3 == 0) e.badges.push_back("退院調整");
        if (number % 2 == 0) e.badges.push_back("ケアマネ");
        e.fields.push_back({"住所", "みさき市" + title.substr(0, title.size() - 6) + "町" + std::to_string(number) + "-" +
                                        std::to_string(number % 9 + 1) + "-3",
                            false});
        e.fields.push_back({"電話", "0561-" + std::to_string(10 + number) + "-" + std::to_string(1000 + number * 7), false});
        e.fields.push_back({"FAX", number % 4 == 1 ? "未回答" : "0561-" + std::to_string(10 + number) + "-9999",
                            number % 4 == 1});
        e.fields.push_back({"ケアマネタイム", number % 6 == 2 ? "未回答" : "水曜日 14:00〜15:00（要予約、前日まで）",
                            number % 6 == 2});
        e.fields.push_back({"退院前カンファレンス", number % 3 == 0 ? "参加する" : "日程が合えば参加する", false});
        const std::string& note = notes()[static_cast<std::size_t>(number) % notes().size()];
        if (!note.empty()) e.fields.push_back({"備考", note, false});
        e.on_map = number % 17 != 0;
        if (number == 9) {  // one monstrous entry: too tall for a column
          std::string monster;
          for (int r = 0; r < 30; ++r) monster += notes()[static_cast<std::size_t>(r) % 4];
          monster += kMonsterEnd;
          e.fields.back() = {"備考", monster, false};
        }
        b.index.push_back({e.kana.empty() ? e.name : e.kana, e.name, e.number});
        if (e.on_map)
          town.facilities.push_back({"F" + std::to_string(number), std::get<1>(kinds[k]),
                                     x0 + (x1 - x0) * (0.08 + 0.84 * ((number * 37 + 11) % 100) / 100.0),
                                     y0 + (y1 - y0) * (0.08 + 0.84 * ((number * 61 + 29) % 100) / 100.0), number});
        g.entries.push_back(std::move(e));
      }
      s.groups.push_back(std::move(g));
    }
    b.sections.push_back(std::move(s));
  }
  // Two facilities the booklet does not list: symbols without numbers.
  town.facilities.push_back({"X1", "clinic", 5000, 5000, 0});
  town.facilities.push_back({"X2", "home_nursing", 15000, 3000, 0});

  // The index in the order of the readings (code point order of the kana, which here is
  // the 五十音 order), the names without a reading (kanji) at the end.
  // (ヴィラ sorts as うぃら, as ICU's collation puts it among the ウ.)
  const auto key = [](const std::string& reading) {
    return reading.rfind("ヴィラ", 0) == 0 ? "うぃら" + reading.substr(std::string("ヴィラ").size()) : reading;
  };
  std::stable_sort(b.index.begin(), b.index.end(),
                   [&](const render::IndexLine& a, const render::IndexLine& c) { return key(a.reading) < key(c.reading); });

  render::MapSheet sheet;
  sheet.kind = "booklet";
  sheet.title = "全体図";
  sheet.subtitle = "みさき市・掲載施設の番号";
  sheet.sources = {"「国土数値情報（行政区域データ）」（国土交通省）を加工して作成"};
  render::SourceData ds{style::Source::districts, "", town.districts};
  render::SourceData fs{style::Source::facilities, "", {}};
  for (const TownFacility& f : town.facilities) fs.features.push_back(facility(f));
  sheet.data = {ds, fs};
  b.overview = sheet;
  for (std::size_t i = 0; i < 2; ++i) {
    render::MapSheet m = sheet;
    const std::string title = b.sections[i].title;
    const auto& ring = std::get<geometry::PlanarMultiPolygon>(town.districts[i].shape).front().outer();
    m.atlas = {{title + "の地図", "掲載施設の番号", {ring[0].x - 500, ring[0].y - 500, ring[2].x + 500, ring[2].y + 500},
                b.sections[i].id}};
    b.sections[i].map = m;
  }
  if (town_out) *town_out = town;
  return b;
}

std::size_t entry_count(const render::Booklet& b) {
  std::size_t n = 0;
  for (const auto& s : b.sections)
    for (const auto& g : s.groups) n += g.entries.size();
  return n;
}

const render::PlacedEntry& placed(const render::BookletReport& r, int number) {
  const auto it = std::find_if(r.entries.begin(), r.entries.end(), [&](const render::PlacedEntry& e) { return e.number == number; });
  if (it == r.entries.end()) throw std::runtime_error("entry " + std::to_string(number) + " not placed");
  return *it;
}

int toc_page(const render::BookletReport& r, const std::string& title) {
  for (const auto& t : r.toc)
    if (t.title == title) return t.page;
  return -1;
}

// Renders the booklet once per paper size for all the tests that only read.
struct Rendered {
  render::Booklet booklet;
  render::BookletReport report;
  std::string file;
};
const Rendered& rendered(render::BookletPaper paper) {
  static std::map<render::BookletPaper, Rendered> cache;
  auto it = cache.find(paper);
  if (it == cache.end()) {
    Rendered r;
    r.booklet = town_booklet();
    r.booklet.paper = paper;
    const std::string name = paper == render::BookletPaper::a4 ? "a4" : "a5";
    r.file = scratch_dir("booklet_" + name) + "/booklet.pdf";
    r.report = render::render_booklet(r.booklet, default_style(), r.file, pdf());
    it = cache.emplace(paper, std::move(r)).first;
  }
  return it->second;
}

std::string page_text(const std::string& file, int page, bool layout = false) {
  std::string text;
  EXPECT_EQ(run_command(std::string("pdftotext -enc UTF-8 ") + (layout ? "-layout " : "") + "-f " + std::to_string(page) +
                            " -l " + std::to_string(page) + " '" + file + "' -",
                        &text),
            0);
  return text;
}

// The text of a page inside a box (mm), in reading order.
std::string text_in(const std::string& file, int page, const geometry::PaperBox& box) {
  const auto pt = [](double mm) { return std::to_string(static_cast<int>(mm * 72 / 25.4)); };
  std::string text;
  EXPECT_EQ(run_command("pdftotext -enc UTF-8 -r 72 -f " + std::to_string(page) + " -l " + std::to_string(page) + " -x " +
                            pt(box.x0) + " -y " + pt(box.y0) + " -W " + pt(box.x1 - box.x0 + 1) + " -H " +
                            pt(box.y1 - box.y0 + 1) + " '" + file + "' -",
                        &text),
            0);
  return text;
}

// The words of a PDF page with their boxes (pdftotext -bbox; points from the top left).
struct PdfWord {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string text;
};

std::vector<PdfWord> pdf_words(const std::string& file, int page) {
  std::string html;
  EXPECT_EQ(run_command("pdftotext -enc UTF-8 -bbox -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
                            file + "' -",
                        &html),
            0);
  std::vector<PdfWord> words;
  std::istringstream lines(html);
  std::string line;
  while (std::getline(lines, line)) {
    const auto at = line.find("<word ");
    if (at == std::string::npos) continue;
    PdfWord w;
    char text[1024] = {0};
    if (std::sscanf(line.c_str() + at, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%1023[^<]", &w.x0,
                    &w.y0, &w.x1, &w.y1, text) == 5) {
      w.text = text;
      words.push_back(std::move(w));
    }
  }
  return words;
}

}  // namespace

TEST(BookletRender, EveryEntryIsPlacedOnceWholeInsideItsBodyAndClearOfTheOthers) {
  for (const auto paper : {render::BookletPaper::a4, render::BookletPaper::a5}) {
    const Rendered& R = rendered(paper);
    const render::BookletReport& r = R.report;
    ASSERT_EQ(r.entries.size(), entry_count(R.booklet));
    ASSERT_EQ(r.body_boxes.size(), static_cast<std::size_t>(r.pages));
    std::set<int> numbers;
    int previous_page = 0, previous_number = 0;
    for (const render::PlacedEntry& e : r.entries) {
      EXPECT_TRUE(numbers.insert(e.number).second) << "entry " << e.number << " placed twice";
      EXPECT_GT(e.number, previous_number) << "print order";
      EXPECT_GE(e.page, previous_page) << "print order";
      previous_page = e.page;
      previous_number = e.number;
      ASSERT_GE(e.page, 2);
      ASSERT_LE(e.page, r.pages);
      const geometry::PaperBox& body = r.body_boxes[static_cast<std::size_t>(e.page - 1)];
      EXPECT_TRUE(e.box.inside(body)) << "entry " << e.number << " on page " << e.page;
      EXPECT_GE(e.box.y0, body.y0 + 5) << "entry " << e.number << " under the running header";
      EXPECT_LE(e.box.y1, body.y1 - 4) << "entry " << e.number << " above the page number";
      EXPECT_GT(e.box.y1 - e.box.y0, 10) << "entry " << e.number;
      EXPECT_EQ(e.pages, 1) << "entry " << e.number;
    }
    for (std::size_t a = 0; a < r.entries.size(); ++a)
      for (std::size_t b = a + 1; b < r.entries.size(); ++b)
        if (r.entries[a].page == r.entries[b].page) {
          EXPECT_FALSE(r.entries[a].box.intersects(r.entries[b].box))
              << r.entries[a].number << " and " << r.entries[b].number << " on page " << r.entries[a].page;
        }
    // The monstrous entry (9) is set across the page; the others in columns (A4: two).
    const render::PlacedEntry& monster = placed(r, 9);
    const geometry::PaperBox& body = r.body_boxes[static_cast<std::size_t>(monster.page - 1)];
    EXPECT_TRUE(monster.full_width);
    EXPECT_NEAR(monster.box.x1 - monster.box.x0, body.x1 - body.x0, 0.01);
    EXPECT_GE(monster.type_scale, 0.75);
    const render::PlacedEntry& plain = placed(r, 10);
    EXPECT_FALSE(plain.full_width);
    EXPECT_EQ(plain.type_scale, 1.0);
    if (paper == render::BookletPaper::a4) {
      EXPECT_LT(plain.box.x1 - plain.box.x0, (body.x1 - body.x0) / 2);
      EXPECT_EQ(monster.type_scale, 1.0) << "fits across an A4 page at full size";
    } else {
      EXPECT_NEAR(plain.box.x1 - plain.box.x0, body.x1 - body.x0, 0.01) << "A5: one column";
      EXPECT_LT(monster.type_scale, 1.0) << "A5: shrunk to fit a page";
    }
  }
}

TEST(BookletRender, BindingMarginsAlternateAndPagesAreA4OrA5) {
  const render::BookletReport& r = rendered(render::BookletPaper::a4).report;
  const render::Booklet& b = rendered(render::BookletPaper::a4).booklet;
  for (int page = 1; page <= r.pages; ++page) {
    const geometry::PaperBox& body = r.body_boxes[static_cast<std::size_t>(page - 1)];
    EXPECT_DOUBLE_EQ(body.x0, page % 2 == 1 ? b.binding_mm : b.margin_mm) << page;
    EXPECT_DOUBLE_EQ(body.x1, page % 2 == 1 ? 210 - b.margin_mm : 210 - b.binding_mm) << page;
    EXPECT_DOUBLE_EQ(body.y0, b.margin_mm);
    EXPECT_DOUBLE_EQ(body.y1, 297 - b.margin_mm);
  }
  std::string info;
  ASSERT_EQ(run_command("pdfinfo '" + rendered(render::BookletPaper::a4).file + "'", &info), 0);
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  ASSERT_EQ(run_command("pdfinfo '" + rendered(render::BookletPaper::a5).file + "'", &info), 0);
  EXPECT_NE(info.find("419.528 x 595.276 pts"), std::string::npos) << info;
}

TEST(BookletRender, PagesComeInOrderAndTheContentsPointWhereThingsLanded) {
  for (const auto paper : {render::BookletPaper::a4, render::BookletPaper::a5}) {
    const Rendered& R = rendered(paper);
    const render::BookletReport& r = R.report;
    EXPECT_EQ(pdf_pages(R.file), r.pages);
    // Contents: how to read, overview, the four sections, the index — in page order.
    std::vector<std::string> titles;
    for (const auto& t : r.toc) titles.push_back(t.title);
    EXPECT_EQ(titles, (std::vector<std::string>{"この冊子の見方", "全体図", "中央圏域", "東部圏域", "山間部圏域", "北部圏域", "索引"}));
    EXPECT_EQ(toc_page(r, "この冊子の見方"), 2);
    for (std::size_t i = 1; i < r.toc.size(); ++i) EXPECT_GT(r.toc[i].page, r.toc[i - 1].page) << r.toc[i].title;
    // Overview and two section maps, one page each.
    ASSERT_EQ(r.map_pages.size(), 3u);
    EXPECT_EQ(r.map_pages[0], toc_page(r, "全体図"));
    EXPECT_EQ(r.maps.pages, 3);
    EXPECT_EQ(r.maps.frames.size(), 3u);
    // The contents come between the how-to-read pages and the overview.
    const std::string contents = page_text(R.file, r.map_pages[0] - 1);
    EXPECT_NE(contents.find("目次"), std::string::npos) << contents;
    // A section with a map starts with it; its entries follow on the next page.
    for (const std::string id : {"A", "B"}) {
      const std::string title = id == "A" ? "中央圏域" : "東部圏域";
      const int start = toc_page(r, title);
      EXPECT_NE(std::find(r.map_pages.begin(), r.map_pages.end(), start), r.map_pages.end()) << title;
      int first = 1 << 30;
      for (const auto& e : r.entries)
        if (e.section_id == id) first = std::min(first, e.page);
      EXPECT_EQ(first, start + 1) << title;
    }
    // Each map lies inside its page's body, under the running header.
    for (std::size_t i = 0; i < r.map_pages.size(); ++i) {
      const geometry::PaperBox& body = r.body_boxes[static_cast<std::size_t>(r.map_pages[i] - 1)];
      EXPECT_TRUE(r.maps.frames[i].inside(body)) << i;
      EXPECT_GE(r.maps.frames[i].y0, body.y0 + 5) << i;
      EXPECT_TRUE(r.maps.note_boxes[i].inside(body)) << i;
      EXPECT_TRUE(r.maps.legend_boxes[i].inside(body)) << i;
    }
    // A section without a map starts with its entries, on a new page.
    int first_c = 1 << 30, last_b = 0;
    for (const auto& e : r.entries) {
      if (e.section_id == "C") first_c = std::min(first_c, e.page);
      if (e.section_id == "B") last_b = std::max(last_b, e.page);
    }
    EXPECT_EQ(toc_page(r, "山間部圏域"), first_c);
    EXPECT_GT(first_c, last_b);
    // The empty district gets a page that says so.
    const std::string empty = page_text(R.file, toc_page(r, "北部圏域"));
    EXPECT_NE(empty.find("掲載なし"), std::string::npos) << empty;
    // The index comes last.
    int last_entry = 0;
    for (const auto& e : r.entries) last_entry = std::max(last_entry, e.page);
    EXPECT_GT(toc_page(r, "索引"), last_entry);
    EXPECT_LE(toc_page(r, "索引"), r.pages);
    // The contents print those numbers: the section's line ends with its page.
    for (const auto& t : r.toc)
      EXPECT_NE(contents.find(t.title), std::string::npos) << t.title << " not in:\n" << contents;
    std::string layout_contents = page_text(R.file, r.map_pages[0] - 1, true);
    for (const auto& t : r.toc) {
      const auto at = layout_contents.find(t.title);
      ASSERT_NE(at, std::string::npos) << t.title;
      const std::string line = layout_contents.substr(at, layout_contents.find('\n', at) - at);
      const auto last_space = line.find_last_of(' ');
      EXPECT_EQ(line.substr(last_space + 1), std::to_string(t.page)) << line;
    }
  }
}

TEST(BookletRender, EveryPageButTheCoverCarriesItsNumberAndTheRunningHeader) {
  const Rendered& R = rendered(render::BookletPaper::a4);
  const std::string cover = page_text(R.file, 1);
  EXPECT_NE(cover.find("みさき市 在宅医療・介護連携支援センター"), std::string::npos);
  EXPECT_NE(cover.find("2026年4月1日現在"), std::string::npos);
  for (int page = 2; page <= R.report.pages; ++page) {
    const std::string text = page_text(R.file, page, true);
    EXPECT_NE(text.find(kTitle), std::string::npos) << "page " << page;
    // The page number is the last text of the page (bottom).
    std::istringstream lines(text);
    std::string line, last;
    while (std::getline(lines, line))
      if (line.find_first_not_of(" \f") != std::string::npos) last = line;
    EXPECT_NE(last.find(std::to_string(page)), std::string::npos) << "page " << page << ": " << last;
  }
  // The running header names the section on its pages.
  const int c = toc_page(R.report, "山間部圏域");
  EXPECT_NE(page_text(R.file, c).find("山間部圏域"), std::string::npos);
}

TEST(BookletRender, TheIndexGivesThePageOfEachEntry) {
  for (const auto paper : {render::BookletPaper::a4, render::BookletPaper::a5}) {
    const Rendered& R = rendered(paper);
    ASSERT_EQ(R.report.index_pages.size(), R.booklet.index.size());
    for (std::size_t i = 0; i < R.booklet.index.size(); ++i)
      EXPECT_EQ(R.report.index_pages[i], placed(R.report, R.booklet.index[i].number).page) << R.booklet.index[i].name;
    // 五十音 headings in order, the names without a reading (その他) last: the index's
    // columns read one after the other.
    std::string index;
    const int columns = paper == render::BookletPaper::a4 ? 2 : 1;
    for (int p = toc_page(R.report, "索引"); p <= R.report.pages; ++p) {
      const geometry::PaperBox& body = R.report.body_boxes[static_cast<std::size_t>(p - 1)];
      const double w = (body.x1 - body.x0 - 6 * (columns - 1)) / columns;
      for (int c = 0; c < columns; ++c)
        index += text_in(R.file, p, {body.x0 + c * (w + 6), body.y0, body.x0 + c * (w + 6) + w, body.y1});
    }
    std::size_t at = 0;
    for (const char* row : {"ア行", "カ行", "サ行", "タ行", "ナ行", "ハ行", "マ行", "ヤ行", "ラ行", "ワ行", "その他"}) {
      const std::size_t found = index.find(row, at);
      EXPECT_NE(found, std::string::npos) << row << " not after the previous heading in:\n" << index;
      if (found != std::string::npos) at = found;
    }
    // がくえんまえ → カ行, ぱんだ → ハ行, ヴィラ → ア行.
    const auto before = [&](const std::string& a, const std::string& b) {
      const auto pa = index.find(a), pb = index.find(b);
      return pa != std::string::npos && pb != std::string::npos && pa < pb;
    };
    EXPECT_TRUE(before("カ行", "がくえんまえ") && before("がくえんまえ", "サ行"));
    EXPECT_TRUE(before("ハ行", "ぱんだ") && before("ぱんだ", "マ行"));
    EXPECT_TRUE(before("ア行", "ヴィラ") && before("ヴィラ", "カ行"));
  }
}

TEST(BookletRender, PdfEmbedsItsFontsAndItsTextCanBeSearched) {
  const Rendered& R = rendered(render::BookletPaper::a4);
  const PdfFonts fonts = pdf_fonts(R.file);
  EXPECT_GE(fonts.listed, 1);
  EXPECT_TRUE(fonts.not_embedded.empty()) << "not embedded: " << fonts.not_embedded.front();
  const std::string text = pdf_text(R.file);
  for (const std::string& want :
       {std::string(kTitle), std::string("この冊子の見方"), std::string("目次"), std::string("索引"), std::string("全体図"),
        std::string("未回答"), std::string("掲載なし"), std::string("地図に表示なし"), std::string("中央圏域の地図"),
        std::string("ケアマネタイム"), std::string("定期的に自宅を訪問して診療します。"),
        std::string("出典：介護サービス情報公表システム（厚生労働省）"), std::string("作成 2026-11-24"),
        std::string(kMonsterEnd)})
    EXPECT_NE(text.find(want), std::string::npos) << want;
  for (const auto& s : R.booklet.sections)
    for (const auto& g : s.groups)
      for (const auto& e : g.entries) {
        EXPECT_NE(text.find(e.name), std::string::npos) << e.name;
        if (!e.kana.empty()) {
          EXPECT_NE(text.find(e.kana), std::string::npos) << e.kana;
        }
      }
}

TEST(BookletRender, NoLineStartsWithClosingPunctuation) {
  // Kinsoku: Pango's line breaking never starts a line with 。、）」 and the like; a copy
  // of the text (pdftotext, plain and laid out) shows the lines as printed.
  for (const auto paper : {render::BookletPaper::a4, render::BookletPaper::a5}) {
    const Rendered& R = rendered(paper);
    for (const bool layout : {false, true}) {
      std::string text;
      ASSERT_EQ(run_command(std::string("pdftotext -enc UTF-8 ") + (layout ? "-layout '" : "'") + R.file + "' -", &text), 0);
      std::istringstream lines(text);
      std::string line;
      int checked = 0;
      while (std::getline(lines, line)) {
        const auto start = line.find_first_not_of(" \f");
        if (start == std::string::npos) continue;
        ++checked;
        const std::string head = line.substr(start);
        for (const char* bad : {"。", "、", "）", "」", "』", "・"})
          EXPECT_NE(head.rfind(bad, 0), 0u) << (layout ? "-layout: " : "") << line;
      }
      EXPECT_GT(checked, 300);
    }
  }
}

TEST(BookletRender, A5IsOneColumnAndLongerThanA4) {
  const render::BookletReport& a4 = rendered(render::BookletPaper::a4).report;
  const render::BookletReport& a5 = rendered(render::BookletPaper::a5).report;
  EXPECT_GT(a5.pages, a4.pages);
  const PdfFonts fonts = pdf_fonts(rendered(render::BookletPaper::a5).file);
  EXPECT_TRUE(fonts.not_embedded.empty());
  for (const auto& b : a5.body_boxes) EXPECT_LE(b.x1, 148.0);
}

TEST(BookletRender, MapMarkersCarryTheEntryNumbers) {
  Town town;
  town_booklet(&town);
  const render::BookletReport& r = rendered(render::BookletPaper::a4).report;
  // The overview: every numbered facility once, with its id; none for the unnumbered.
  std::map<std::string, long long> overview;
  for (const auto& m : r.maps.markers) {
    EXPECT_NE(std::find(r.map_pages.begin(), r.map_pages.end(), m.page + 1), r.map_pages.end()) << m.id;
    if (m.page + 1 == r.map_pages[0]) {
      EXPECT_TRUE(overview.emplace(m.id, m.number).second) << m.id;
    }
  }
  std::size_t numbered = 0, printed = 0;
  for (const TownFacility& f : town.facilities) {
    if (f.number == 0) {
      EXPECT_EQ(overview.count(f.id), 0u) << f.id;
      continue;
    }
    ++numbered;
    ASSERT_EQ(overview.count(f.id), 1u) << f.id;
    EXPECT_EQ(overview[f.id], f.number) << f.id;
  }
  EXPECT_EQ(overview.size(), numbered);
  for (const auto& m : r.maps.markers) printed += m.printed;
  EXPECT_GT(printed, numbered / 2) << "most numbers are legible";
  // The section map of 中央圏域 (its own page) shows its facilities' numbers.
  const int a = toc_page(r, "中央圏域");
  std::set<long long> on_a;
  for (const auto& m : r.maps.markers)
    if (m.page + 1 == a) on_a.insert(m.number);
  for (const auto& e : rendered(render::BookletPaper::a4).booklet.sections[0].groups[0].entries)
    if (e.on_map) {
      EXPECT_EQ(on_a.count(e.number), 1u) << e.number;
    }
}

TEST(BookletRender, AnEntryTooLongForAWholePageIsContinuedNotLost) {
  render::Booklet b = town_booklet();
  render::BookletEntry& e = b.sections[1].groups[0].entries[0];
  std::string note;
  for (int r = 0; r < 260; ++r) note += notes()[static_cast<std::size_t>(r) % 4];
  note += "これで本当の終わり。";
  e.fields.push_back({"備考（続）", note, false});
  const std::string file = scratch_dir("booklet_too_long") + "/booklet.pdf";
  const render::BookletReport r = render::render_booklet(b, default_style(), file, pdf());
  const render::PlacedEntry& p = placed(r, e.number);
  EXPECT_GT(p.pages, 1);
  EXPECT_EQ(p.type_scale, 0.75);
  const std::string text = pdf_text(file);
  EXPECT_NE(text.find("これで本当の終わり。"), std::string::npos);
  EXPECT_NE(text.find(e.name + "（続き）"), std::string::npos);
  // The next entry starts after the last part.
  EXPECT_GE(placed(r, e.number + 1).page, p.page + p.pages - 1);
}

TEST(BookletRender, SameInputSameBytes) {
  const Rendered& R = rendered(render::BookletPaper::a4);
  const std::string again = scratch_dir("booklet_again") + "/booklet.pdf";
  render::render_booklet(R.booklet, default_style(), again, pdf());
  EXPECT_TRUE(read_file(again) == read_file(R.file));
}

TEST(BookletRender, RefusesWhatItCannotPrintAndLeavesNoFile) {
  const std::string dir = scratch_dir("booklet_refused");
  const render::Booklet b = town_booklet();
  EXPECT_THROW(render::render_booklet(b, default_style(), dir + "/booklet.png", png(50)), std::invalid_argument);
  render::Booklet lost = b;
  lost.index.push_back({"なぞ", "謎の施設", 999});
  EXPECT_THROW(render::render_booklet(lost, default_style(), dir + "/booklet.pdf", pdf()), std::invalid_argument);
  render::Booklet twice = b;
  twice.sections[2].groups[0].entries[0].number = 1;
  EXPECT_THROW(render::render_booklet(twice, default_style(), dir + "/booklet.pdf", pdf()), std::invalid_argument);
  EXPECT_THROW(render::render_booklet(b, default_style(), dir + "/missing/dir/booklet.pdf", pdf()), std::runtime_error);
  style::Style bad = default_style();
  bad.sheet.font = "No Such Font Family 42";
  EXPECT_THROW(render::render_booklet(b, bad, dir + "/booklet.pdf", pdf()), config_error);
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(BookletRender, ABareBookletStillHasItsFrontMatter) {
  const std::string dir = scratch_dir("booklet_bare");
  render::Booklet b;
  b.title = "空の連絡帳";
  const render::BookletReport r = render::render_booklet(b, default_style(), dir + "/bare.pdf", pdf());
  EXPECT_EQ(r.pages, 3);  // cover, how to read, contents
  ASSERT_EQ(r.toc.size(), 1u);
  EXPECT_EQ(r.toc[0].title, "この冊子の見方");
  EXPECT_EQ(r.toc[0].page, 2);
  EXPECT_TRUE(r.entries.empty() && r.map_pages.empty() && r.index_pages.empty());
  EXPECT_EQ(pdf_pages(dir + "/bare.pdf"), 3);

  // A section of one empty group and one entry: the empty group says so.
  render::BookletSection s;
  s.id = "Z";
  s.title = "全域";
  s.groups.resize(2);
  s.groups[0].title = "歯科診療所";
  s.groups[1].title = "病院";
  s.groups[1].entries.push_back({1, "みさき病院", "みさきびょういん", "病院", {}, {{"電話", "未回答", true}}, false});
  b.sections.push_back(s);
  b.index = {{"みさきびょういん", "みさき病院", 1}};
  const render::BookletReport q = render::render_booklet(b, default_style(), dir + "/one.pdf", pdf());
  EXPECT_EQ(q.pages, 5);  // cover, how to read, contents, the section, the index
  ASSERT_EQ(q.entries.size(), 1u);
  EXPECT_EQ(q.entries[0].page, 4);
  EXPECT_EQ(q.index_pages, (std::vector<int>{4}));
  const std::string text = page_text(dir + "/one.pdf", 4);
  for (const char* want : {"歯科診療所", "掲載なし", "みさき病院", "未回答", "地図に表示なし"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " not in:\n" << text;
}

// Index lines keep room for the widest number in the index: a name that fills its line
// still ends clear of a five- or six-digit number box, with room for the dot leader.
TEST(BookletRender, IndexNamesStayClearOfLongNumbers) {
  render::Booklet b;
  b.title = "大きな連絡帳";
  render::BookletSection s;
  s.id = "Z";
  s.title = "全域";
  s.groups.resize(1);
  s.groups[0].title = "診療所";
  // Names from 16 to 24 full-width characters, then 0 to 4 narrow ones: some name fills
  // its line to within a narrow character, whatever the column's width. Each name twice,
  // under a five- and a six-digit number.
  int k = 0;
  for (int wide = 16; wide <= 24; ++wide)
    for (int narrow = 0; narrow <= 4; ++narrow) {
      std::string name;
      for (int c = 0; c < wide; ++c) name += "長";
      name += std::string(static_cast<std::size_t>(narrow), 'l');
      for (const int base : {10000, 100000}) {
        const int number = base + k;
        s.groups[0].entries.push_back({number, name, "", "診療所", {}, {{"電話", "未回答", true}}, true});
        b.index.push_back({"", name, number});
      }
      ++k;
    }
  b.sections.push_back(s);
  const std::string file = scratch_dir("booklet_long_numbers") + "/long.pdf";
  const render::BookletReport r = render::render_booklet(b, default_style(), file, pdf());
  // pdftotext -bbox: one word per name line and one per number (points from the top left).
  std::size_t numbers = 0;
  double tightest = 1e9;
  for (int p = toc_page(r, "索引"); p <= r.pages; ++p) {
    const std::vector<PdfWord> words = pdf_words(file, p);
    for (const PdfWord& n : words) {
      if (n.text.size() < 5 || n.text.find_first_not_of("0123456789") != std::string::npos) continue;
      ++numbers;
      for (const PdfWord& w : words) {
        if (w.text.find("長") == std::string::npos || w.x0 > n.x0 || w.y1 <= n.y0 || w.y0 >= n.y1) continue;
        // The digits sit about 1 mm inside their box; the leader needs 3 mm more.
        const double gap_mm = (n.x0 - w.x1) * 25.4 / 72;
        tightest = std::min(tightest, gap_mm);
        EXPECT_GE(gap_mm, 3.0) << "page " << p << ": " << w.text << " runs into " << n.text;
      }
    }
  }
  EXPECT_EQ(numbers, b.index.size());
  RecordProperty("tightest_gap_mm", std::to_string(tightest));
}
