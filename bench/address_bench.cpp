// Offline address matching at prefecture scale (issue 16):
//   BM_ReadReference      the two 位置参照情報 files → registry (ImportSession, InputRole::addresses)
//   BM_BuildIndex         address::AddressIndex from the tables already read
//   BM_ReadAndIndex       both, as `careatlas import` does before it reads the facilities
//   BM_Match100k          100,000 addresses as the open data writes them, against that index
//
// The files are generated here, deterministically (no random engine of the standard
// library: its distributions differ between libraries), into CAREATLAS_BENCH_OUT (default
// $TMPDIR/careatlas_address_bench), in the layouts as published: Shift_JIS (CP932), CRLF,
// every field double-quoted. The 街区レベル file has ≈1,000,000 rows: 40 municipalities of
// a prefecture (36 市, 2 町 of a 郡, 2 区 of a 政令市) × 125 towns; 100 towns with 丁目 in
// kanji (本町一丁目 … 本町五丁目) and 40 街区 each (住居表示), 25 大字 with 5 小字 of 40
// 地番 each; every 50th block has a second, non-代表 row, every 1,000th row a 削除 (更新前履歴
// フラグ 3) row before it. The 大字・町丁目 file has the same municipalities and towns (the
// 町名, its 丁目, the 大字): 25,000 rows. Both are reused by later runs (a stamp file
// says which generator wrote them); delete the folder to write them anew.
//
// Counters: rows (of the tables read), blocks/towns/municipalities (of the index),
// peak_MB (VmHWM since the start of the benchmark: the process's resident high-water
// mark, what was resident before included), extra_MB (that peak minus the resident size
// at the start: what this step needed on top), and for BM_Match100k the match levels of
// the 100,000 and `unexpected` (matches at another level than the generator meant: 0).
//
//   build/bench/careatlas_address_bench --benchmark_filter=ReadAndIndex
//   build/bench/careatlas_address_bench --benchmark_filter=Match
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "careatlas/address/address_index.hpp"
#include "careatlas/importers/import_session.hpp"
#include "careatlas/importers/text.hpp"

namespace {

using namespace careatlas;
using namespace careatlas::bench;
namespace fs = std::filesystem;

// ---- the generated prefecture ---------------------------------------------------------

constexpr int kMunicipalities = 40;
constexpr int kChomeTowns = 100, kOazaTowns = 25;  // per municipality
constexpr int kChome = 5, kBlocksPerChome = 40;
constexpr int kKoaza = 5, kLotsPerKoaza = 40;
constexpr int kAddresses = 100000;
constexpr std::string_view kStamp = "address_bench generator 1";

// splitmix64: the same numbers on every machine.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
};

constexpr std::array<std::string_view, 40> kMuniBase = {
    "東山", "西川", "南原", "北野", "中島", "大森", "小松", "高田", "長尾", "平野", "石橋", "岡本", "森山", "池田",
    "福原", "吉野", "清水", "宮本", "坂井", "藤川", "杉浦", "村上", "河合", "松井", "竹内", "桑名", "柳田", "秋山",
    "春日", "夏目", "冬木", "星野", "月岡", "日向", "天野", "雲井", "霧島", "雪村", "風間", "雷山"};
constexpr std::array<std::string_view, 25> kTownBase = {
    "本", "栄", "旭", "錦", "元", "緑", "若葉", "桜", "松原", "竹下", "梅田", "青葉", "白山",
    "黒川", "赤坂", "金山", "銀座", "花園", "富士見", "朝日", "東雲", "港", "浜", "新田", "大手"};
constexpr std::array<std::string_view, 5> kTownSuffix = {"町", "台", "通", "丘", "野"};
constexpr std::array<std::string_view, 5> kKoazaName = {"上ノ段", "下モ", "東浦", "西浦", "中道"};
constexpr std::array<std::string_view, 6> kKanjiDigit = {"〇", "一", "二", "三", "四", "五"};
constexpr std::array<std::string_view, 6> kBuildings = {"みさきビル", "第二中央ハイツ", "メゾン栄", "ＡＢＣビル",
                                                        "グランドコーポ", "ケアセンター棟"};

