// Reading a benchmark world on two threads. This thread reads facilities.csv, the other
// districts.geojson (the largest parse); whichever is free first reads
// mesh_population.csv; then both project districts, taking them one at a time from a
// shared counter. PROJ's set-up (it reads its database) runs on a third thread meanwhile.
#include "workload_world.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <latch>
#include <limits>
#include <thread>

#include "careatlas/importers/import_session.hpp"

namespace careatlas::app::detail {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Joins a thread when the scope is left early (by an exception).
struct Joiner {
  std::thread& t;
  ~Joiner() {
    if (t.joinable()) t.join();
  }
};

// Counts stderr diagnostics; the contract's clean worlds must import without any.
class QuietSink final : public DiagnosticSink {
 public:
  void report(Diagnostic d) override {
    if (d.severity != Severity::info) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  }
};

class WorldReader {
 public:
  WorldReader(const std::string& world_dir, WorkloadTimings& t) : dir_(world_dir), t_(t) {}
  World read();

 private:
  static constexpr std::size_t kStop = std::numeric_limits<std::size_t>::max() / 2;

  Registry read_file(const char* file, InputRole role, DiagnosticSink& sink, double& seconds) const;
  void make_projection();        // the third thread
  void read_districts_first();   // the second thread
  void read_population_unless_taken();
  void project_districts(const geometry::Projection& p);
  World merged();

  std::filesystem::path dir_;
  WorkloadTimings& t_;
  std::optional<geometry::Projection> proj_, proj_copy_;
  std::exception_ptr proj_error_, other_error_;
  std::latch proj_ready_{1}, districts_read_{1};
  QuietSink facility_sink_, district_sink_, population_sink_;
  Registry reg_, districts_, population_;
  std::atomic<bool> population_taken_{false};
  std::vector<geometry::PlanarMultiPolygon> planar_;
  std::atomic<std::size_t> next_district_{0};
  bool districts_ok_ = false;  // written before districts_read_, read after it
};

Registry WorldReader::read_file(const char* file, InputRole role, DiagnosticSink& sink, double& seconds) const {
  const auto start = Clock::now();
  InputSpec spec;
  spec.path = (dir_ / file).string();
  spec.role = role;
  spec.year = role == InputRole::population ? 2020 : 0;  // the contract's population has no year
  ImportSession s(sink);
  s.add(spec);
  Registry r = s.finish();
  seconds = seconds_since(start);
  return r;
}

void WorldReader::make_projection() {
  try {
    proj_.emplace(6677);  // WORKLOAD.md §3: EPSG:6677 for every world
    proj_copy_.emplace(proj_->copy());
  } catch (...) {
    proj_error_ = std::current_exception();
  }
  proj_ready_.count_down();
}

void WorldReader::read_population_unless_taken() {
  if (!population_taken_.exchange(true))
    population_ = read_file("mesh_population.csv", InputRole::population, population_sink_, t_.read_population_s);
}

void WorldReader::project_districts(const geometry::Projection& p) {
  for (std::size_t i = next_district_++; i < planar_.size(); i = next_district_++)
    planar_[i] = p.forward(districts_.districts[i].geometry);
}

void WorldReader::read_districts_first() {
  try {
    districts_ = read_file("districts.geojson", InputRole::districts, district_sink_, t_.read_districts_s);
    planar_.resize(districts_.districts.size());
    districts_ok_ = true;
  } catch (...) {
    other_error_ = std::current_exception();
    next_district_ = kStop;
  }
  districts_read_.count_down();  // planar_ is sized: the other thread may project
  try {
    read_population_unless_taken();
    proj_ready_.wait();
    if (districts_ok_ && !proj_error_) project_districts(*proj_);
  } catch (...) {
    if (!other_error_) other_error_ = std::current_exception();
    next_district_ = kStop;
  }
}

World WorldReader::read() {
  std::thread proj_maker([this] { make_projection(); });
  Joiner join_proj{proj_maker};
  std::thread other([this] { read_districts_first(); });
  try {
    reg_ = read_file("facilities.csv", InputRole::facilities, facility_sink_, t_.read_facilities_s);
    read_population_unless_taken();
    districts_read_.wait();
    proj_ready_.wait();
    if (districts_ok_ && !proj_error_) project_districts(*proj_copy_);
  } catch (...) {
    next_district_ = kStop;
    other.join();
    throw;
  }
  other.join();
  if (other_error_) std::rethrow_exception(other_error_);
  proj_maker.join();
  if (proj_error_) std::rethrow_exception(proj_error_);
  return merged();
}

World WorldReader::merged() {
  World w;
  w.reg = std::move(reg_);
  w.reg.districts = std::move(districts_.districts);
  w.reg.population = std::move(population_.population);
  for (Registry* r : {&districts_, &population_})
    for (auto& f : r->files) w.reg.files.push_back(std::move(f));
  w.districts_rest = std::move(districts_);
  w.population_rest = std::move(population_);
  w.proj = std::move(proj_);
  w.planar = std::move(planar_);
  return w;
}

}  // namespace

World read_world(const std::string& world_dir, WorkloadTimings& t) { return WorldReader(world_dir, t).read(); }

}  // namespace careatlas::app::detail
