#include "careatlas/importers/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace careatlas::text {

namespace {
constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_cp932(bool fallback) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open("windows-31j", &err));
  if (U_FAILURE(err) || !c) throw std::runtime_error("ICU: cannot open the windows-31j converter");
  ucnv_setToUCallBack(c.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  ucnv_setFromUCallBack(c.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  ucnv_setFallback(c.get(), fallback ? 1 : 0);
  if (U_FAILURE(err)) throw std::runtime_error("ICU: cannot configure the windows-31j converter");
  return c;
}

std::optional<std::string> decode_cp932(std::string_view bytes, std::size_t* bad_offset) {
  auto cnv = open_cp932(false);
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  const char* src = bytes.data();
  const char* const end = bytes.data() + bytes.size();
  UChar buf[4096];
  while (true) {
    UErrorCode err = U_ZERO_ERROR;
    UChar* target = buf;
    const char* before = src;
    ucnv_toUnicode(cnv.get(), &target, buf + 4096, &src, end, nullptr, /*flush=*/true, &err);
    // ICU's windows-31j is IBM-943, which permutes three control codes (0x1A → U+001C,
    // 0x1C → U+007F, 0x7F → U+001A). Windows maps them to themselves; so do we, so that
    // the DOS end-of-file mark 0x1A at the end of e-Stat files stays U+001A.
    for (UChar* q = buf; q < target; ++q) {
      if (*q == 0x001C) *q = 0x001A;
      else if (*q == 0x007F) *q = 0x001C;
      else if (*q == 0x001A) *q = 0x007F;
    }
    icu::UnicodeString(buf, static_cast<int32_t>(target - buf)).toUTF8String(out);
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) {
      if (bad_offset) {
        // The converter has consumed the bad sequence; point at its start.
        char errbytes[8];
        int8_t n = sizeof errbytes;
        UErrorCode e2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cnv.get(), errbytes, &n, &e2);
        *bad_offset = static_cast<std::size_t>(src - bytes.data()) - static_cast<std::size_t>(std::max<int8_t>(n, 0));
      }
      return std::nullopt;
    }
    (void)before;
    break;
  }
  return out;
}
// The CP932 encoder with Windows best-fit mappings, one per thread.
UConverter* encoder() {
  thread_local ConverterPtr cnv = open_cp932(true);
  return cnv.get();
}

}  // namespace

std::string_view to_string(Encoding e) {
  switch (e) {
    case Encoding::utf8: return "UTF-8";
    case Encoding::utf8_bom: return "UTF-8 (BOM)";
    case Encoding::cp932: return "CP932";
  }
  return "?";
}

std::optional<Encoding> parse_encoding_option(std::string_view s) {
  std::string k;
  for (char c : s) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (k.empty() || k == "auto") return std::nullopt;
  if (k == "utf-8" || k == "utf8") return Encoding::utf8;
  if (k == "utf-8-sig" || k == "utf-8-bom") return Encoding::utf8_bom;
  if (k == "cp932" || k == "shift_jis" || k == "shift-jis" || k == "sjis" || k == "windows-31j" || k == "ms932")
    return Encoding::cp932;
  throw std::invalid_argument("unknown encoding \"" + std::string(s) +
                              "\" (use auto, utf-8 or cp932)");
}

namespace {
// The first ill-formed sequence, byte by byte (ICU's U8_NEXT); only run on failure.
std::size_t first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return s.size();
}

}  // namespace

bool is_ascii(std::string_view s) {
  // Eight bytes at a time: most fields are short ASCII (codes, numbers, IDs).
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; n > 0; ++p, --n)
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
  return true;
}

bool is_valid_utf8(std::string_view s, std::size_t* bad_offset) {
  // simdjson validates whole files at several GB/s (the same well-formedness rules as
  // ICU's U8_NEXT: no overlongs, surrogates or code points above U+10FFFF); the byte
  // loop only runs to locate the first bad sequence for the diagnostic.
  if (simdjson::validate_utf8(s.data(), s.size())) return true;
  const std::size_t bad = first_invalid_utf8(s);
  if (bad == s.size()) return true;  // cannot happen: both follow the Unicode standard
  if (bad_offset) *bad_offset = bad;
  return false;
}

bool looks_binary(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 64 * 1024);
  std::size_t control = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') ++control;
  }
  return n > 0 && control * 100 > n;
}

std::optional<Encoding> detect_encoding(std::string_view bytes) {
  std::optional<std::string> unused;
  return detect_encoding(bytes, unused);
}

std::optional<Encoding> detect_encoding(std::string_view bytes, std::optional<std::string>& cp932_text) {
  if (bytes.starts_with(kBom)) return Encoding::utf8_bom;
  if (is_valid_utf8(bytes)) return Encoding::utf8;
  cp932_text = decode_cp932(bytes, nullptr);
  if (cp932_text) return Encoding::cp932;
  return std::nullopt;
}

std::optional<std::string> decode(std::string_view bytes, Encoding enc, std::size_t* bad_offset) {
  switch (enc) {
    case Encoding::utf8:
    case Encoding::utf8_bom: {
      std::string_view body = bytes;
      std::size_t shift = 0;
      if (body.starts_with(kBom)) { body.remove_prefix(kBom.size()); shift = kBom.size(); }
      std::size_t off = 0;
      if (!is_valid_utf8(body, &off)) {
        if (bad_offset) *bad_offset = off + shift;
        return std::nullopt;
      }
      return std::string(body);
    }
    case Encoding::cp932: return decode_cp932(bytes, bad_offset);
  }
  return std::nullopt;
}