struct Muni {
  std::string name;      // as the files write it: 東山市, 海部郡雲井町, 中京市霧島区
  std::string short_name;  // as an address may write it: 雲井町 (the 郡 left out)
  std::string code;
  double lat, lon;
};

Muni muni(int i) {
  Muni m;
  const std::string base(kMuniBase[static_cast<std::size_t>(i)]);
  char code[8];
  if (i < 36) {
    m.name = base + "市";
    std::snprintf(code, sizeof code, "23%03d", 201 + i);
  } else if (i < 38) {
    m.name = "海部郡" + base + "町";
    std::snprintf(code, sizeof code, "23%03d", 425 + i - 36);
  } else {
    m.name = "中京市" + base + "区";
    std::snprintf(code, sizeof code, "23%03d", 101 + i - 38);
  }
  m.short_name = i >= 36 && i < 38 ? base + "町" : m.name;
  m.code = code;
  m.lat = 34.6 + (i / 8) * 0.12;
  m.lon = 136.6 + (i % 8) * 0.12;
  return m;
}

// Town t of a municipality: 0..99 with 丁目, 100..124 大字 (地番, 小字).
std::string town_base(int t) {
  const int k = t % kChomeTowns;
  return std::string(kTownBase[static_cast<std::size_t>(k % 25)]) + std::string(kTownSuffix[static_cast<std::size_t>(k / 25)]);
}
bool is_oaza(int t) { return t >= kChomeTowns; }
std::string oaza_name(int t) { return "大字" + town_base(t) + "原"; }  // 大字本町原: no clash with the 丁目 towns

struct Point {
  double lat, lon;
};
Point town_point(const Muni& m, int t) {
  return {m.lat + (t / 12) * 0.008, m.lon + (t % 12) * 0.008};
}
Point block_point(const Muni& m, int t, int part, int n) {
  const Point p = town_point(m, t);
  return {p.lat + part * 0.0012 + (n / 8) * 0.0002, p.lon + (n % 8) * 0.0002};
}

void field(std::string& out, std::string_view v, bool last = false) {
  out += '"';
  out += v;
  out += last ? "\"\r\n" : "\",";
}
std::string fixed(double v, int decimals) {
  char b[32];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  return b;
}

void write_cp932(std::ofstream& out, const std::string& utf8) {
  const auto bytes = text::encode_cp932(utf8);
  if (!bytes) throw std::runtime_error("address_bench: text not writable in CP932");
  out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
}

void block_row(std::string& s, const Muni& m, const std::string& town, std::string_view koaza, int number, Point p,
               bool residential, bool representative, bool retired) {
  field(s, "愛知県");
  field(s, m.name);
  field(s, town);
  field(s, koaza);
  field(s, std::to_string(number));
  field(s, "7");
  field(s, fixed((p.lat - 36.0) * 111000.0, 1));  // Ｘ/Ｙ: plausible, not read by careatlas
  field(s, fixed((p.lon - 137.1666) * 91000.0, 1));
  field(s, fixed(p.lat, 6));
  field(s, fixed(p.lon, 6));
  field(s, residential ? "1" : "0");
  field(s, representative ? "1" : "0");
  field(s, retired ? "3" : "0");
  field(s, "0", true);
}

