// The careatlas command line, run as a user runs it: exit codes, messages, and that a
// failed import leaves no registry behind.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>
#include <vector>

#include "golden_image.hpp"
#include "test_support.hpp"

using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {
struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CliRun run_cli(const std::string& args) {
  const std::string cmd = std::string(CAREATLAS_CLI) + " " + args + " 2>&1";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

void expect_failed_import(const std::string& input, const std::string& must_mention) {
  const std::string dir = scratch_dir("cli_fail_" + fs::path(input).stem().string());
  const CliRun r = run_cli("import --facilities " + input + " --out " + dir + "/r.gpkg");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find(fs::path(input).filename().string()), std::string::npos) << "names the file: " << r.out;
  EXPECT_NE(r.out.find(must_mention), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no registry was written"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::is_empty(dir)) << "nothing may be left in " << dir;
}
}  // namespace

TEST(Cli, TruncatedFileFailsCleanly) {
  expect_failed_import(fixture("broken/jigyosho_130_truncated.csv"), "truncated");
}
TEST(Cli, WrongHeaderFailsCleanly) { expect_failed_import(fixture("broken/wrong_header.csv"), "header"); }
TEST(Cli, BinaryJunkFailsCleanly) { expect_failed_import(fixture("broken/junk.csv"), "binary"); }
TEST(Cli, EmptyFileFailsCleanly) { expect_failed_import(fixture("broken/empty.csv"), "empty"); }

TEST(Cli, TruncatedFileNamesTheLine) {
  const std::string dir = scratch_dir("cli_trunc_line");
  const CliRun r = run_cli("import --facilities " + fixture("broken/jigyosho_130_truncated.csv") + " --out " + dir);
  EXPECT_NE(r.out.find("jigyosho_130_truncated.csv:3:"), std::string::npos) << r.out;
}

TEST(Cli, FailedImportKeepsThePreviousRegistry) {
  const std::string dir = scratch_dir("cli_keep_previous");
  ASSERT_EQ(run_cli("import -q --facilities " + fixture("kaigo/jigyosho_130_testshi.csv") + " --out " + dir).exit_code, 0);
  const std::string before = read_file(dir + "/registry.gpkg");
  ASSERT_FALSE(before.empty());
  const CliRun r = run_cli("import -q --facilities " + fixture("broken/junk.csv") + " --out " + dir);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(read_file(dir + "/registry.gpkg"), before);
}

TEST(Cli, KochiAcceptanceCommand) {
  const std::string dir = scratch_dir("cli_kochi");
  const CliRun r = run_cli("import --facilities " + shared("data/real/kaigo/jigyosho_170_kochi-pref.csv") +
                          " --districts " + shared("data/real/boundaries/N03-21_39_210101.json") + " --out " + dir +
                          "/k.gpkg");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("26         26"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::exists(dir + "/k.gpkg"));
  EXPECT_TRUE(fs::exists(dir + "/import_report.csv"));
  FILE* p = popen(("ogrinfo -ro -q " + dir + "/k.gpkg 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string info;
  std::array<char, 1024> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) info.append(buf.data(), n);
  pclose(p);
  for (const char* layer : {"facilities (Point)", "districts (Multi Polygon)", "population (Polygon)", "diagnostics",
                            "import_files", "sources", "careatlas_metadata"})
    EXPECT_NE(info.find(layer), std::string::npos) << layer << " missing in:\n" << info;
}

TEST(Cli, HelpHasExamplesAndExitCodes) {
  const CliRun r = run_cli("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  const CliRun i = run_cli("import --help");
  EXPECT_NE(i.out.find("--facilities"), std::string::npos);
}

TEST(Cli, ProjectFileErrorsNameFileAndLine) {
  const std::string dir = scratch_dir("cli_bad_project");
  write_file(dir + "/p.toml", "[project]\ntitle = \"x\"\n\n[[facilities]]\npath = \"a.csv\"\nencodng = \"cp932\"\n");
  const CliRun r = run_cli("import " + dir + "/p.toml --out " + dir + "/out");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("p.toml:6:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("encodng"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir + "/out"));
}

TEST(Cli, CodesListsEveryDiagnostic) {
  const CliRun r = run_cli("codes");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("duplicate_id"), std::string::npos);
  EXPECT_NE(r.out.find("outside_own_municipality"), std::string::npos);
}

TEST(Cli, BookletCommandWritesTheBookletItsTableAndTheSplit) {
  const std::string dir = scratch_dir("cli_booklet");
  const std::string project = std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki/project.toml";
  const CliRun before = run_cli("booklet " + project + " --out " + dir);
  EXPECT_EQ(before.exit_code, 2) << before.out;
  EXPECT_NE(before.out.find("careatlas import"), std::string::npos) << "says what to run first: " << before.out;
  ASSERT_EQ(run_cli("import -q " + project + " --out " + dir).exit_code, 0);
  const CliRun bad = run_cli("booklet " + project + " --out " + dir + " --paper B5");
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  EXPECT_NE(bad.out.find("A4 or A5"), std::string::npos) << bad.out;
  EXPECT_FALSE(fs::exists(dir + "/booklet/booklet.pdf"));
  const CliRun r = run_cli("booklet " + project + " --out " + dir + " --paper A5 --split --date 2026-11-24");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("entries in"), std::string::npos) << r.out;
  for (const char* f : {"booklet.pdf", "booklet.csv", "booklet_23999-01.pdf", "booklet_23999-06.pdf"})
    EXPECT_TRUE(fs::exists(dir + "/booklet/" + f)) << f << "\n" << r.out;
}

namespace {
// Every file under `dir` (relative path → bytes), hidden ones included.
std::map<std::string, std::string> files_under(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (!e.is_directory()) out[fs::relative(e.path(), dir).string()] = read_file(e.path().string());
  return out;
}

// Runs the CLI with `args` and sends it SIGTERM after `ms` milliseconds; the wait status.
int run_and_terminate(const std::vector<std::string>& args, int ms) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    std::vector<char*> argv{const_cast<char*>(CAREATLAS_CLI)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(CAREATLAS_CLI, argv.data());
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}
}  // namespace

// careatlas run stopped at any moment (SIGTERM, as a scheduler or Ctrl-C sends) leaves
// the previous outputs whole and no partial file: every file is the previous run's (the
// run is deterministic but for the GeoPackages' timestamps) or a complete new one.
TEST(Cli, InterruptedRunLeavesThePreviousOutputsWhole) {
  const std::string dir = scratch_dir("cli_interrupted");
  const std::string project = std::string(CAREATLAS_SOURCE_DIR) + "/sample_data/misaki/project.toml";
  ASSERT_EQ(run_cli("run -q " + project + " --out " + dir).exit_code, 0);
  const std::map<std::string, std::string> before = files_under(dir);
  ASSERT_GT(before.size(), 15u);
  int interrupted = 0;
  for (int ms = 40; ms <= 1000; ms += 80) {
    const int status = run_and_terminate({"run", "-q", project, "--out", dir}, ms);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) ++interrupted;
    const std::map<std::string, std::string> after = files_under(dir);
    std::vector<std::string> names_before, names_after;
    for (const auto& [name, bytes] : before) names_before.push_back(name);
    for (const auto& [name, bytes] : after) names_after.push_back(name);
    ASSERT_EQ(names_after, names_before) << "stopped after " << ms << " ms: a file is missing or left over";
    for (const auto& [name, bytes] : after) {
      if (name.ends_with(".gpkg")) {
        std::string info;
        EXPECT_EQ(run_command("ogrinfo -ro -q '" + dir + "/" + name + "'", &info), 0)
            << name << " is not a whole GeoPackage after " << ms << " ms";
      } else {
        EXPECT_EQ(bytes, before.at(name)) << name << " changed after " << ms << " ms";
      }
    }
  }
  EXPECT_GE(interrupted, 3) << "the runs must really be stopped midway";
}

// careatlas import streams into a folder it may have to create first: stopped midway,
// it leaves neither its temporary registry nor the folders it made.
TEST(Cli, InterruptedStreamingImportLeavesNoFolderBehind) {
  const std::string dir = scratch_dir("cli_interrupted_import");
  std::string csv = "facility_id,name,kind,lat,lon,home_visit,support_24h,hours,doctors\n";
  for (int i = 0; i < 200'000; ++i)
    csv += "I" + std::to_string(i) + ",施設" + std::to_string(i) + ",clinic,35." + std::to_string(i % 997) + ",137." +
           std::to_string(i % 991) + ",1,0,Mon-Fri 09:00-17:00,1\n";
  write_file(dir + "/many.csv", csv);
  int interrupted = 0;
  for (int ms : {150, 400, 800}) {
    const int status = run_and_terminate({"import", "-q", "--facilities", dir + "/many.csv", "--out", dir + "/new/deep"}, ms);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) {
      ++interrupted;
      EXPECT_FALSE(std::filesystem::exists(dir + "/new")) << "stopped after " << ms << " ms";
    }
  }
  EXPECT_GE(interrupted, 2) << "the imports must really be stopped midway";
  ASSERT_EQ(run_cli("import -q --facilities " + dir + "/many.csv --out " + dir + "/new/deep").exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir + "/new/deep/registry.gpkg"));
}

