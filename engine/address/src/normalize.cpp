#include "careatlas/address/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace careatlas::address {

namespace {

constexpr std::u32string_view kNumeralChars = U"〇一二三四五六七八九十百千";

int digit_value(char32_t c) {
  constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  const auto i = kDigits.find(c);
  return i == std::u32string_view::npos ? -1 : static_cast<int>(i);
}

bool is_numeral(char32_t c) { return kNumeralChars.find(c) != std::u32string_view::npos; }
bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// What may follow a number in an address: a kanji numeral before one of these is a number.
constexpr std::u32string_view kMarkers[] = {U"丁目", U"丁", U"番地", U"番町", U"番", U"号", U"条", U"線", U"地割"};

bool marker_at(const std::u32string& s, std::size_t i) {
  for (std::u32string_view m : kMarkers)
    if (s.compare(i, m.size(), m) == 0) return true;
  return false;
}

// One character's fold (after NFKC), or 0 to drop it.
char32_t fold(char32_t c, char32_t previous) {
  switch (c) {
    case U' ': case U'\t': case U'\r': case U'\n': case U'\u3000': case U'\u00A0': return 0;
    case U'\u2010': case U'\u2011': case U'\u2012': case U'\u2013': case U'\u2014': case U'\u2015':
    case U'\u2212': case U'\u2500': case U'\u2501': case U'\uFE63': case U'\uFF0D': return U'-';
    case U'\u30FC': return is_ascii_digit(previous) ? U'-' : c;  // ー: a dash after a digit only
    case U'ヶ': case U'ヵ': case U'が': return U'ケ';
    case U'之': case U'の': return U'ノ';
    case U'\uFA11': return U'崎';  // 﨑 (a unified compatibility ideograph: NFKC keeps it)
    case U'髙': return U'高';
    case U'濵': case U'濱': return U'浜';
    case U'邊': case U'邉': return U'辺';
    case U'舘': return U'館';
    case U'德': return U'徳';
    case U'惠': return U'恵';
    case U'櫻': return U'桜';
    case U'澤': return U'沢';
    case U'齋': case U'齊': return U'斎';
    case U'嶋': return U'島';
    case U'冨': return U'富';
    case U'淵': return U'渕';
    case U'檜': return U'桧';
    default: return c;
  }
}

std::u32string nfkc32(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU: NFKC normaliser unavailable");
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString out = n->normalize(in, err);
  const icu::UnicodeString& u = U_FAILURE(err) ? in : out;
  std::u32string s;
  s.reserve(static_cast<std::size_t>(u.length()));
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    s.push_back(static_cast<char32_t>(c));
    i = u.moveIndex32(i, 1);
  }
  return s;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::optional<int> kanji_number(std::u32string_view s) {
  if (s.empty() || s.size() > 8) return std::nullopt;
  const bool positional = s.find_first_of(U"十百千") != std::u32string_view::npos;
  int total = 0, current = -1;
  for (char32_t c : s) {
    const int d = digit_value(c);
    if (d >= 0) {
      if (positional) {
        if (current >= 0) return std::nullopt;  // 二三十: not a numeral
        current = d;
      } else {
        total = total * 10 + d;
      }
      continue;
    }
    const int unit = c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0;
    if (unit == 0) return std::nullopt;
    total += (current < 0 ? 1 : current) * unit;
    current = -1;
  }
  if (positional && current >= 0) total += current;
  if (total > 9999) return std::nullopt;
  return total;
}

std::string canonical(std::string_view utf8) {
  const std::u32string in = nfkc32(utf8);
  std::u32string folded;
  folded.reserve(in.size());
  for (char32_t c : in)
    if (const char32_t f = fold(c, folded.empty() ? 0 : folded.back())) folded.push_back(f);
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < folded.size();) {
    if (is_numeral(folded[i])) {
      std::size_t j = i;
      while (j < folded.size() && is_numeral(folded[j])) ++j;
      if (marker_at(folded, j))
        if (const auto v = kanji_number(std::u32string_view(folded).substr(i, j - i))) {
          out += std::to_string(*v);
          i = j;
          continue;
        }
      for (; i < j; ++i) append_utf8(out, folded[i]);
      continue;
    }
    append_utf8(out, folded[i++]);
  }
  return out;
}

std::string_view without_aza_prefix(std::string_view s) {
  constexpr std::string_view kOaza = "大字", kAza = "字";
  if (s.starts_with(kOaza) && s.size() > kOaza.size()) return s.substr(kOaza.size());
  if (s.starts_with(kAza) && s.size() > kAza.size()) return s.substr(kAza.size());
  return s;
}

}  // namespace careatlas::address