std::int64_t write_block_file(const fs::path& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  write_cp932(out,
              "\"都道府県名\",\"市区町村名\",\"大字・丁目名\",\"小字・通称名\",\"街区符号・地番\",\"座標系番号\",\"Ｘ座標\","
              "\"Ｙ座標\",\"緯度\",\"経度\",\"住居表示フラグ\",\"代表フラグ\",\"更新前履歴フラグ\",\"更新後履歴フラグ\"\r\n");
  std::int64_t rows = 0;
  for (int i = 0; i < kMunicipalities; ++i) {
    const Muni m = muni(i);
    std::string s;
    auto add = [&](const std::string& town, std::string_view koaza, int number, Point p, bool residential) {
      if (++rows % 1000 == 0) {  // a 削除 row, elsewhere, before the valid one
        block_row(s, m, town, koaza, number, {p.lat + 0.004, p.lon}, residential, true, true);
        ++rows;
      }
      block_row(s, m, town, koaza, number, p, residential, true, false);
      if (rows % 50 == 0) {  // a second, non-代表 row of the block
        block_row(s, m, town, koaza, number, {p.lat + 0.0001, p.lon + 0.0001}, residential, false, false);
        ++rows;
      }
    };
    for (int t = 0; t < kChomeTowns + kOazaTowns; ++t) {
      if (!is_oaza(t)) {
        for (int c = 1; c <= kChome; ++c)
          for (int b = 1; b <= kBlocksPerChome; ++b)
            add(town_base(t) + std::string(kKanjiDigit[static_cast<std::size_t>(c)]) + "丁目", "", b,
                block_point(m, t, c, b), true);
      } else {
        for (int k = 0; k < kKoaza; ++k)
          for (int n = 1; n <= kLotsPerKoaza; ++n)
            add(oaza_name(t), kKoazaName[static_cast<std::size_t>(k)], k * kLotsPerKoaza + n, block_point(m, t, k, n),
                false);
      }
    }
    write_cp932(out, s);
  }
  return rows;
}

std::int64_t write_town_file(const fs::path& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  write_cp932(out,
              "\"都道府県コード\",\"都道府県名\",\"市区町村コード\",\"市区町村名\",\"大字町丁目コード\",\"大字町丁目名\","
              "\"緯度\",\"経度\",\"原典資料コード\",\"大字・字・丁目区分コード\"\r\n");
  std::int64_t rows = 0;
  for (int i = 0; i < kMunicipalities; ++i) {
    const Muni m = muni(i);
    std::string s;
    auto add = [&](int t, int chome, const std::string& name, Point p, std::string_view kind) {
      char code[16];
      std::snprintf(code, sizeof code, "%s%04d%03d", m.code.c_str(), t + 1, chome);
      field(s, "23");
      field(s, "愛知県");
      field(s, m.code);
      field(s, m.name);
      field(s, code);
      field(s, name);
      field(s, fixed(p.lat, 6));
      field(s, fixed(p.lon, 6));
      field(s, "0");
      field(s, kind, true);
      ++rows;
    };
    for (int t = 0; t < kChomeTowns + kOazaTowns; ++t) {
      if (is_oaza(t)) {
        add(t, 0, oaza_name(t), town_point(m, t), "1");
        continue;
      }
      add(t, 0, town_base(t), town_point(m, t), "1");
      for (int c = 1; c <= kChome; ++c)
        add(t, c, town_base(t) + std::string(kKanjiDigit[static_cast<std::size_t>(c)]) + "丁目",
            block_point(m, t, c, 0), "3");
    }
    write_cp932(out, s);
  }
  return rows;
}

// Full-width digits and hyphen-minus, as 介護サービス情報公表 files often write them.
std::string full_width(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out += static_cast<char>(0x90 + (c - '0'));  // U+FF10..U+FF19
    } else if (c == '-') {
      out += "－";
    } else {
      out += c;
    }
  }
  return out;
}

struct Address {
  std::string text;
  std::string code;  // the facility's municipality code
  std::optional<AddressLevel> expected;
};

