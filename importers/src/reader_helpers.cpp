// What the per-format readers share (declared in session_state.hpp): decoding a text
// file, the header lookup, the row loop's accounting, coordinates by the import policy,
// the CP932 check and number parsing.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "session_state.hpp"

namespace careatlas {

// ---- helpers ---------------------------------------------------------------------------

std::string file_name_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string_view trim_ascii(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

namespace {

// The text a number is read from: NFKC (full-width digits １２３ → 123) and trimmed.
// ASCII text is NFKC-invariant, so the common case is a view into `s` and `buffer` is
// left alone; other text goes through ICU into `buffer`.
std::string_view number_text(std::string_view s, std::string& buffer) {
  if (text::is_ascii(s)) return trim_ascii(s);
  buffer = text::trim(text::nfkc(s));
  return buffer;
}

}  // namespace

std::optional<int> parse_int(std::string_view s) {
  std::string buffer;
  std::string_view t = number_text(s, buffer);
  // Tolerate thousands separators ("1,234") as Excel writes them.
  if (t.find(',') != std::string_view::npos) {
    std::string digits(t);
    std::erase(digits, ',');
    buffer = std::move(digits);
    t = buffer;
  }
  if (t.empty()) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view s) {
  std::string buffer;
  const std::string_view t = number_text(s, buffer);
  if (t.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

namespace {

// The whole file in one string, read in one go into a string sized from the file system
// (a stream copy through an ostringstream costs two extra copies and re-allocations of
// large files). What follows — all of it when the size is unknown (not a regular file),
// or when the one-go read fails — is copied through the stream as before, with the same
// outcome on odd paths (a directory reads as empty).
std::string read_bytes(std::ifstream& in, const std::string& path) {
  std::string bytes;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    try {
      bytes.resize(static_cast<std::size_t>(in.rdbuf()->sgetn(bytes.data(), static_cast<std::streamsize>(size))));
    } catch (const std::ios_base::failure&) {
      bytes.clear();
      in.rdbuf()->pubseekpos(0);
    }
  }
  std::ostringstream rest;
  rest << in.rdbuf();
  bytes += rest.str();
  return bytes;
}

// decode() for UTF-8, in place: the BOM (if any) removed, the rest validated (unless the
// caller knows it valid already). On invalid text returns false with `bad_offset` counted
// in the original bytes, as decode() does.
bool utf8_in_place(std::string& bytes, bool known_valid, std::size_t& bad_offset) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const std::size_t shift = std::string_view(bytes).starts_with(kBom) ? kBom.size() : 0;
  std::size_t off = 0;
  if (!known_valid && !text::is_valid_utf8(std::string_view(bytes).substr(shift), &off)) {
    bad_offset = off + shift;
    return false;
  }
  bytes.erase(0, shift);
  return true;
}

}  // namespace

TextFile load_text(FileContext& ctx, const InputSpec& spec) {
  std::ifstream in(spec.path, std::ios::binary);
  if (!in) ctx.fail(DiagCode::file_unreadable, 0, "", spec.path, "cannot open the file");
  std::string bytes = read_bytes(in, spec.path);
  if (in.bad()) ctx.fail(DiagCode::file_unreadable, 0, "", spec.path, "read error");
  if (bytes.empty() || bytes == "\xEF\xBB\xBF")
    ctx.fail(DiagCode::file_empty, 0, "", "", "the file is empty; expected a header line and data rows");
  if (text::looks_binary(bytes))
    ctx.fail(DiagCode::binary_content, 0, "", "",
             "the file holds binary data, not CSV text (is it a ZIP or Excel file? export it as CSV)");
  std::optional<text::Encoding> enc;
  try {
    enc = text::parse_encoding_option(spec.encoding);
  } catch (const std::invalid_argument& e) {
    throw config_error(spec.path + ": " + e.what());
  }
  auto line_of = [&bytes](std::size_t offset) {
    return 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  };
  bool validated = false;  // detection finds plain UTF-8 by validating all of it: not twice
  std::optional<std::string> utf8;  // and CP932 by decoding all of it: kept
  if (!enc) {
    enc = text::detect_encoding(bytes, utf8);
    validated = enc == text::Encoding::utf8;
  }
  if (!enc) {
    std::size_t bad = 0;
    text::is_valid_utf8(bytes, &bad);
    ctx.fail(DiagCode::encoding_invalid, line_of(bad), "", "byte offset " + std::to_string(bad),
             "the text is neither UTF-8 nor CP932 (Shift_JIS): the first byte that is not UTF-8 is on this line; "
             "fix it, save the file as UTF-8, or set encoding");
  }
  std::size_t bad = 0;
  if (utf8) {
    // CP932, decoded while it was detected.
  } else if (*enc == text::Encoding::cp932) {
    utf8 = text::decode(bytes, *enc, &bad);
  } else if (utf8_in_place(bytes, validated, bad)) {
    // UTF-8 needs no conversion: the bytes themselves become the text (as decode() would
    // return them, BOM removed), without copying a large file once more.
    utf8 = std::move(bytes);
  }
  if (!utf8) {
    ctx.fail(DiagCode::encoding_invalid, line_of(bad), "", "byte offset " + std::to_string(bad),
             "bytes are not valid " + std::string(text::to_string(*enc)));
  }
  ctx.report().encoding = std::string(text::to_string(*enc));
  return TextFile{std::move(*utf8), *enc};
}

Header::Header(std::vector<std::string> fields) : fields_(std::move(fields)) {
  for (auto& f : fields_) {
    f = text::trim(f);
    keys_.push_back(text::normalize_key(f));
  }
}

std::optional<std::size_t> Header::find(std::initializer_list<std::string_view> names) const {
  for (std::string_view n : names) {
    const std::string k = text::normalize_key(n);
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] == k) return i;
  }
  return std::nullopt;
}

