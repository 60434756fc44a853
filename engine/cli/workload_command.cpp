// careatlas workload: the ../shared/bench contract on a generated world.
#include <cstdio>

#include "careatlas/app/workload.hpp"
#include "command.hpp"

namespace careatlas::cli {

namespace {

class WorkloadCommand final : public Command {
 public:
  CLI::App* add_to(CLI::App& app) override {
    CLI::App* c = app.add_subcommand(
        "workload", "the benchmark contract (../shared/bench/WORKLOAD.md): world dir → coverage.csv, gaps.csv, access.csv");
    c->add_option("world", wl_.world_dir, "world directory (gen_world.py output)")->required()->check(CLI::ExistingDirectory);
    c->add_option("out", wl_.out_dir, "output directory")->required();
    c->add_option("--radius-clinic-hv", wl_.radius_clinic_hv, "radius of layer clinic_hv, metres")->default_val(16000);
    c->add_option("--radius-home-nursing", wl_.radius_home_nursing, "radius of layer home_nursing, metres")->default_val(10000);
    c->add_option("--e2sfca-d0", wl_.e2sfca_d0, "E2SFCA catchment, metres")->default_val(16000);
    c->add_option("--threads", wl_.threads, "worker threads (0 = all cores)")->default_val(0);
    c->add_flag("--timings", timings_, "print the time of each stage on stderr");
    c->footer("Example:\n  careatlas workload /tmp/bench_work/worlds/city /tmp/out --radius-clinic-hv 2000 --radius-home-nursing 1500 --e2sfca-d0 3000");
    return c;
  }

  int run() override {
    wl_.free_memory = false;  // the process ends next
    const app::WorkloadTimings t = app::run_workload(wl_);
    if (!timings_) return 0;
    std::fprintf(stderr, "careatlas workload: read %.3f s, prepare %.3f s, analysis %.3f s, write %.3f s\n", t.read_s,
                 t.prepare_s, t.analysis_s, t.write_s);
    std::fprintf(stderr, "  read districts %.3f s | facilities %.3f s | population %.3f s (two threads)\n",
                 t.read_districts_s, t.read_facilities_s, t.read_population_s);
    for (const auto& [what, s] : t.analysis_steps) std::fprintf(stderr, "  %-34s %.3f s\n", what.c_str(), s);
    return 0;
  }

 private:
  app::WorkloadOptions wl_;
  bool timings_ = false;
};

}  // namespace

std::unique_ptr<Command> make_workload_command() { return std::make_unique<WorkloadCommand>(); }

}  // namespace careatlas::cli
