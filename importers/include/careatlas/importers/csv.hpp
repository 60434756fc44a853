#pragma once
// RFC 4180 CSV records over decoded UTF-8 text, with physical line numbers.
//
// Line numbers are 1-based physical lines of the file (the header is line 1), the
// numbers a user sees in a text editor; a quoted field may span lines, so a record has
// a first and a last line. CR LF and LF both end a line. A blank line is returned as a
// record with `blank` set so that callers can count and report it. An unterminated
// quoted field at the end of the text marks the record `unterminated` (a truncated file).
// Lenient where real files are sloppy: a quote inside an unquoted field is kept as text.
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace careatlas::csv {

struct Record {
  std::vector<std::string> fields;
  std::int64_t first_line = 0;
  std::int64_t last_line = 0;
  bool blank = false;         // the physical line holds only white space
  bool terminated = true;     // the record ended with a line break (false at EOF without one)
  bool unterminated_quote = false;
};

class Reader {
 public:
  explicit Reader(std::string_view text, char delimiter = ',');
  // Reads the next record; false at end of text. The strings of `rec` are reused.
  bool next(Record& rec);
  std::int64_t line() const { return line_; }

 private:
  std::size_t line_end_length(std::size_t at) const;  // 0, 1 (LF or CR) or 2 (CR LF)
  bool at_blank_line(std::size_t& eol) const;         // sets `eol` when it scans the line
  std::string_view text_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;  // line of the next character
  char delim_;
  std::array<bool, 256> plain_end_{};  // bytes that end a run outside quotes: delimiter, ", CR, LF
};

// Write one CSV field, quoted only when needed (comma, quote, CR or LF inside).
std::string quote_field(std::string_view field);

// The one writer of every CSV careatlas produces: the text of a table, row by row, each
// field as quote_field writes it (an empty field stays empty: `a,,b`).
//   excel  UTF-8 with a byte order mark and CR LF line ends: what Japanese Excel opens as
//          UTF-8 without an import dialog (the reports, the analysis tables, the booklet)
//   plain  no byte order mark, LF line ends: the benchmark contract's files
//          (../shared/bench/WORKLOAD.md)
// The mark is written first, so a table with no rows is the mark alone.
class Writer {
 public:
  enum class Dialect { excel, plain };
  explicit Writer(Dialect dialect = Dialect::excel);
  Writer& row(std::initializer_list<std::string_view> fields);
  Writer& row(const std::vector<std::string>& fields);
  void reserve(std::size_t bytes) { text_.reserve(bytes); }
  const std::string& text() const& { return text_; }
  std::string text() && { return std::move(text_); }

 private:
  template <class Fields>
  Writer& append_row(const Fields& fields);
  std::string text_;
  std::string_view eol_;
};

}  // namespace careatlas::csv
