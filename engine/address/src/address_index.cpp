#include "careatlas/address/address_index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <unordered_map>

#include "careatlas/address/normalize.hpp"

namespace careatlas::address {

namespace {

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using KeyMap = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;

constexpr std::array<std::string_view, 47> kPrefectures = {
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"};

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
// Block keys: town (32 bits) | 小字 within the town (12 bits) | number (20 bits).
constexpr std::uint32_t kMaxKoaza = (1u << 12) - 1;
constexpr std::uint32_t kMaxNumber = (1u << 20) - 1;

bool boundary(std::string_view s, std::size_t i) {
  return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}
bool digit(char c) { return c >= '0' && c <= '9'; }

// Removes a leading `prefix` when something follows it.
bool drop(std::string_view& s, std::string_view prefix) {
  if (s.size() <= prefix.size() || !s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// The longest key of `map` that `s` begins with (at most `max_len` bytes): its value and length.
template <class V>
const V* longest_prefix(const KeyMap<V>& map, std::size_t max_len, std::string_view s, std::size_t& len) {
  for (len = std::min(max_len, s.size()); len > 0; --len) {
    if (!boundary(s, len)) continue;
    if (auto it = map.find(s.substr(0, len)); it != map.end()) return &it->second;
  }
  return nullptr;
}

// A leading number, in digits or kanji (二十八): its value and length; nullopt if none.
std::optional<std::uint32_t> leading_number(std::string_view s, std::size_t& len) {
  len = 0;
  std::uint64_t v = 0;
  while (len < s.size() && digit(s[len]) && v <= kMaxNumber) v = v * 10 + static_cast<std::uint64_t>(s[len++] - '0');
  if (len > 0) return v <= kMaxNumber ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(v)) : std::nullopt;
  return std::nullopt;
}

struct Town {
  std::string name;  // as the reference writes it
  std::uint32_t muni = 0;
  AddressLevel level = AddressLevel::oaza;
  LonLat point;
  bool has_point = false;
  double sum_lon = 0, sum_lat = 0;  // of its blocks, for a town known only from them
  std::uint32_t block_count = 0;
  std::vector<std::string> koaza_keys, koaza_names;  // 小字 id = index + 1
};

struct Muni {
  std::string prefecture, name, code, pref_key;
  KeyMap<std::uint32_t> towns;  // by canonical name without 大字/字
  std::size_t max_town_key = 0;
  LonLat point;
  bool has_point = false;
};

struct Block {
  std::uint64_t key;
  LonLat point;
  bool representative;
  bool residential;
  std::uint32_t order;  // the row's place in the input, to keep the first of equals
};

}  // namespace

struct AddressIndex::Impl {
  std::vector<Muni> munis;
  std::vector<Town> towns;
  KeyMap<std::vector<std::uint32_t>> muni_by_name;  // canonical name and aliases → municipalities
  std::size_t max_muni_key = 0;
  KeyMap<std::uint32_t> muni_by_code;
  KeyMap<std::uint32_t> muni_by_full;  // canonical 都道府県名 + '/' + 市区町村名
  std::vector<Block> blocks;           // sorted by key, one per key
  KeyMap<Block> odd_blocks;            // 街区符号 that are not plain numbers: town/小字/code
  std::vector<std::string> pref_keys;
  std::uint32_t order = 0;

  Impl() {
    for (std::string_view p : kPrefectures) pref_keys.push_back(canonical(p));
  }

  void add_name(std::string key, std::uint32_t m) {
    if (key.empty()) return;
    max_muni_key = std::max(max_muni_key, key.size());
    auto& v = muni_by_name[std::move(key)];
    if (std::find(v.begin(), v.end(), m) == v.end()) v.push_back(m);
  }

  // One table's text in canonical form, each string once (a 街区 file repeats its names on
  // a million rows), and the municipalities and towns its rows name.
  struct TableCache {
    const AddressTable& tb;
    std::vector<std::optional<std::string>> keys;
    std::unordered_map<std::uint64_t, std::uint32_t> muni, town;
    explicit TableCache(const AddressTable& t) : tb(t), keys(t.text.size()) {}
    const std::string& key(std::uint32_t i) {
      if (!keys.at(i)) keys[i] = canonical(tb.str(i));
      return *keys[i];
    }
  };

  std::uint32_t muni_for(TableCache& c, const AddressTable::Row& r) {
    const std::uint64_t id = (static_cast<std::uint64_t>(r.prefecture) << 32) | r.municipality;
    if (r.municipality_code.empty())
      if (auto it = c.muni.find(id); it != c.muni.end()) return it->second;
    const std::uint32_t m = muni_for(c.tb.str(r.prefecture), c.key(r.prefecture), c.tb.str(r.municipality),
                                     c.key(r.municipality), r.municipality_code);
    if (r.municipality_code.empty()) c.muni.emplace(id, m);
    return m;
  }

  std::uint32_t muni_for(const std::string& pref, const std::string& pref_key, const std::string& name,
                         const std::string& name_key, const std::string& code) {
    if (!code.empty())
      if (auto it = muni_by_code.find(code); it != muni_by_code.end()) return it->second;
    const std::string full = pref_key + "/" + name_key;
    if (auto it = muni_by_full.find(full); it != muni_by_full.end()) {
      if (!code.empty() && munis[it->second].code.empty()) {
        munis[it->second].code = code;
        muni_by_code.emplace(code, it->second);
      }
      return it->second;
    }
    const auto m = static_cast<std::uint32_t>(munis.size());
    munis.push_back({pref, name, code, pref_key, {}, 0, {}, false});
    muni_by_full.emplace(full, m);
    if (!code.empty()) muni_by_code.emplace(code, m);
    add_name(name_key, m);
    // 有田郡有田川町 is written 有田川町 too; 札幌市中央区 (a ward) sometimes 中央区.
    for (std::string_view mark : {std::string_view("郡"), std::string_view("市")})
      if (const auto p = name_key.find(mark); p != std::string::npos && p > 0 && p + mark.size() < name_key.size()) {
        const std::string rest = name_key.substr(p + mark.size());
        if (mark == "郡" || rest.ends_with("区")) add_name(rest, m);
      }
    return m;
  }

  std::uint32_t town_for(TableCache& c, std::uint32_t m, std::uint32_t name, AddressLevel level) {
    const std::uint64_t id = (static_cast<std::uint64_t>(m) << 32) | name;
    if (auto it = c.town.find(id); it != c.town.end()) return it->second;
    const std::string key(without_aza_prefix(c.key(name)));
    Muni& mu = munis[m];
    std::uint32_t t = 0;
    if (auto it = mu.towns.find(key); it != mu.towns.end()) {
      t = it->second;
    } else {
      t = static_cast<std::uint32_t>(towns.size());
      Town tw;
      tw.name = c.tb.str(name);
      tw.muni = m;
      tw.level = level;
      towns.push_back(std::move(tw));
      mu.max_town_key = std::max(mu.max_town_key, key.size());
      mu.towns.emplace(key, t);
    }
    c.town.emplace(id, t);
    return t;
  }

  void add_town_row(TableCache& c, const AddressTable::Row& r) {
    const std::uint32_t m = muni_for(c, r);
    Town& tw = towns[town_for(c, m, r.town, r.level)];
    if (tw.has_point) return;  // the first row of a name wins
    tw.point = r.point;
    tw.has_point = true;
    tw.level = r.level;
  }

  std::uint32_t koaza_for(TableCache& c, Town& tw, std::uint32_t name) {
    if (name == 0) return 0;
    const std::string key(without_aza_prefix(c.key(name)));
    for (std::size_t i = 0; i < tw.koaza_keys.size(); ++i)
      if (tw.koaza_keys[i] == key) return static_cast<std::uint32_t>(i + 1);
    tw.koaza_keys.push_back(key);
    tw.koaza_names.push_back(c.tb.str(name));
    return static_cast<std::uint32_t>(tw.koaza_keys.size());
  }

  void add_block_row(TableCache& c, const AddressTable::Row& r) {
    const std::uint32_t m = muni_for(c, r);
    const bool chome = c.tb.str(r.town).ends_with("丁目");
    const std::uint32_t t = town_for(c, m, r.town, chome ? AddressLevel::chome : AddressLevel::oaza);
    Town& tw = towns[t];
    tw.sum_lon += r.point.lon;
    tw.sum_lat += r.point.lat;
    ++tw.block_count;
    const std::uint32_t koaza = koaza_for(c, tw, r.koaza);
    // Most codes are plain numbers: no ICU for them.
    const bool plain = !r.block.empty() && std::all_of(r.block.begin(), r.block.end(), digit);
    const std::string code = plain ? r.block : canonical(r.block);
    std::size_t len = 0;
    const auto number = leading_number(code, len);
    Block b{0, r.point, r.representative, r.residential, order++};
    if (number && len == code.size() && koaza <= kMaxKoaza) {
      b.key = (static_cast<std::uint64_t>(t) << 32) | (static_cast<std::uint64_t>(koaza) << 20) | *number;
      blocks.push_back(b);
      return;
    }
    auto [it, inserted] = odd_blocks.try_emplace(odd_key(t, koaza, code), b);
    if (!inserted && r.representative && !it->second.representative) it->second = b;
  }

  static std::string odd_key(std::uint32_t t, std::uint32_t koaza, std::string_view code) {
    return std::to_string(t) + "/" + std::to_string(koaza) + "/" + std::string(code);
  }

  void finish() {
    std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) {
      if (a.key != b.key) return a.key < b.key;
      if (a.representative != b.representative) return a.representative;  // 代表 first
      return a.order < b.order;
    });
    blocks.erase(std::unique(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) { return a.key == b.key; }),
                 blocks.end());
    blocks.shrink_to_fit();
    for (Town& tw : towns)
      if (!tw.has_point && tw.block_count > 0) {
        tw.point = {tw.sum_lon / tw.block_count, tw.sum_lat / tw.block_count};
        tw.has_point = true;
      }
    place_municipalities();
  }