// 100,000 addresses as the open data writes them: 87 % name an existing 街区 or 地番, 6 %
// a block number the town does not have (→ 町丁目 or 大字), 4 % a town the municipality
// does not have (→ 市区町村), 3 % a municipality not in the files and no code (→ none).
std::vector<Address> make_addresses() {
  Rng rng{20260401};
  std::vector<Address> out;
  out.reserve(kAddresses);
  for (int a = 0; a < kAddresses; ++a) {
    const int i = rng.below(kMunicipalities);
    const Muni m = muni(i);
    const int t = rng.below(kChomeTowns + kOazaTowns);
    const int roll = rng.below(100);
    Address ad;
    ad.code = m.code;
    std::string where = rng.below(5) == 0 ? m.short_name : m.name;  // 郡 left out at times
    const bool pref = rng.below(4) != 0;  // a quarter without the prefecture
    std::string head = (pref ? "愛知県" : "") + where;
    std::string rest;
    const int form = rng.below(4);
    if (roll >= 97) {  // unknown municipality, no code
      head = (pref ? "愛知県" : "") + std::string("架空市");
      ad.code.clear();
      rest = "本町" + std::to_string(1 + rng.below(5)) + "-" + std::to_string(1 + rng.below(40)) + "-1";
      ad.expected = std::nullopt;
    } else if (roll >= 93) {  // a town not in the reference
      rest = "未知町" + std::to_string(1 + rng.below(5)) + "丁目" + std::to_string(1 + rng.below(40)) + "番3号";
      ad.expected = AddressLevel::municipality;
    } else if (!is_oaza(t)) {
      const int c = 1 + rng.below(kChome);
      const bool missing = roll >= 87;
      const int b = missing ? kBlocksPerChome + 1 + rng.below(20) : 1 + rng.below(kBlocksPerChome);
      const int go = 1 + rng.below(30);
      const std::string cs = std::to_string(c), bs = std::to_string(b), gs = std::to_string(go);
      switch (form) {
        case 0: rest = full_width(cs) + "丁目" + full_width(bs + "-" + gs); break;           // 本町２丁目２８－７
        case 1: rest = cs + "-" + bs + "-" + gs; break;                                     // 本町2-28-7
        case 2: rest = std::string(kKanjiDigit[static_cast<std::size_t>(c)]) + "丁目" + bs + "番" + gs + "号"; break;
        default: rest = cs + "丁目" + bs + "番地の" + gs; break;                              // 番地の7
      }
      rest = town_base(t) + rest;
      ad.expected = missing ? AddressLevel::chome : AddressLevel::block;
    } else {
      const int k = rng.below(kKoaza);
      const bool missing = roll >= 87;
      const int n = missing ? kKoaza * kLotsPerKoaza + 1 + rng.below(100) : k * kLotsPerKoaza + 1 + rng.below(kLotsPerKoaza);
      const std::string oaza = form % 2 ? oaza_name(t) : oaza_name(t).substr(std::string_view("大字").size());
      const std::string koaza = form >= 2 ? "字" + std::string(kKoazaName[static_cast<std::size_t>(k)]) : "";
      rest = oaza + koaza + (form == 1 ? full_width(std::to_string(n)) : std::to_string(n)) + "番地";
      if (rng.below(3) == 0) rest += "の" + std::to_string(1 + rng.below(9));
      ad.expected = missing ? AddressLevel::oaza : AddressLevel::block;
    }
    ad.text = head + rest;
    if (rng.below(3) == 0) ad.text += "　" + std::string(kBuildings[static_cast<std::size_t>(rng.below(6))]) +
                                       full_width(std::to_string(1 + rng.below(9))) + "階";
    out.push_back(std::move(ad));
  }
  return out;
}

struct Files {
  std::string town, block;
};

// The two files, written unless the folder holds them from this generator already.
const Files& files() {
  static const Files f = [] {
    const fs::path dir = out_dir("careatlas_address_bench");
    fs::create_directories(dir);
    Files r{(dir / "23000-17.0b" / "23_2023.csv").string(), (dir / "23000-22.0a" / "23_2023.csv").string()};
    const fs::path stamp = dir / "generator.txt";
    std::string have;
    std::getline(std::ifstream(stamp), have);
    if (have != kStamp || !fs::exists(r.town) || !fs::exists(r.block)) {
      fs::create_directories(fs::path(r.town).parent_path());
      fs::create_directories(fs::path(r.block).parent_path());
      const auto t0 = std::chrono::steady_clock::now();
      const std::int64_t towns = write_town_file(r.town), blocks = write_block_file(r.block);
      std::ofstream(stamp) << kStamp << "\n";
      std::fprintf(stderr, "address_bench: wrote %s (%lld rows) and %s (%lld rows) in %.1f s\n", r.town.c_str(),
                   static_cast<long long>(towns), r.block.c_str(), static_cast<long long>(blocks),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return r;
  }();
  return f;
}

// VmRSS from /proc/self/status, MB.
double rss_mb() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      double kb = 0;
      in >> kb;
      return kb / 1024.0;
    }
    std::getline(in, key);
  }
  return 0;
}

