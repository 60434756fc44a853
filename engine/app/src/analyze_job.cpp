#include "careatlas/app/analyze_job.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "careatlas/app/analysis_input.hpp"
#include "careatlas/geometry/coverage_area.hpp"
#include "careatlas/importers/analysis_store.hpp"
#include "careatlas/importers/csv.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/config_error.hpp"

namespace careatlas::app {

namespace {

std::string num(double v, int decimals) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  return b;
}
std::string integer(double v) { return std::to_string(static_cast<long long>(std::llround(v))); }

class CsvOut {
 public:
  CsvOut() : text_("\xEF\xBB\xBF") {}
  CsvOut& row(std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& f : fields) {
      if (!first) text_ += ',';
      first = false;
      text_ += csv::quote_field(f);
    }
    text_ += "\r\n";
    return *this;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

bool night(int h) { const int hh = h % 24; return hh >= 22 || hh < 6; }
bool weekend(int h) { return h / 24 >= 5; }

// One analysed population year; districts and providers are shared by every year.
struct YearRun {
  int year = 0;
  std::vector<geometry::AnalysisCell> cells;
  geometry::AnalysisResult result;
};

}  // namespace

AnalyzeOutcome run_analyze(const Registry& reg, const AnalyzeOptions& opt) {
  auto step = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  if (opt.layers.empty()) throw config_error("no provider layers to analyse");
  std::size_t access_layer = 0;
  if (!opt.settings.access_layer.empty()) {
    auto it = std::find_if(opt.layers.begin(), opt.layers.end(),
                           [&](const ProviderLayer& l) { return l.name == opt.settings.access_layer; });
    if (it == opt.layers.end()) throw config_error("access_layer \"" + opt.settings.access_layer + "\" is not a layer");
    access_layer = static_cast<std::size_t>(it - opt.layers.begin());
  }
  if (reg.population.empty()) throw config_error("the registry has no population cells: import a population file");

  std::vector<int> years{opt.settings.base_year};
  for (int y : opt.settings.future_years) years.push_back(y);
  // Districts and providers are projected once; each year swaps in its cells, and only
  // the first run computes the (population-independent) area overlay.
  InputOptions io;
  io.epsg = opt.settings.epsg;
  io.population_year = years.front();
  io.layers = opt.layers;
  io.level = opt.settings.district_level;
  io.threads = opt.threads;
  io.count_24h_hints = opt.settings.count_24h_hints;
  io.area = opt.area;
  const geometry::Projection proj(analysis_epsg(reg, io));
  BuiltInput built = build_analysis_input(reg, io, proj);
  const std::vector<const PopulationCell*> base_cells = built.cells;  // later years replace built.cells
  std::vector<YearRun> runs;
  for (int y : years) {
    step("analysing " + (y ? std::to_string(y) : std::string("the base year")));
    if (!runs.empty()) set_population_year(built, reg, y, proj, opt.threads);
    if (built.cells.empty()) throw config_error("no population cells for the year " + std::to_string(built.year));
    YearRun run;
    run.year = built.year;
    geometry::AnalysisOptions ao;
    ao.access_layer = access_layer;
    ao.e2sfca_d0 = opt.settings.e2sfca_d0;
    ao.disc_segments = opt.settings.disc_segments;
    ao.threads = opt.threads;
    ao.coverage_areas = runs.empty();
    run.result = geometry::run_analysis(built.input, ao);
    if (!runs.empty())
      for (std::size_t l = 0; l < run.result.layers.size(); ++l)
        for (std::size_t d = 0; d < run.result.layers[l].coverage.size(); ++d) {
          run.result.layers[l].coverage[d].area_m2 = runs.front().result.layers[l].coverage[d].area_m2;
          run.result.layers[l].coverage[d].covered_m2 = runs.front().result.layers[l].coverage[d].covered_m2;
        }
    run.cells = built.input.cells;
    runs.push_back(std::move(run));
    step("");
  }

  AnalyzeOutcome out;
  const YearRun& base = runs.front();
  out.epsg = built.epsg;
  out.crs_name = built.crs_name;
  out.base_year = base.year;
  // Districts and layers of every run; cells belong to each run (built.input.cells now
  // holds the last year's).
  const auto& in = built.input;
  const std::size_t nd = in.districts.size();
  const geometry::LayerResult& prim = base.result.layers[access_layer];
  out.districts.resize(nd);
  std::vector<double> acc_sum(nd, 0.0), acc_pop(nd, 0.0);
  for (std::size_t i = 0; i < base.cells.size(); ++i)
    if (const int d = base.result.cell_district[i]; d >= 0) {
      acc_sum[static_cast<std::size_t>(d)] += base.result.access[i] * base.cells[i].pop65;
      acc_pop[static_cast<std::size_t>(d)] += base.cells[i].pop65;
    }
  for (std::size_t d = 0; d < nd; ++d) {
    DistrictMetrics& m = out.districts[d];
    m.id = in.districts[d].id;
    m.name = in.districts[d].name;
    m.pop65 = prim.coverage[d].pop65_total;
    const double pop = m.pop65 > 0 ? m.pop65 : 1.0;
    m.uncovered_share = (m.pop65 - prim.coverage[d].pop65_covered) / pop;
    double night_sum = 0, fragile_sum = 0;
    int night_hours = 0;
    for (int h = 0; h < kHoursPerWeek; ++h) {
      const double u = prim.uncovered[d * geometry::kGapSlots + static_cast<std::size_t>(h)];
      fragile_sum += prim.fragile[d * geometry::kGapSlots + static_cast<std::size_t>(h)] / pop;
      if (u > 0) {
        ++m.gap_hours;
        if (night(h)) ++m.night_gap_hours;
        if (weekend(h)) ++m.weekend_gap_hours;
      }
      if (night(h)) {
        night_sum += u / pop;
        ++night_hours;
      }
    }
    for (std::size_t h = geometry::kHolidaySlot0; h < geometry::kGapSlots; ++h)
      if (prim.uncovered[d * geometry::kGapSlots + h] > 0) ++m.holiday_gap_hours;
    m.night_uncovered_share = night_hours ? night_sum / night_hours : 0;
    m.fragile_share = fragile_sum / kHoursPerWeek;
    m.accessibility = acc_pop[d] > 0 ? acc_sum[d] / acc_pop[d] : 0;
  }
  out.ranking.resize(nd);
  for (std::size_t d = 0; d < nd; ++d) out.ranking[d] = d;
  std::sort(out.ranking.begin(), out.ranking.end(), [&](std::size_t a, std::size_t b) {
    const DistrictMetrics &x = out.districts[a], &y = out.districts[b];
    if (x.uncovered_share != y.uncovered_share) return x.uncovered_share > y.uncovered_share;
    if (x.night_gap_hours != y.night_gap_hours) return x.night_gap_hours > y.night_gap_hours;
    if (x.weekend_gap_hours != y.weekend_gap_hours) return x.weekend_gap_hours > y.weekend_gap_hours;
    if (x.fragile_share != y.fragile_share) return x.fragile_share > y.fragile_share;
    if (x.accessibility != y.accessibility) return x.accessibility < y.accessibility;
    return x.id < y.id;
  });
  for (std::size_t r = 0; r < nd; ++r) out.districts[out.ranking[r]].rank = static_cast<int>(r + 1);

  // The covered part of each district per layer: for analysis.gpkg and the coverage map.
  std::vector<std::vector<geometry::PlanarMultiPolygon>> covered;
  if (!opt.out_dir.empty() || opt.keep_map_data) {
    step("coverage polygons");
    for (const geometry::AnalysisLayer& layer : in.layers) {
      std::vector<geometry::XY> centres;
      for (const auto& p : layer.providers) centres.push_back(p.at);
      covered.push_back(geometry::covered_polygons(in.districts, centres, layer.radius_m, opt.settings.disc_segments,
                                                   opt.threads));
    }
    step("");
  }
  if (opt.keep_map_data) {
    AnalysisMapData& md = out.map_data.emplace();
    md.districts = built.districts;
    for (const geometry::AnalysisDistrict& d : in.districts) md.district_shapes.push_back(d.geometry);
    for (std::size_t l = 0; l < in.layers.size(); ++l) {
      AnalysisMapData::Layer ml;
      ml.name = opt.layers[l].name;
      ml.label = opt.layers[l].label;
      ml.radius_m = opt.layers[l].radius_m;
      ml.providers = built.providers[l];
      ml.covered = covered[l];
      ml.uncovered = base.result.layers[l].uncovered;
      ml.fragile = base.result.layers[l].fragile;
      md.layers.push_back(std::move(ml));
    }
    md.access_layer = access_layer;
    md.cells = base_cells;
    md.access = base.result.access;
    md.access_providers = base.result.access_providers;
    md.cell_district = base.result.cell_district;
  }

  if (opt.out_dir.empty()) return out;
  namespace fs = std::filesystem;
  fs::create_directories(opt.out_dir);
  const std::string crs = "EPSG:" + std::to_string(out.epsg);
  auto write = [&](const std::string& name, const CsvOut& c) {
    const std::string path = (fs::path(opt.out_dir) / name).string();
    write_file_atomic(path, c.text());
    out.written.push_back(path);
  };

  // district_summary.csv
  {
    CsvOut c;
    const bool ja = opt.settings.japanese_headers;
    std::vector<std::string> head = ja ? std::vector<std::string>{"順位", "圏域ID", "圏域名", "65歳以上人口",
                                                                  "到達圏外の65歳以上割合", "空白時間数（週）",
                                                                  "夜間空白時間数", "週末空白時間数",
                                                                  "祝日空白時間数",
                                                                  "夜間の到達圏外割合", "単独対応の割合",
                                                                  "アクセシビリティ（65歳以上千人当たり医師数）"}
                                       : std::vector<std::string>{"rank", "district_id", "district_name", "pop65",
                                                                  "uncovered_share", "gap_hours", "night_gap_hours",
                                                                  "weekend_gap_hours", "holiday_gap_hours",
                                                                  "night_uncovered_share",
                                                                  "fragile_share", "accessibility"};
    for (const auto& l : opt.layers) head.push_back((ja ? l.label + " 面積カバー率" : l.name + "_area_fraction"));
    for (const auto& l : opt.layers) head.push_back((ja ? l.label + " 65歳以上カバー率" : l.name + "_pop65_share"));
    for (std::size_t k = 1; k < runs.size(); ++k) {
      const std::string y = std::to_string(runs[k].year);
      head.push_back(ja ? y + "年 65歳以上人口" : "pop65_" + y);
      head.push_back(ja ? y + "年 到達圏外の65歳以上割合" : "uncovered_share_" + y);
    }
    head.push_back(ja ? "座標系" : "crs");
    std::string line;
    for (std::size_t i = 0; i < head.size(); ++i) line += (i ? "," : "") + csv::quote_field(head[i]);
    std::string text = "\xEF\xBB\xBF" + line + "\r\n";
    for (std::size_t d = 0; d < nd; ++d) {
      const DistrictMetrics& m = out.districts[d];
      std::vector<std::string> f = {std::to_string(m.rank), m.id, m.name, integer(m.pop65), num(m.uncovered_share, 4),
                                    std::to_string(m.gap_hours), std::to_string(m.night_gap_hours),
                                    std::to_string(m.weekend_gap_hours), std::to_string(m.holiday_gap_hours),
                                    num(m.night_uncovered_share, 4),
                                    num(m.fragile_share, 4), num(m.accessibility, 4)};
      for (std::size_t l = 0; l < opt.layers.size(); ++l) {
        const auto& cr = base.result.layers[l].coverage[d];
        f.push_back(num(cr.area_m2 > 0 ? cr.covered_m2 / cr.area_m2 : 0, 4));
      }
      for (std::size_t l = 0; l < opt.layers.size(); ++l) {
        const auto& cr = base.result.layers[l].coverage[d];
        f.push_back(num(cr.pop65_total > 0 ? cr.pop65_covered / cr.pop65_total : 0, 4));
      }
      for (std::size_t k = 1; k < runs.size(); ++k) {
        const auto& cr = runs[k].result.layers[access_layer].coverage[d];
        f.push_back(integer(cr.pop65_total));
        f.push_back(num(cr.pop65_total > 0 ? (cr.pop65_total - cr.pop65_covered) / cr.pop65_total : 0, 4));
      }
      f.push_back(crs);
      line.clear();
      for (std::size_t i = 0; i < f.size(); ++i) line += (i ? "," : "") + csv::quote_field(f[i]);
      text += line + "\r\n";
    }
    const std::string path = (fs::path(opt.out_dir) / "district_summary.csv").string();
    write_file_atomic(path, text);
    out.written.push_back(path);
  }
  // coverage.csv, gaps.csv, access.csv
  CsvOut cov, gaps, acc;
  cov.row({"year", "district_id", "district_name", "layer", "radius_m", "area_km2", "covered_area_km2",
           "covered_area_fraction", "pop65_total", "pop65_covered", "crs"});
  gaps.row({"year", "district_id", "layer", "hour", "day", "hh", "pop65_total", "pop65_uncovered", "pop65_fragile"});
  acc.row({"year", "mesh_code", "district_id", "pop65", "n_providers", "accessibility", "crs"});
  for (const YearRun& run : runs) {
    const std::string y = std::to_string(run.year);
    for (std::size_t d = 0; d < in.districts.size(); ++d)
      for (std::size_t l = 0; l < in.layers.size(); ++l) {
        const auto& cr = run.result.layers[l].coverage[d];
        cov.row({y, in.districts[d].id, in.districts[d].name, in.layers[l].name, integer(in.layers[l].radius_m),
                 num(cr.area_m2 / 1e6, 6), num(cr.covered_m2 / 1e6, 6),
                 num(cr.area_m2 > 0 ? cr.covered_m2 / cr.area_m2 : 0, 8), integer(cr.pop65_total),
                 integer(cr.pop65_covered), crs});
        // The week's hours 0–167, then a public holiday's as hours 168–191 with day "Hol"
        // (the holiday item of the hours grammar).
        for (std::size_t h = 0; h < geometry::kGapSlots; ++h) {
          const std::size_t k = d * geometry::kGapSlots + h;
          const bool hol = h >= geometry::kHolidaySlot0;
          gaps.row({y, in.districts[d].id, in.layers[l].name, std::to_string(h),
                    hol ? std::string("Hol") : std::string(weekday_english(static_cast<Weekday>(h / 24))),
                    std::to_string(h % 24), integer(cr.pop65_total), integer(run.result.layers[l].uncovered[k]),
                    integer(run.result.layers[l].fragile[k])});
        }
      }
    for (std::size_t i = 0; i < run.cells.size(); ++i) {
      const int d = run.result.cell_district[i];
      acc.row({y, std::to_string(run.cells[i].mesh_code), d >= 0 ? in.districts[static_cast<std::size_t>(d)].id : "",
               integer(run.cells[i].pop65), std::to_string(run.result.access_providers[i]),
               num(run.result.access[i], 6), crs});
    }
  }
  write("coverage.csv", cov);
  write("gaps.csv", gaps);
  write("access.csv", acc);
  CsvOut par;
  par.row({"key", "value"});
  par.row({"crs", crs + " " + out.crs_name});
  par.row({"base_year", std::to_string(out.base_year)});
  for (std::size_t k = 1; k < runs.size(); ++k) par.row({"future_year", std::to_string(runs[k].year)});
  par.row({"district_level", built.districts.empty() ? "" : std::string(to_string(built.districts.front()->level))});
  for (const auto& l : opt.layers) {
    std::string kinds;
    for (auto k : l.kinds) kinds += (kinds.empty() ? "" : "|") + std::string(to_string(k));
    par.row({"layer." + l.name, "radius " + integer(l.radius_m) + " m; kinds " + (kinds.empty() ? "any" : kinds) +
                                     (l.home_visit ? std::string("; home_visit=") + (*l.home_visit ? "1" : "0") : "") +
                                     (l.support_24h ? std::string("; support_24h=") + (*l.support_24h ? "1" : "0") : "")});
  }
  par.row({"coverage.area", "area of district ∩ union of " + std::to_string(opt.settings.disc_segments) +
                                "-gon discs (exact overlay)"});
  par.row({"coverage.population", "65+ of 500 m cells whose centroid lies within the radius of a provider"});
  par.row({"hours", "a provider is open in hour h when the middle of the hour lies in its opening hours; 24-hour "
                    "support counts every hour; known days without hours assume 09:00-18:00"});
  par.row({"24h_hints", opt.settings.count_24h_hints
                            ? "counted: open-data text promising 24-hour response (利用可能曜日特記事項) counts as "
                              "24-hour support unless a source says no (count_24h_hints = true)"
                            : "not counted: only explicit 24-hour flags count (count_24h_hints = false)"});
  par.row({"holidays", "a public holiday (gaps.csv hours 168-191, day Hol) has its own 24 hours: 24-hour support "
                       "counts every hour; stated holiday hours (医療情報ネット 祝, Hol, 24/7) are used; open on "
                       "holidays without known hours assumes 09:00-18:00 (an hourly schedule without 祝 hours stays "
                       "closed); closed or not stated counts as closed (most clinics close on 祝日); holiday gap "
                       "hours are not part of the ranking"});
  par.row({"e2sfca", "enhanced two-step floating catchment (Luo & Qi 2009), Gaussian decay (Dai 2010), d0 = " +
                         integer(opt.settings.e2sfca_d0) + " m, supply = doctors of layer " +
                         opt.layers[access_layer].name + ", demand = 65+; A per 1,000 aged 65+"});
  par.row({"ranking", "uncovered 65+ share, night gap hours, weekend gap hours, fragile share (desc), accessibility (asc)"});
  write("analysis_parameters.csv", par);

  // analysis.gpkg for QGIS: metrics on the districts, coverage polygons, cells.
  step("writing analysis.gpkg");
  AnalysisGpkg g;
  g.crs_note = crs + " " + out.crs_name;
  for (std::size_t d = 0; d < nd; ++d) {
    const DistrictMetrics& m = out.districts[d];
    AnalysisGpkg::DistrictRow row;
    row.district = built.districts[d];
    row.metrics = {{"rank", m.rank},
                   {"pop65", m.pop65},
                   {"uncovered_share", m.uncovered_share},
                   {"gap_hours", m.gap_hours},
                   {"night_gap_hours", m.night_gap_hours},
                   {"weekend_gap_hours", m.weekend_gap_hours},
                   {"holiday_gap_hours", m.holiday_gap_hours},
                   {"night_uncovered_share", m.night_uncovered_share},
                   {"fragile_share", m.fragile_share},
                   {"accessibility", m.accessibility}};
    for (std::size_t l = 0; l < opt.layers.size(); ++l) {
      const auto& cr = base.result.layers[l].coverage[d];
      row.metrics.emplace_back(opt.layers[l].name + "_area_fraction", cr.area_m2 > 0 ? cr.covered_m2 / cr.area_m2 : 0);
      row.metrics.emplace_back(opt.layers[l].name + "_pop65_share",
                               cr.pop65_total > 0 ? cr.pop65_covered / cr.pop65_total : 0);
    }
    g.districts.push_back(std::move(row));
  }
  for (std::size_t l = 0; l < in.layers.size(); ++l)
    for (std::size_t d = 0; d < nd; ++d)
      if (!covered[l][d].empty())
        g.coverage.push_back({in.districts[d].id, in.layers[l].name, in.layers[l].radius_m, proj.inverse(covered[l][d])});
  for (const YearRun& run : runs) {
    for (std::size_t i = 0; i < run.cells.size(); ++i) {
      const int d = run.result.cell_district[i];
      g.cells.push_back({run.cells[i].mesh_code, run.year, d >= 0 ? in.districts[static_cast<std::size_t>(d)].id : "",
                         run.cells[i].pop65, run.result.access_providers[i], run.result.access[i]});
    }
  }
  const std::string gpkg = (fs::path(opt.out_dir) / "analysis.gpkg").string();
  write_analysis_gpkg(gpkg, g);
  out.written.push_back(gpkg);
  step("");
  return out;
}

}  // namespace careatlas::app