  // Each municipality at the town point nearest the mean of its towns: a place where
  // people live, not the middle of a lake or a mountain.
  void place_municipalities() {
    std::vector<double> sum_lon(munis.size()), sum_lat(munis.size());
    std::vector<std::uint32_t> n(munis.size());
    for (const Town& tw : towns)
      if (tw.has_point) {
        sum_lon[tw.muni] += tw.point.lon;
        sum_lat[tw.muni] += tw.point.lat;
        ++n[tw.muni];
      }
    std::vector<double> best(munis.size(), std::numeric_limits<double>::infinity());
    for (const Town& tw : towns) {
      if (!tw.has_point) continue;
      const LonLat mean{sum_lon[tw.muni] / n[tw.muni], sum_lat[tw.muni] / n[tw.muni]};
      const double d = ground_distance_m(mean, tw.point);
      if (d < best[tw.muni]) {
        best[tw.muni] = d;
        munis[tw.muni].point = tw.point;
        munis[tw.muni].has_point = true;
      }
    }
  }

  // Of the municipalities a name fits, the address's: the facility's own code, else the one
  // in the prefecture the address (or the code) names; kNone when that leaves not exactly one.
  std::uint32_t choose(const std::vector<std::uint32_t>& cands, const std::string* pref_key,
                       std::string_view code) const {
    for (std::uint32_t c : cands)
      if (!code.empty() && munis[c].code == code) return c;
    std::uint32_t pick = kNone;
    std::size_t n = 0;
    for (std::uint32_t c : cands) {
      const Muni& mu = munis[c];
      const bool fits = pref_key                ? mu.pref_key == *pref_key
                        : code.size() >= 2 && mu.code.size() >= 2 ? mu.code.compare(0, 2, code, 0, 2) == 0
                                                                  : true;
      if (fits) {
        pick = c;
        ++n;
      }
    }
    return n == 1 ? pick : kNone;
  }

