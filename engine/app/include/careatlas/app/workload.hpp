#pragma once
// The benchmark contract adapter (../shared/bench/WORKLOAD.md): a world directory in,
// coverage.csv, gaps.csv and access.csv out — through the same importers, input builder
// and engine as `careatlas analyze`, with the contract's layers and EPSG:6677.
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace careatlas::app {

struct WorkloadOptions {
  std::string world_dir;
  std::string out_dir;
  double radius_clinic_hv = 16000.0;
  double radius_home_nursing = 10000.0;
  double e2sfca_d0 = 16000.0;
  unsigned threads = 0;
  std::function<void(const std::string&)> progress;
  // false: leave the inputs and results to the operating system when the process ends,
  // instead of freeing some 10^5–10^6 objects one by one (the CLI, which exits next;
  // ~5 ms on the prefecture world). DEFAULT true
  bool free_memory = true;
};

struct WorkloadTimings {
  double read_s = 0;      // files → registry model and projected districts (wall), with
  double read_districts_s = 0;   //   districts.geojson on one thread,
  double read_facilities_s = 0;  //   facilities.csv on the other,
  double read_population_s = 0;  //   mesh_population.csv on whichever was free first
  double prepare_s = 0;   // registry → planar input (cells and providers projected)
  double analysis_s = 0;  // the engine
  double write_s = 0;     // the three CSVs
  std::vector<std::pair<std::string, double>> analysis_steps;
};

// Throws import_error / config_error / std::runtime_error like the import job.
WorkloadTimings run_workload(const WorkloadOptions& opt);

}  // namespace careatlas::app
