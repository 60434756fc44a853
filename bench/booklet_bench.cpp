// Booklet benchmark (issue 5): a 2,000-entry contact booklet from a ../shared/bench world
// (the prefecture world by default) plus a survey sheet generated here, through the
// public booklet job (app::run_booklet): plan, 60 district maps, entries, index, PDF and CSV.
//
//   BM_Booklet/A4   the registry → booklet/booklet.pdf + booklet.csv, A4
//   BM_Booklet/A5   the same on A5 (more pages)
//
// The survey: one row per clinic or hospital of the world, in file order, until 2,000 rows,
// in the medical association's layout (医療機関ID, ケアマネタイム, 担当者, 連絡方法, 予約 …,
// see importers/src/read_survey.cpp), with answers varied by row number: some questions
// unanswered (未回答 in the booklet), some long 備考. The booklet lists the clinics and
// hospitals the survey answered (kinds = clinic, hospital; [booklet.filter]
// survey_answered = true), so it has 2,000 entries; the benchmark stops with an error when
// it has not.
//
// The world comes from CAREATLAS_BENCH_WORLD (default /tmp/bench_work/worlds/prefecture),
// the output folder from CAREATLAS_BENCH_OUT (default $TMPDIR/careatlas_booklet_bench).
// Counters: import_s (facilities + districts + survey, once), entries, pages, file_MB,
// booklet_peak_MB (the process's resident high-water mark reset after the import, read
// from VmHWM) and peak_rss_MB (getrusage, import included). Run A4 and A5 in separate
// processes for peaks of one paper size only.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "careatlas/app/booklet_job.hpp"
#include "careatlas/importers/import_session.hpp"
#include "bench_support.hpp"

namespace {

using namespace careatlas;
using namespace careatlas::bench;

constexpr int kEntries = 2000;

// Splits one line of the world's facilities.csv (no quoted commas in the fields used).
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> f;
  std::string cur;
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) {
      f.push_back(cur);
      cur.clear();
    } else cur += c;
  }
  f.push_back(cur);
  return f;
}

// The survey sheet for the world's first kEntries clinics and hospitals (UTF-8, CRLF).
std::string write_survey(const std::string& dir) {
  std::ifstream in(world() + "/facilities.csv");
  std::string line;
  std::getline(in, line);  // facility_id,name,kind,lat,lon,…
  std::ostringstream s;
  s << "医療機関ID,医療機関名,所在地,ケアマネタイム,担当者,連絡方法,予約,予約期限（日前）,予約備考,"
       "退院前カンファレンス,訪問診療,24時間対応,機能強化型,医師数,備考\r\n";
  static const char* kTimes[] = {"月～金 12:30～13:30", "火・木 13:00～14:00", "水 08:30～09:00",
                                 "月・水・金 17:00～17:30", "", "平日 12:00～13:00／土 11:00～12:00"};
  static const char* kPeople[] = {"院長", "受付", "地域連携室", "", "看護師長"};
  static const char* kWays[] = {"電話・FAX", "FAX", "電話・FAX・訪問", "", "電話・メール"};
  static const char* kYesNo[] = {"○", "×", ""};
  int rows = 0;
  while (rows < kEntries && std::getline(in, line)) {
    const std::vector<std::string> f = fields(line);
    if (f.size() < 3 || (f[2] != "clinic" && f[2] != "hospital")) continue;
    const int r = rows++;
    std::string note;
    if (r % 7 == 0) note = "書類は事前にFAXでお送りください。";
    if (r % 23 == 0)
      note = "訪問診療の依頼は、診療情報提供書と介護保険証の写しを添えてFAXでお送りください。"
             "折り返し、担当の医師または看護師から連絡します（平日の午後）。急ぎの場合は電話でご相談ください。";
    s << f[0] << ",\"" << f[1] << "\",," << kTimes[r % 6] << ',' << kPeople[r % 5] << ',' << kWays[r % 5] << ','
      << (r % 3 == 0 ? "要" : r % 3 == 1 ? "不要" : "") << ',' << (r % 3 == 0 ? std::to_string(1 + r % 5) : "")
      << ',' << (r % 9 == 0 ? "\"FAXで日時を調整します\"" : "") << ',' << kYesNo[r % 3] << ',' << kYesNo[(r / 3) % 3]
      << ',' << kYesNo[(r / 2) % 3] << ',' << kYesNo[(r / 5) % 3] << ',' << (1 + r % 4) << ",\"" << note << "\"\r\n";
  }
  const std::string path = dir + "/survey_generated.csv";
  std::ofstream(path, std::ios::binary) << s.str();
  return path;
}

// The world's facilities and districts with the generated survey (written first, not timed).
World import_world() {
  std::filesystem::create_directories(out_dir("careatlas_booklet_bench"));
  const std::string survey = write_survey(out_dir("careatlas_booklet_bench"));
  return import_files({{world() + "/facilities.csv", InputRole::facilities},
                       {world() + "/districts.geojson", InputRole::districts},
                       {survey, InputRole::survey}});
}

const World& the_world() {
  static const std::unique_ptr<World> w = std::make_unique<World>(import_world());
  return *w;
}

void BM_Booklet(benchmark::State& state, const char* paper) {
  const World& w = the_world();
  project::ProjectConfig project;
  project.title = "careatlas booklet bench";
  project.municipality = "ベンチ県";
  project.edition = "2026-04-01";
  project.issuer = "careatlas booklet bench";
  project.booklet.kinds = {FacilityKind::clinic, FacilityKind::hospital};
  project.booklet.only_survey_answered = true;
  app::BookletOptions opt;
  opt.out_dir = out_dir("careatlas_booklet_bench") + "/" + paper;
  opt.paper = paper;
  opt.production_date = "2026-11-24";  // fixed: the same bytes every run
  reset_peak();
  app::BookletOutcome res;
  for (auto _ : state) res = app::run_booklet(w.reg, project, opt);
  if (res.plan.listed.size() != kEntries) {
    state.SkipWithError(("the booklet lists " + std::to_string(res.plan.listed.size()) + " entries, not 2,000: " +
                         "does the world have 2,000 clinics and hospitals?").c_str());
    return;
  }
  state.counters["import_s"] = w.import_s;
  state.counters["booklet_peak_MB"] = hwm_mb();
  state.counters["peak_rss_MB"] = peak_rss_mb();
  state.counters["entries"] = static_cast<double>(res.plan.listed.size());
  state.counters["pages"] = res.report.pages;
  if (!res.written.empty())
    state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(res.written.front())) / 1e6;
  state.counters["facilities"] = static_cast<double>(w.reg.facilities.size());
  state.counters["districts"] = static_cast<double>(w.reg.districts.size());
}

BENCHMARK_CAPTURE(BM_Booklet, A4, "A4")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK_CAPTURE(BM_Booklet, A5, "A5")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