  const Block* find_block(std::uint32_t t, std::uint32_t koaza, std::uint32_t number) const {
    const std::uint64_t key = (static_cast<std::uint64_t>(t) << 32) | (static_cast<std::uint64_t>(koaza) << 20) | number;
    auto it = std::lower_bound(blocks.begin(), blocks.end(), key, [](const Block& b, std::uint64_t k) { return b.key < k; });
    return it != blocks.end() && it->key == key ? &*it : nullptr;
  }

  // The block `number` of town `t`: in the 小字 given, else without one, else in the one
  // 小字 that has it (when only one does).
  const Block* block_of(std::uint32_t t, std::uint32_t& koaza, std::uint32_t number) const {
    if (const Block* b = find_block(t, koaza, number)) return b;
    if (koaza != 0) {
      koaza = 0;
      return find_block(t, 0, number);
    }
    const Block* hit = nullptr;
    for (std::uint32_t k = 1; k <= towns[t].koaza_keys.size() && k <= kMaxKoaza; ++k)
      if (const Block* b = find_block(t, k, number)) {
        if (hit) return nullptr;  // in two 小字: ambiguous
        hit = b;
        koaza = k;
      }
    return hit;
  }

  std::optional<Found> match(std::string_view address, std::string_view code) const;
  std::uint32_t municipality_of(std::string_view& rest, std::string_view code) const;
  std::uint32_t town_of(const Muni& mu, std::string_view& rest) const;
};

std::uint32_t AddressIndex::Impl::municipality_of(std::string_view& rest, std::string_view code) const {
  const std::string* pref = nullptr;
  for (const std::string& p : pref_keys)
    if (drop(rest, p)) {
      pref = &p;
      break;
    }
  for (std::size_t len = std::min(max_muni_key, rest.size()); len > 0; --len) {
    if (!boundary(rest, len)) continue;
    auto it = muni_by_name.find(rest.substr(0, len));
    if (it == muni_by_name.end()) continue;
    if (const std::uint32_t m = choose(it->second, pref, code); m != kNone) {
      rest.remove_prefix(len);
      return m;
    }
  }
  // The address names no municipality the index knows: the facility's code says which.
  if (auto it = muni_by_code.find(code); it != muni_by_code.end())
    if (!pref || munis[it->second].pref_key == *pref) return it->second;
  return kNone;
}

