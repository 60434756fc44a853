#include "careatlas/model/project_area.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace careatlas {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int as_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// The 20 designated cities (政令指定都市) and the codes of their wards: a city's wards
// are numbered from its own code + 1, and the next designated city of a prefecture comes
// at least 30 codes later (横浜 14100 → 14101–14118, 川崎 14130; 大阪 27100 → 27102–27128,
// 堺 27140), so a ward is a code within 29 above its city's.
constexpr std::array<int, 20> kDesignatedCities = {1100,  4100,  11100, 12100, 14100, 14130, 14150,
                                                   15100, 22100, 22130, 23100, 26100, 27100, 27140,
                                                   28100, 33100, 34100, 40100, 40130, 43100};
constexpr int kMaxWardOffset = 29;

// Ward codes of a designated city: above its own code, below the next designated city's
// (相模原 14150 is 20 codes above 川崎 14130), and at most kMaxWardOffset above it.
bool is_ward_of(int code, int city) {
  int limit = city + kMaxWardOffset;
  for (const int other : kDesignatedCities)
    if (other > city) limit = std::min(limit, other - 1);
  return code > city && code <= limit;
}

bool valid_prefecture(std::string_view two) { return as_int(two) >= 1 && as_int(two) <= 47; }

}  // namespace

int municipality_check_digit(std::string_view s) {
  if (s.size() != 5 || !all_digits(s)) return -1;
  const int sum = (s[0] - '0') * 6 + (s[1] - '0') * 5 + (s[2] - '0') * 4 + (s[3] - '0') * 3 + (s[4] - '0') * 2;
  const int r = sum % 11;
  return r == 0 ? 1 : (11 - r) % 10;  // 11 − r, with 10 → 0 and 11 → 1
}

AreaCodes::AreaCodes(const std::vector<std::string>& codes) {
  for (const std::string& raw : codes) {
    std::string_view c = raw;
    if (!all_digits(c))
      throw std::invalid_argument("area code \"" + raw + "\" is not a number: give 2-digit prefecture or 5-digit municipality codes");
    std::string code;
    // A prefecture is 01–47; a municipality's first two digits are not checked beyond 00
    // (fictional test towns use 99).
    if ((c.size() == 2 && !valid_prefecture(c)) || ((c.size() == 5 || c.size() == 6) && c.starts_with("00")))
      throw std::invalid_argument("area code \"" + raw + "\" does not begin with a prefecture code (01–47)");
    if (c.size() == 2) {
      code = raw;
    } else if (c.size() == 5) {
      code = raw;
    } else if (c.size() == 6) {
      const int want = municipality_check_digit(c.substr(0, 5));
      if (c[5] - '0' != want)
        throw std::invalid_argument("area code \"" + raw + "\" has the check digit " + std::string(1, c[5]) + "; " +
                                    std::string(c.substr(0, 5)) + " has " + std::to_string(want) +
                                    " (give the 5-digit code to leave it out)");
      code = std::string(c.substr(0, 5));
    } else {
      throw std::invalid_argument("area code \"" + raw + "\" has " + std::to_string(c.size()) +
                                  " digits: give 2-digit prefecture or 5-digit municipality codes (6 with the check digit)");
    }
    if (code.size() == 5 && code.ends_with("000")) code.resize(2);  // 27000 (270008): the prefecture 27
    if (std::find(codes_.begin(), codes_.end(), code) == codes_.end()) codes_.push_back(std::move(code));
  }
}

bool AreaCodes::contains(std::string_view m) const {
  if (m.size() == 6) m = m.substr(0, 5);
  if (m.size() != 5 || !all_digits(m)) return false;
  const int code = as_int(m);
  for (const std::string& c : codes_) {
    if (c.size() == 2) {
      if (m.starts_with(c)) return true;
      continue;
    }
    if (c == m) return true;
    const int listed = as_int(c);
    if (std::find(kDesignatedCities.begin(), kDesignatedCities.end(), listed) != kDesignatedCities.end() &&
        is_ward_of(code, listed))
      return true;
  }
  return false;
}

std::string AreaCodes::describe() const {
  std::string s;
  for (const std::string& c : codes_) s += (s.empty() ? "" : "・") + c;
  return s;
}

}  // namespace careatlas
