// The CSV tables of the analyze job, for Excel (see analyze_job.hpp for what each holds).
#include <filesystem>

#include "analyze_outputs.hpp"
#include "careatlas/importers/csv.hpp"
#include "careatlas/importers/registry_store.hpp"
#include "number_text.hpp"

namespace careatlas::app::detail {

namespace {

std::vector<std::string> summary_head(const AnalysisRuns& a) {
  const bool ja = a.opt.settings.japanese_headers;
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
  if (a.out.road_view) {
    const std::string n = minutes_text(a.out.road_minutes);
    for (const std::string& h : ja ? std::vector<std::string>{"車で" + n + "分圏外の65歳以上割合", "夜間空白時間数（車で" + n + "分）",
                                                             "アクセシビリティ（車での所要時間）"}
                                   : std::vector<std::string>{"beyond_" + n + "min_share", "night_gap_hours_" + n + "min",
                                                              "accessibility_by_road"})
      head.push_back(h);
  }
  for (const auto& l : a.opt.layers) head.push_back((ja ? l.label + " 面積カバー率" : l.name + "_area_fraction"));
  for (const auto& l : a.opt.layers) head.push_back((ja ? l.label + " 65歳以上カバー率" : l.name + "_pop65_share"));
  for (std::size_t k = 1; k < a.runs.size(); ++k) {
    const std::string y = std::to_string(a.runs[k].year);
    head.push_back(ja ? y + "年 65歳以上人口" : "pop65_" + y);
    head.push_back(ja ? y + "年 到達圏外の65歳以上割合" : "uncovered_share_" + y);
  }
  head.push_back(ja ? "座標系" : "crs");
  return head;
}

std::vector<std::string> summary_row(const AnalysisRuns& a, std::size_t d) {
  const DistrictMetrics& m = a.out.districts[d];
  const YearRun& base = a.runs.front();
  std::vector<std::string> f = {std::to_string(m.rank), m.id, m.name, integer(m.pop65), fixed(m.uncovered_share, 4),
                                std::to_string(m.gap_hours), std::to_string(m.night_gap_hours),
                                std::to_string(m.weekend_gap_hours), std::to_string(m.holiday_gap_hours),
                                fixed(m.night_uncovered_share, 4),
                                fixed(m.fragile_share, 4), fixed(m.accessibility, 4)};
  if (a.out.road_view) {
    f.push_back(fixed(m.road_uncovered_share.value_or(0), 4));
    f.push_back(std::to_string(m.road_night_gap_hours));
    f.push_back(fixed(m.road_accessibility, 4));
  }
  for (std::size_t l = 0; l < a.opt.layers.size(); ++l) {
    const auto& cr = base.result.layers[l].coverage[d];
    // By road there is no area overlay: the reach is measured on the cells.
    f.push_back(a.opt.layers[l].straight_line ? fixed(cr.area_m2 > 0 ? cr.covered_m2 / cr.area_m2 : 0, 4) : "");
  }
  for (std::size_t l = 0; l < a.opt.layers.size(); ++l) {
    const auto& cr = base.result.layers[l].coverage[d];
    f.push_back(fixed(cr.pop65_total > 0 ? cr.pop65_covered / cr.pop65_total : 0, 4));
  }
  for (std::size_t k = 1; k < a.runs.size(); ++k) {
    const auto& cr = a.runs[k].result.layers[a.access_layer].coverage[d];
    f.push_back(integer(cr.pop65_total));
    f.push_back(fixed(cr.pop65_total > 0 ? (cr.pop65_total - cr.pop65_covered) / cr.pop65_total : 0, 4));
  }
  f.push_back(a.crs);
  return f;
}

// "radius 16000 m; kinds clinic|hospital; home_visit=1" ("travel 30 min by road; …")
std::string layer_description(const ProviderLayer& l) {
  std::string kinds;
  for (auto k : l.kinds) kinds += (kinds.empty() ? "" : "|") + std::string(to_string(k));
  const std::string reach = l.straight_line ? "radius " + integer(l.radius_m) + " m"
                                            : "travel " + minutes_text(l.travel_minutes) + " min by road";
  return reach + "; kinds " + (kinds.empty() ? "any" : kinds) +
         (l.home_visit ? std::string("; home_visit=") + (*l.home_visit ? "1" : "0") : "") +
         (l.support_24h ? std::string("; support_24h=") + (*l.support_24h ? "1" : "0") : "");
}

// The method rows of analysis_parameters.csv, after the CRS, years and layers.
void method_rows(const AnalysisRuns& a, csv::Writer& par) {
  const project::AnalysisSettings& s = a.opt.settings;
  par.row({"coverage.area", "area of district ∩ union of " + std::to_string(s.disc_segments) +
                                "-gon discs (exact overlay)"});
  par.row({"coverage.population", "65+ of 500 m cells whose centroid lies within the radius of a provider"});
  par.row({"hours", "a provider is open in hour h when the middle of the hour lies in its opening hours; 24-hour "
                    "support counts every hour; known days without hours assume 09:00-18:00"});
  par.row({"24h_hints", s.count_24h_hints
                            ? "counted: open-data text promising 24-hour response (利用可能曜日特記事項) counts as "
                              "24-hour support unless a source says no (count_24h_hints = true)"
                            : "not counted: only explicit 24-hour flags count (count_24h_hints = false)"});
  par.row({"holidays", "a public holiday (gaps.csv hours 168-191, day Hol) has its own 24 hours: 24-hour support "
                       "counts every hour; stated holiday hours (医療情報ネット 祝, Hol, 24/7) are used; open on "
                       "holidays without known hours assumes 09:00-18:00 (an hourly schedule without 祝 hours stays "
                       "closed); closed or not stated counts as closed (most clinics close on 祝日); holiday gap "
                       "hours are not part of the ranking"});
  par.row({"e2sfca", "enhanced two-step floating catchment (Luo & Qi 2009), Gaussian decay (Dai 2010), d0 = " +
                         integer(s.e2sfca_d0) + " m, supply = doctors of layer " +
                         a.opt.layers[a.access_layer].name + ", demand = 65+; A per 1,000 aged 65+"});
  par.row({"ranking", "uncovered 65+ share, night gap hours, weekend gap hours, fragile share (desc), accessibility (asc)"});
}

// The road network's part (layers with travel_minutes): the network, the speeds, the
// snapping and what lies off the network.
void road_rows(const AnalysisRuns& a, csv::Writer& par) {
  if (!a.out.road) return;
  const RoadTravelReport& r = *a.out.road;
  const RoadSpeeds& sp = a.opt.road_speeds;
  std::string speeds;
  for (const RoadClassInfo& c : road_class_table()) {
    const double v = sp.kmh[static_cast<std::size_t>(c.road_class)];
    if (c.road_class == RoadClass::ferry && !sp.ferries) continue;
    speeds += (speeds.empty() ? "" : ", ") + std::string(c.name) + " " + (v > 0 ? minutes_text(v) : "not used");
  }
  par.row({"road.network", r.source + ": " + std::to_string(r.segments) + " road segments, graph of " +
                               std::to_string(r.graph_nodes) + " nodes and " + std::to_string(r.graph_edges) +
                               " directed edges in " + std::to_string(r.components) +
                               (r.components == 1 ? " connected piece" : " connected pieces")});
  par.row({"road.speeds", "km/h by OSM highway class, maxspeed caps them; oneway respected; access=no|private and "
                          "construction left out; ferries " + std::string(sp.ferries ? "used" : "not used") + ": " + speeds});
  par.row({"road.snapping", "cells and providers join the nearest point of the nearest road (not only a node), the "
                            "leg to it at " + minutes_text(sp.offroad_kmh) + " km/h; beyond " +
                                integer(sp.snap_max_m) + " m a point is off the network (unreachable)"});
  std::size_t off = 0;
  for (const auto& l : r.providers_off) off += l.size();
  par.row({"road.off_network", std::to_string(r.cells_off) + " of " + std::to_string(r.cells) + " cells (65+ " +
                                   integer(r.pop65_off) + "), " + std::to_string(off) + " providers"});
  par.row({"road.travel", "minutes from the provider to the cell (the visit's direction): Dijkstra over the graph, "
                          "cut at the layer's travel_minutes"});
}

// Where the facilities stand: the published point, or one careatlas estimated from the
// address (位置参照情報), per level; unlocated facilities count nowhere.
void location_rows(const AnalysisRuns& a, csv::Writer& par) {
  const LocationCounts& all = a.out.facility_locations;
  par.row({"locations", std::to_string(all.total()) + " facilities: " + describe(all) +
                            (all.unlocated > 0 ? "; the unlocated are left out of coverage, gaps and access" : "")});
  for (std::size_t k = 0; k < a.out.provider_locations.size() && k < a.opt.layers.size(); ++k) {
    const LocationCounts& c = a.out.provider_locations[k];
    const std::string by = describe_levels(c.by_address);
    par.row({"locations." + a.opt.layers[k].name,
             std::to_string(c.total()) + " providers, " + std::to_string(c.located_by_address()) +
                 " at a point estimated from their address" + (by.empty() ? "" : " (" + by + ")")});
  }
}

}  // namespace

std::string district_summary_csv(const AnalysisRuns& a) {
  csv::Writer w;
  w.row(summary_head(a));
  for (std::size_t d = 0; d < a.built.input.districts.size(); ++d) w.row(summary_row(a, d));
  return std::move(w).text();
}

std::string coverage_csv(const AnalysisRuns& a) {
  const auto& in = a.built.input;
  csv::Writer cov;
  cov.row({"year", "district_id", "district_name", "layer", "radius_m", "travel_minutes", "area_km2",
           "covered_area_km2", "covered_area_fraction", "pop65_total", "pop65_covered", "crs"});
  for (const YearRun& run : a.runs) {
    const std::string y = std::to_string(run.year);
    for (std::size_t d = 0; d < in.districts.size(); ++d)
      for (std::size_t l = 0; l < in.layers.size(); ++l) {
        const auto& cr = run.result.layers[l].coverage[d];
        // A view by road has its minutes instead of a radius, and no covered area.
        const bool line = !in.layers[l].by_road();
        cov.row({y, in.districts[d].id, in.districts[d].name, in.layers[l].name,
                 line ? integer(in.layers[l].radius_m) : "", line ? "" : minutes_text(in.layers[l].travel_minutes),
                 fixed(cr.area_m2 / 1e6, 6), line ? fixed(cr.covered_m2 / 1e6, 6) : "",
                 line ? fixed(cr.area_m2 > 0 ? cr.covered_m2 / cr.area_m2 : 0, 8) : "", integer(cr.pop65_total),
                 integer(cr.pop65_covered), a.crs});
      }
  }
  return std::move(cov).text();
}

std::string gaps_csv(const AnalysisRuns& a) {
  const auto& in = a.built.input;
  csv::Writer gaps;
  gaps.row({"year", "district_id", "layer", "hour", "day", "hh", "pop65_total", "pop65_uncovered", "pop65_fragile"});
  for (const YearRun& run : a.runs) {
    const std::string y = std::to_string(run.year);
    for (std::size_t d = 0; d < in.districts.size(); ++d)
      for (std::size_t l = 0; l < in.layers.size(); ++l) {
        const geometry::LayerResult& lr = run.result.layers[l];
        // The week's hours 0–167, then a public holiday's as hours 168–191 with day "Hol"
        // (the holiday item of the hours grammar).
        for (std::size_t h = 0; h < geometry::kGapSlots; ++h) {
          const std::size_t k = d * geometry::kGapSlots + h;
          const bool hol = h >= geometry::kHolidaySlot0;
          gaps.row({y, in.districts[d].id, in.layers[l].name, std::to_string(h),
                    hol ? std::string("Hol") : std::string(weekday_english(static_cast<Weekday>(h / 24))),
                    std::to_string(h % 24), integer(lr.coverage[d].pop65_total), integer(lr.uncovered[k]),
                    integer(lr.fragile[k])});
        }
      }
  }
  return std::move(gaps).text();
}

std::string access_csv(const AnalysisRuns& a) {
  const auto& in = a.built.input;
  csv::Writer acc;
  const bool road = a.out.road_view.has_value();
  std::vector<std::string> head = {"year", "mesh_code", "district_id", "pop65", "n_providers", "accessibility"};
  if (road) head.insert(head.end(), {"n_providers_by_road", "accessibility_by_road"});
  head.push_back("crs");
  acc.row(head);
  for (const YearRun& run : a.runs) {
    const std::string y = std::to_string(run.year);
    for (std::size_t i = 0; i < run.cells.size(); ++i) {
      const int d = run.result.cell_district[i];
      std::vector<std::string> row = {y, std::to_string(run.cells[i].mesh_code),
                                      d >= 0 ? in.districts[static_cast<std::size_t>(d)].id : "",
                                      integer(run.cells[i].pop65), std::to_string(run.result.access_providers[i]),
                                      fixed(run.result.access[i], 6)};
      if (road)
        row.insert(row.end(), {std::to_string(run.result.road_access_providers[i]), fixed(run.result.road_access[i], 6)});
      row.push_back(a.crs);
      acc.row(row);
    }
  }
  return std::move(acc).text();
}

std::string analysis_parameters_csv(const AnalysisRuns& a) {
  csv::Writer par;
  par.row({"key", "value"});
  par.row({"crs", a.crs + " " + a.out.crs_name});
  par.row({"base_year", std::to_string(a.out.base_year)});
  for (std::size_t k = 1; k < a.runs.size(); ++k) par.row({"future_year", std::to_string(a.runs[k].year)});
  const auto& districts = a.built.districts;
  par.row({"district_level", districts.empty() ? "" : std::string(to_string(districts.front()->level))});
  for (const auto& l : a.opt.layers) par.row({"layer." + l.name, layer_description(l)});
  method_rows(a, par);
  road_rows(a, par);
  location_rows(a, par);
  return std::move(par).text();
}

void write_analysis_tables(const AnalysisRuns& a, std::vector<std::string>& written) {
  auto write = [&](const char* name, const std::string& text) {
    const std::string path = (std::filesystem::path(a.opt.out_dir) / name).string();
    write_file_atomic(path, text);
    written.push_back(path);
  };
  write("district_summary.csv", district_summary_csv(a));
  write("coverage.csv", coverage_csv(a));
  write("gaps.csv", gaps_csv(a));
  write("access.csv", access_csv(a));
  write("analysis_parameters.csv", analysis_parameters_csv(a));
}

}  // namespace careatlas::app::detail