std::uint32_t AddressIndex::Impl::town_of(const Muni& mu, std::string_view& rest) const {
  std::string_view r = rest;
  if (!drop(r, "大字")) drop(r, "字");
  std::size_t used = 0;
  const std::uint32_t* t = longest_prefix(mu.towns, mu.max_town_key, r, used);
  std::uint32_t town = t ? *t : kNone;
  // 本町2-28-7: the 2 is 本町二丁目's, when that 丁目 exists.
  const std::size_t d = std::find_if(r.begin(), r.end(), digit) - r.begin();
  if (d < r.size() && d > 0 && d >= used) {
    std::size_t e = d;
    while (e < r.size() && digit(r[e])) ++e;
    if (e == r.size() || r[e] == '-') {
      std::string key(r.substr(0, e));
      key += "丁目";
      if (auto it = mu.towns.find(key); it != mu.towns.end()) {
        town = it->second;
        used = e + (e < r.size() ? 1 : 0);
      }
    }
  }
  if (town != kNone) rest = r.substr(used);
  return town;
}

std::optional<Found> AddressIndex::Impl::match(std::string_view address, std::string_view code) const {
  const std::string s = canonical(address);
  std::string_view rest = s;
  drop(rest, "〒");
  if (rest.size() >= 8 && digit(rest[0]) && rest[3] == '-' && digit(rest[4])) rest.remove_prefix(8);  // 〒123-4567
  const std::uint32_t m = municipality_of(rest, code);
  if (m == kNone) return std::nullopt;
  const Muni& mu = munis[m];
  Found f;
  f.municipality_code = mu.code;
  f.municipality = mu.name;
  f.text = mu.prefecture + mu.name;
  const std::uint32_t t = town_of(mu, rest);
  if (t == kNone || !towns[t].has_point) {
    if (!mu.has_point) return std::nullopt;
    f.level = AddressLevel::municipality;
    f.point = mu.point;
    return f;
  }
  const Town& tw = towns[t];
  f.level = tw.level;
  f.point = tw.point;
  f.text += tw.name;
  std::uint32_t koaza = 0;
  if (!tw.koaza_keys.empty()) {
    std::string_view q = rest;
    if (!drop(q, "小字")) drop(q, "字");
    std::size_t best = 0;
    for (std::size_t i = 0; i < tw.koaza_keys.size(); ++i)
      if (tw.koaza_keys[i].size() > best && q.starts_with(tw.koaza_keys[i])) {
        best = tw.koaza_keys[i].size();
        koaza = static_cast<std::uint32_t>(i + 1);
      }
    if (koaza) rest = q.substr(best);
  }
  while (!rest.empty() && rest.front() == '-') rest.remove_prefix(1);
  std::size_t len = 0;
  const Block* b = nullptr;
  std::string shown;
  if (const auto number = leading_number(rest, len)) {
    b = block_of(t, koaza, *number);
    shown = std::to_string(*number);
  } else if (!odd_blocks.empty()) {
    // 甲12, イ: a code that is not a number, up to the next dash or 番.
    const std::string_view token = rest.substr(0, std::min(rest.find('-'), rest.find("番")));
    if (auto it = odd_blocks.find(odd_key(t, koaza, token)); it != odd_blocks.end()) {
      b = &it->second;
      shown = token;
    }
  }
  if (b) {
    f.level = AddressLevel::block;
    f.point = b->point;
    if (koaza) f.text += "字" + tw.koaza_names[koaza - 1];
    f.text += shown + (b->residential ? "番" : "番地");
  }
  return f;
}

AddressIndex::AddressIndex(const std::vector<AddressTable>& tables) : impl_(std::make_unique<Impl>()) {
  // 大字・町丁目 tables first: their codes name the municipalities that 街区 rows name in words.
  for (const AddressTable& tb : tables) {
    Impl::TableCache c(tb);
    for (const auto& r : tb.rows)
      if (r.level != AddressLevel::block) impl_->add_town_row(c, r);
  }
  for (const AddressTable& tb : tables) {
    Impl::TableCache c(tb);
    for (const auto& r : tb.rows)
      if (r.level == AddressLevel::block) impl_->add_block_row(c, r);
  }
  impl_->finish();
}
AddressIndex::~AddressIndex() = default;
AddressIndex::AddressIndex(AddressIndex&&) noexcept = default;
AddressIndex& AddressIndex::operator=(AddressIndex&&) noexcept = default;

std::optional<Found> AddressIndex::match(std::string_view address, std::string_view municipality_code) const {
  return impl_->match(address, municipality_code);
}
std::size_t AddressIndex::municipalities() const { return impl_->munis.size(); }
std::size_t AddressIndex::towns() const { return impl_->towns.size(); }
std::size_t AddressIndex::blocks() const { return impl_->blocks.size() + impl_->odd_blocks.size(); }

}  // namespace careatlas::address