TEST(Readme, CiRunsTheReadmeTestCommand) {
  const std::string readme = read_file(std::string(CAREATLAS_SOURCE_DIR) + "/README.md");
  const std::string ci = read_file(std::string(CAREATLAS_SOURCE_DIR) + "/.ci/run");
  // The README opens with two fenced one-line commands: main job, then tests.
  std::vector<std::string> commands;
  std::size_t pos = 0;
  while (commands.size() < 2) {
    const auto open = readme.find("```\n", pos);
    ASSERT_NE(open, std::string::npos);
    const auto close = readme.find("\n```", open + 4);
    commands.push_back(readme.substr(open + 4, close - open - 4));
    pos = close + 4;
  }
  EXPECT_NE(commands[0].find("careatlas run sample_data/misaki/project.toml"), std::string::npos);
  EXPECT_NE(commands[1].find("ctest"), std::string::npos);
  EXPECT_NE(ci.find("\n" + commands[1] + "\n"), std::string::npos) << ".ci/run must run: " << commands[1];
}

// No network, no surprises: a URL, /vsi…/ path or connection string — on the command line
// or in a project file received from elsewhere — is refused before anything is opened,
// with exit code 2 (an option or project-file error), a message naming the path and where
// it came from, and nothing written.
TEST(Cli, NetworkAndVirtualPathsAreRefusedBeforeAnythingIsOpened) {
  const std::string dir = scratch_dir("cli_no_network");
  const std::vector<std::pair<std::string, std::string>> options = {
      {"--facilities", "https://example.com/jigyosho_430.csv"},
      {"--districts", "/vsicurl/https://example.com/N03.geojson"},
      {"--population", "/vsizip//vsicurl/http://example.com/mesh.zip/mesh.txt"},
      {"--survey", "PG:dbname=survey"},
  };
  for (const auto& [option, path] : options) {
    const CliRun r = run_cli("import " + option + " '" + path + "' --out " + dir + "/out/r.gpkg");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find(option + " \"" + path + "\""), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("does not exist"), std::string::npos) << "refused for what it is: " << r.out;
  }
  write_file(dir + "/p.toml", "[project]\ntitle = \"x\"\n\n[[facilities]]\npath = \"WFS:http://example.com/wfs\"\n");
  const CliRun p = run_cli("run " + dir + "/p.toml --out " + dir + "/out");
  EXPECT_EQ(p.exit_code, 2) << p.out;
  EXPECT_NE(p.out.find("p.toml:5:8: [[facilities]] path \"WFS:http://example.com/wfs\" is a URL"), std::string::npos)
      << p.out;
  const CliRun i = run_cli("info '/vsicurl/https://example.com/registry.gpkg'");
  EXPECT_EQ(i.exit_code, 2) << i.out;
  EXPECT_NE(i.out.find("registry \"/vsicurl/https://example.com/registry.gpkg\""), std::string::npos) << i.out;
  EXPECT_FALSE(fs::exists(dir + "/out")) << "nothing may be written";
}

TEST(Cli, RunWithoutPopulationWritesWhatItCanAndExitsZero) {
  // A municipality's first project: the national file of a service and the N03 layer,
  // no population yet (issue 15).
  const std::string dir = scratch_dir("cli_run_no_population");
  write_file(dir + "/p.toml", "[project]\ntitle = \"枚方市\"\nmunicipality_code = \"27210\"\n[[facilities]]\npath = \"" +
                                  fixture("national/jigyosho_760.csv") + "\"\n[[districts]]\npath = \"" +
                                  fixture("national/N03-24_27-28_240101.geojson") + "\"\n");
  const CliRun r = run_cli("run -q " + dir + "/p.toml --out " + dir + "/out --date 2026-12-07");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("note: no population cells"), std::string::npos) << r.out;
  for (const char* f : {"registry.gpkg", "maps/resource_map.pdf", "maps/district_atlas.pdf", "booklet/booklet.pdf"})
    EXPECT_TRUE(fs::exists(dir + "/out/" + f)) << f << "\n" << r.out;
}