Header read_header(csv::Reader& reader) {
  csv::Record head;
  reader.next(head);
  return Header(std::move(head.fields));
}

bool RowLoop::admit(const csv::Record& rec) {
  ++rep_.rows_read;
  if (rec.blank) {
    ++rep_.skipped;
    ctx_.diag(DiagCode::blank_line, rec.first_line, "", "", "blank line skipped");
    return false;
  }
  if (rec.unterminated_quote || (!rec.terminated && rec.fields.size() < field_count_)) {
    --rep_.rows_read;
    ctx_.fail(DiagCode::file_truncated, rec.first_line, "", "",
              rec.unterminated_quote
                  ? "the file ends inside a quoted field: it is truncated or a quote is unbalanced"
                  : "the last line is incomplete (" + std::to_string(rec.fields.size()) + " of " +
                        std::to_string(field_count_) + " fields, no line break): the file is truncated");
  }
  if (rec.fields.size() != field_count_) {
    ++rep_.rejected;
    std::string line_text;
    for (std::size_t i = 0; i < rec.fields.size(); ++i) line_text += (i ? "," : "") + rec.fields[i];
    ctx_.diag(DiagCode::field_count, rec.first_line, "", line_text,
              "row has " + std::to_string(rec.fields.size()) + " fields, the header has " +
                  std::to_string(field_count_) + " (an unquoted comma?); row rejected");
    return false;
  }
  ++data_rows_;
  return true;
}

void RowLoop::finish() {
  if (data_rows_ == 0)
    ctx_.diag(DiagCode::no_rows, 0, "", "", "the file has a header but no data rows; nothing imported from it");
}

std::optional<LonLat> resolve_location(FileContext& ctx, std::int64_t row, const std::string& lat_col,
                                       const std::string& lat_text, const std::string& lon_col,
                                       const std::string& lon_text) {
  // The value of a diagnostic; built only when one is reported.
  auto both = [&] { return lat_text + "," + lon_text; };
  // What becomes of a facility without a point: with 位置参照情報 its address may place it.
  const std::string unlocated = ctx.state().locator ? "no published point (its address is looked up)" : "kept as unlocated";
  if (lat_text.empty() || lon_text.empty()) {
    ctx.diag(DiagCode::coordinates_missing, row, lat_text.empty() ? lat_col : lon_col, both(),
             "coordinates are empty; " +
                 (ctx.state().locator ? unlocated : unlocated + " (listed in the booklet without a map marker)"));
    return std::nullopt;
  }
  auto lat = parse_double(lat_text);
  auto lon = parse_double(lon_text);
  if (!lat || !lon) {
    ctx.diag(DiagCode::coordinates_invalid, row, !lat ? lat_col : lon_col, both(),
             "coordinates are not numbers; " + unlocated);
    return std::nullopt;
  }
  if (std::abs(*lat) < 1e-9 && std::abs(*lon) < 1e-9) {
    ctx.diag(DiagCode::coordinates_zero, row, lat_col, both(),
             "coordinates are 0/0, the open data's mark for 'unknown'; " + unlocated);
    return std::nullopt;
  }
  LonLat p{*lon, *lat};
  if (in_japan(p)) return p;
  LonLat swapped{*lat, *lon};
  if (in_japan(swapped)) {
    ctx.diag(DiagCode::coordinates_swapped, row, lat_col, both(),
             "latitude and longitude are swapped (latitude " + lat_text + " is a longitude); swapped back");
    return swapped;
  }
  ctx.diag(DiagCode::coordinates_out_of_range, row, lat_col, both(),
           "coordinates lie outside Japan (lat 20–46, lon 122–154); " + unlocated);
  return std::nullopt;
}

void check_cp932(FileContext& ctx, const csv::Record& rec, const Header& header) {
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    std::string bad;
    if (!text::is_cp932_encodable(rec.fields[i], &bad)) {
      char cp[16];
      // First code point of the offender, for the message.
      std::uint32_t c = 0;
      {
        const auto* s = reinterpret_cast<const unsigned char*>(bad.data());
        if (!bad.empty()) {
          if (s[0] < 0x80) c = s[0];
          else if ((s[0] & 0xE0) == 0xC0) c = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
          else if ((s[0] & 0xF0) == 0xE0) c = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
          else c = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        }
      }
      std::snprintf(cp, sizeof cp, "U+%04X", static_cast<unsigned>(c));
      ctx.diag(DiagCode::not_cp932, rec.first_line, i < header.size() ? header.name(i) : "", rec.fields[i],
               "\"" + bad + "\" (" + cp + ") cannot be written in CP932 (Shift_JIS); kept as is, but Excel "
               "files saved as Shift_JIS and some printers will lose it");
    }
  }
}

}  // namespace careatlas