std::string nfkc(std::string_view utf8) {
  // ASCII is NFKC-invariant: numbers, codes and IDs (most fields) skip ICU entirely.
  if (is_ascii(utf8)) return std::string(utf8);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU: NFKC normaliser unavailable");
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out = n->normalize(in, err);
  if (U_FAILURE(err)) return std::string(utf8);
  std::string s;
  out.toUTF8String(s);
  return s;
}

std::string replace_all(std::string_view s, std::initializer_list<Replacement> replacements) {
  std::array<bool, 256> starts{};  // bytes a `from` begins with
  for (const Replacement& r : replacements) starts[static_cast<unsigned char>(r.from.front())] = true;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    // Copy up to the next byte a replacement could begin at, in one go.
    std::size_t j = i;
    while (j < s.size() && !starts[static_cast<unsigned char>(s[j])]) ++j;
    out.append(s, i, j - i);
    if ((i = j) == s.size()) break;
    const Replacement* hit = nullptr;
    for (const Replacement& r : replacements)
      if (s.substr(i).starts_with(r.from)) {
        hit = &r;
        break;
      }
    out += hit ? hit->to : s.substr(i, 1);
    i += hit ? hit->from.size() : 1;
  }
  return out;
}

std::string trim(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) { s.remove_prefix(1); changed = true; }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) { s.remove_suffix(1); changed = true; }
    if (s.starts_with(kIdeographicSpace)) { s.remove_prefix(3); changed = true; }
    if (s.ends_with(kIdeographicSpace)) { s.remove_suffix(3); changed = true; }
  }
  return std::string(s);
}

std::string normalize_key(std::string_view utf8) {
  const std::string n = nfkc(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(n);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) continue;
    UChar32 d = c;
    // Dash family → '-' (addresses are written 1-2-3, １－２－３, 1‐2‐3, 1ー2ー3 …).
    if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 ||
        c == 0x2212 || c == 0xFF0D || c == 0x30FC || c == 0xFF70 || c == 0x2500)
      d = '-';
    if (d >= 'A' && d <= 'Z') d = d - 'A' + 'a';
    out.append(d);
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

namespace {

// One character through the encoder on its own: the test that decides encodability.
bool char_cp932_encodable(UConverter* cnv, UChar32 c) {
  UChar units[2];
  int32_t nunits = 0;
  U16_APPEND_UNSAFE(units, nunits, c);
  char out[8];
  UErrorCode err = U_ZERO_ERROR;
  ucnv_reset(cnv);
  ucnv_fromUChars(cnv, out, sizeof out, units, nunits, &err);
  return !U_FAILURE(err);
}

// True when every character of valid UTF-8 text passes char_cp932_encodable(), answered
// from a per-thread memo of BMP characters (names repeat the same few thousand kana and
// kanji); false when one fails, or is outside the BMP, or the text is not UTF-8.
bool every_char_known_encodable(std::string_view utf8) {
  enum : std::uint8_t { unknown = 0, yes = 1, no = 2 };
  thread_local std::vector<std::uint8_t> memo;
  if (memo.empty()) memo.resize(0x10000, unknown);
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || c > 0xFFFF) return false;
    if (c < 0x80) continue;
    std::uint8_t& known = memo[static_cast<std::size_t>(c)];
    if (known == unknown) known = char_cp932_encodable(encoder(), c) ? yes : no;
    if (known == no) return false;
  }
  return true;
}

}  // namespace

bool is_cp932_encodable(std::string_view utf8, std::string* offender) {
  if (is_ascii(utf8)) return true;  // ASCII: always
  // The answer below is true whenever every character passes on its own (the loop at the
  // end decides), so a text of characters already seen to pass needs no conversion.
  if (every_char_known_encodable(utf8)) return true;
  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UConverter* cnv = encoder();  // one per thread, reused (opening costs more than a check)
  char buf[1024];
  UErrorCode err = U_ZERO_ERROR;
  ucnv_reset(cnv);
  ucnv_fromUChars(cnv, buf, sizeof buf, u.getBuffer(), u.length(), &err);
  if (U_SUCCESS(err) || err == U_BUFFER_OVERFLOW_ERROR) {
    if (err != U_BUFFER_OVERFLOW_ERROR) return true;
  }
  // Failed (or too long for the buffer): find the first character CP932 cannot write.
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80) continue;
    if (!char_cp932_encodable(cnv, c)) {
      if (offender) {
        offender->clear();
        icu::UnicodeString(c).toUTF8String(*offender);
      }
      return false;
    }
  }
  return true;
}

std::optional<std::string> encode_cp932(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  auto cnv = open_cp932(true);
  UErrorCode err = U_ZERO_ERROR;
  std::string out(static_cast<std::size_t>(u.length()) * 2 + 16, '\0');
  const int32_t n = ucnv_fromUChars(cnv.get(), out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &err);
  if (U_FAILURE(err)) return std::nullopt;
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace careatlas::text
