#pragma once
// Text handling for Japanese open data: encoding detection and conversion (UTF-8,
// UTF-8 with BOM, CP932), Unicode normalisation for matching names, and CP932 checks.
// Everything returned is UTF-8. ICU does the work (converters "windows-31j" and NFKC).
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace careatlas::text {

enum class Encoding { utf8, utf8_bom, cp932 };
std::string_view to_string(Encoding e);  // "UTF-8", "UTF-8 (BOM)", "CP932"
// "auto" → nullopt; "utf-8"/"utf8" → utf8; "cp932"/"shift_jis"/"sjis"/"windows-31j" → cp932.
// Throws std::invalid_argument for anything else.
std::optional<Encoding> parse_encoding_option(std::string_view s);

// Guess the encoding: a UTF-8 BOM wins; else valid UTF-8; else CP932 if the bytes decode
// as CP932; else nullopt (not text in a supported encoding).
std::optional<Encoding> detect_encoding(std::string_view bytes);
// The same; when the answer is CP932, `cp932_text` receives the text decoded on the way
// (detection has to decode it all: a caller that wants the text need not decode twice).
std::optional<Encoding> detect_encoding(std::string_view bytes, std::optional<std::string>& cp932_text);

// True when the bytes look binary: a NUL byte, or more than 1 % control characters
// other than TAB/CR/LF/FF in the first 64 KiB.
bool looks_binary(std::string_view bytes);

// Decode to UTF-8 (BOM removed). On invalid input returns nullopt and sets `bad_offset`
// to the byte offset of the first invalid sequence.
std::optional<std::string> decode(std::string_view bytes, Encoding enc, std::size_t* bad_offset = nullptr);
bool is_valid_utf8(std::string_view s, std::size_t* bad_offset = nullptr);
// True when every byte is below 0x80. ASCII text is NFKC-invariant and CP932-encodable.
bool is_ascii(std::string_view s);

// NFKC: full-width ASCII → half-width, half-width katakana → full-width, U+3000 → space.
std::string nfkc(std::string_view utf8);
// Key for matching column names and addresses: NFKC, all white space removed, ASCII
// lower-cased, and the dash family (‐‒–—―−－ー) folded to '-' so that addresses written
// 1-2-3, １－２－３ and 1ー2ー3 compare equal (applied to both sides of a comparison).
std::string normalize_key(std::string_view utf8);
// Trim ASCII white space and U+3000 at both ends.
std::string trim(std::string_view utf8);

// Every occurrence of each `from` replaced by its `to`, in one pass from the left (where
// several match at one place, the first listed wins; replacements are not searched
// again). Linear in the text: replacing in place moved the rest of a long text at every
// match. `from` must not be empty.
struct Replacement {
  std::string_view from, to;
};
std::string replace_all(std::string_view utf8, std::initializer_list<Replacement> replacements);

// True when every character can be written in CP932 (Windows Shift_JIS, best-fit
// mappings allowed as Windows does). On false, `offender` gets the first character
// that cannot be written.
bool is_cp932_encodable(std::string_view utf8, std::string* offender = nullptr);

// Encode UTF-8 as CP932 (for writing survey-style fixtures); nullopt if impossible.
std::optional<std::string> encode_cp932(std::string_view utf8);

}  // namespace careatlas::text