Registry read_reference() {
  DiagnosticCollector sink;
  ImportSession s(sink);
  for (const std::string& p : {files().town, files().block}) {
    InputSpec spec;
    spec.path = p;
    spec.role = InputRole::addresses;
    s.add(spec);
  }
  return s.finish();
}

std::size_t rows_of(const Registry& reg) {
  std::size_t n = 0;
  for (const AddressTable& t : reg.addresses) n += t.rows.size();
  return n;
}

void memory_counters(benchmark::State& state, double rss_before) {
  state.counters["peak_MB"] = hwm_mb();
  state.counters["extra_MB"] = hwm_mb() - rss_before;
}

void index_counters(benchmark::State& state, const address::AddressIndex& idx) {
  state.counters["municipalities"] = static_cast<double>(idx.municipalities());
  state.counters["towns"] = static_cast<double>(idx.towns());
  state.counters["blocks"] = static_cast<double>(idx.blocks());
}

// ---- the benchmarks -------------------------------------------------------------------

void BM_ReadReference(benchmark::State& state) {
  files();
  std::size_t rows = 0;
  const double before = rss_mb();
  reset_peak();
  for (auto _ : state) {
    const Registry reg = read_reference();
    rows = rows_of(reg);
  }
  memory_counters(state, before);
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_BuildIndex(benchmark::State& state) {
  const Registry reg = read_reference();
  const double before = rss_mb();
  reset_peak();
  std::optional<address::AddressIndex> idx;
  for (auto _ : state) {
    idx.reset();
    idx.emplace(reg.addresses);
  }
  memory_counters(state, before);
  state.counters["rows"] = static_cast<double>(rows_of(reg));
  index_counters(state, *idx);
}

void BM_ReadAndIndex(benchmark::State& state) {
  files();
  const double before = rss_mb();
  reset_peak();
  std::size_t rows = 0;
  for (auto _ : state) {
    const Registry reg = read_reference();
    const address::AddressIndex idx(reg.addresses);
    rows = rows_of(reg);
    index_counters(state, idx);
  }
  memory_counters(state, before);
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_Match100k(benchmark::State& state) {
  const address::AddressIndex idx = [] {
    const Registry reg = read_reference();
    return address::AddressIndex(reg.addresses);
  }();
  const std::vector<Address> addresses = make_addresses();
  std::array<std::int64_t, kAddressLevels + 1> levels{};  // per AddressLevel, then none
  std::int64_t unexpected = 0;
  for (auto _ : state) {
    levels = {};
    unexpected = 0;
    for (const Address& a : addresses) {
      const auto m = idx.match(a.text, a.code);
      ++levels[m ? static_cast<std::size_t>(m->level) : kAddressLevels];
      if ((m ? std::optional<AddressLevel>(m->level) : std::nullopt) != a.expected) ++unexpected;
      benchmark::DoNotOptimize(m);
    }
  }
  state.SetItemsProcessed(state.iterations() * kAddresses);
  for (std::size_t l = 0; l < kAddressLevels; ++l)
    state.counters[std::string(to_string(static_cast<AddressLevel>(l)))] = static_cast<double>(levels[l]);
  state.counters["none"] = static_cast<double>(levels[kAddressLevels]);
  state.counters["unexpected"] = static_cast<double>(unexpected);
}

BENCHMARK(BM_ReadReference)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BuildIndex)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReadAndIndex)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Match100k)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
