// Every fuzz target over its seeds (fuzz/seeds.txt) and over every input the fuzzers ever
// crashed on (fuzz/regressions/<target>/): each must pass without a crash, a sanitizer
// report or an exception other than the clear refusals the target allows.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "targets.hpp"
#include "test_support.hpp"

using namespace careatlas;
namespace fs = std::filesystem;

namespace {

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The files a line of fuzz/seeds.txt names: paths relative to the repository, with * in
// the file name part.
std::vector<fs::path> seeds_of(const std::string& target) {
  const fs::path root(CAREATLAS_SOURCE_DIR);
  std::ifstream in(root / "fuzz" / "seeds.txt");
  std::string line;
  std::vector<fs::path> out;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string name, pattern;
    if (!(words >> name) || name != target) continue;
    while (words >> pattern) {
      const fs::path p = root / pattern;
      std::string glob = p.filename().string();
      if (glob.find('*') == std::string::npos) {
        out.push_back(p);
        continue;
      }
      std::string re;
      for (const char c : glob) re += c == '*' ? std::string(".*") : std::regex_replace(std::string(1, c), std::regex(R"([.^$|()\[\]{}+?\\])"), R"(\$&)");
      const std::regex match(re);
      for (const auto& e : fs::directory_iterator(p.parent_path()))
        if (e.is_regular_file() && std::regex_match(e.path().filename().string(), match)) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void run_all(const fuzz::NamedTarget& t, const std::vector<fs::path>& files) {
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.string());
    const std::string b = bytes_of(f);
    EXPECT_NO_THROW(t.run(reinterpret_cast<const std::uint8_t*>(b.data()), b.size()));
  }
}

}  // namespace

TEST(FuzzRegression, EveryTargetHasSeeds) {
  for (const fuzz::NamedTarget& t : fuzz::targets()) {
    const auto seeds = seeds_of(std::string(t.name));
    EXPECT_FALSE(seeds.empty()) << t.name << " has no seed in fuzz/seeds.txt";
    for (const fs::path& s : seeds) EXPECT_TRUE(fs::exists(s)) << s;
  }
}

TEST(FuzzRegression, SeedsPass) {
  for (const fuzz::NamedTarget& t : fuzz::targets()) {
    SCOPED_TRACE(std::string(t.name));
    run_all(t, seeds_of(std::string(t.name)));
  }
}

TEST(FuzzRegression, KeptCrashersPass) {
  const fs::path dir = fs::path(CAREATLAS_SOURCE_DIR) / "fuzz" / "regressions";
  std::size_t n = 0;
  for (const fuzz::NamedTarget& t : fuzz::targets()) {
    const fs::path d = dir / std::string(t.name);
    if (!fs::is_directory(d)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d))
      if (e.is_regular_file() && e.path().filename() != "README.md") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    SCOPED_TRACE(std::string(t.name));
    run_all(t, files);
    n += files.size();
  }
  RecordProperty("crashers", static_cast<int>(n));
}

// The empty input and a few bytes of junk, for every target (the smallest cases a
// fuzzer starts from).
TEST(FuzzRegression, EmptyAndJunkInputs) {
  const std::string junk("\xff\xfe\x00\x01,\"\r\n\x81", 9);
  for (const fuzz::NamedTarget& t : fuzz::targets()) {
    SCOPED_TRACE(std::string(t.name));
    EXPECT_NO_THROW(t.run(nullptr, 0));
    EXPECT_NO_THROW(t.run(reinterpret_cast<const std::uint8_t*>(junk.data()), junk.size()));
  }
}
