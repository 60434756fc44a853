#include "careatlas/importers/csv.hpp"

namespace careatlas::csv {

namespace {
// White space, commas (Excel leaves ",,,,," rows at the end of sheets) and the DOS
// end-of-file mark 0x1A: a physical line of only these is blank.
bool blank_char(char c) { return c == ' ' || c == '\t' || c == ',' || c == '\x1A'; }
bool blank_text(std::string_view s) {
  for (char c : s)
    if (!blank_char(c)) return false;
  return true;
}

// The next field of a record being read, emptied. The strings of the previous record are
// reused (with their capacity), so that a file is read without an allocation per field.
std::string& next_field(std::vector<std::string>& fields, std::size_t& used) {
  if (used == fields.size()) fields.emplace_back();
  else fields[used].clear();
  return fields[used++];
}
}  // namespace

Reader::Reader(std::string_view text, char delimiter) : text_(text), delim_(delimiter) {
  for (char c : {delimiter, '"', '\r', '\n'}) plain_end_[static_cast<unsigned char>(c)] = true;
}

// Line ends: LF, CR LF, or a lone CR (CSV saved by old Mac Excel). Each counts one line.
std::size_t Reader::line_end_length(std::size_t at) const {
  if (at >= text_.size()) return 0;
  if (text_[at] == '\n') return 1;
  if (text_[at] == '\r') return at + 1 < text_.size() && text_[at + 1] == '\n' ? 2 : 1;
  return 0;
}

// Blank physical line at pos_? Only a line that starts with a blank character or a line
// end can be, so most lines are decided by their first byte.
bool Reader::at_blank_line(std::size_t& eol) const {
  const char first = text_[pos_];
  if (!blank_char(first) && first != '\n' && first != '\r') return false;
  eol = text_.find_first_of("\r\n", pos_);
  if (eol == std::string_view::npos) eol = text_.size();
  return blank_text(text_.substr(pos_, eol - pos_));
}

bool Reader::next(Record& rec) {
  rec.blank = false;
  rec.terminated = true;
  rec.unterminated_quote = false;
  if (pos_ >= text_.size()) {
    rec.fields.clear();
    return false;
  }
  rec.first_line = line_;

  if (std::size_t eol = 0; at_blank_line(eol)) {
    rec.fields.clear();
    rec.blank = true;
    rec.last_line = line_;
    const std::size_t n = line_end_length(eol);
    rec.terminated = n > 0;
    pos_ = eol + n;
    if (rec.terminated) ++line_;
    return true;
  }

  // Runs of ordinary characters are copied at once; the state machine below only looks
  // at quotes, delimiters and line breaks.
  const char* const data = text_.data();
  const std::size_t size = text_.size();
  std::size_t used = 0;
  std::string* field = &next_field(rec.fields, used);
  bool in_quotes = false;
  bool quoted_field = false;
  while (pos_ < size) {
    std::size_t run = pos_;
    if (in_quotes) {
      while (run < size && data[run] != '"' && data[run] != '\r' && data[run] != '\n') ++run;
    } else {
      while (run < size && !plain_end_[static_cast<unsigned char>(data[run])]) ++run;
    }
    field->append(data + pos_, run - pos_);
    pos_ = run;
    if (pos_ >= size) break;
    const char c = data[pos_];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ + 1 < size && data[pos_ + 1] == '"') {
          *field += '"';
          pos_ += 2;
        } else {
          in_quotes = false;
          ++pos_;
        }
      } else {
        // A line break inside quotes is kept as written and counted as a line.
        const std::size_t n = line_end_length(pos_);
        field->append(data + pos_, n);
        pos_ += n;
        ++line_;
      }
      continue;
    }
    if (c == '"' && field->empty() && !quoted_field) {
      in_quotes = true;
      quoted_field = true;
      ++pos_;
    } else if (c == delim_) {
      field = &next_field(rec.fields, used);
      quoted_field = false;
      ++pos_;
    } else if (const std::size_t n = line_end_length(pos_); n > 0) {
      rec.fields.resize(used);
      rec.last_line = line_;
      ++line_;
      pos_ += n;
      return true;
    } else {
      *field += c;  // a quote inside an unquoted field is text
      ++pos_;
    }
  }
  // End of text without a final line break; a trailing DOS end-of-file mark is dropped.
  while (!in_quotes && !field->empty() && field->back() == '\x1A') field->pop_back();
  rec.fields.resize(used);
  rec.last_line = line_;
  rec.terminated = false;
  rec.unterminated_quote = in_quotes;
  return true;
}

namespace {
// Appends a field, quoted only when it holds a comma, a quote, CR or LF.
void append_field(std::string& out, std::string_view f) {
  if (f.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += f;
    return;
  }
  out += '"';
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
}  // namespace

std::string quote_field(std::string_view f) {
  std::string s;
  append_field(s, f);
  return s;
}

Writer::Writer(Dialect dialect)
    : text_(dialect == Dialect::excel ? "\xEF\xBB\xBF" : ""), eol_(dialect == Dialect::excel ? "\r\n" : "\n") {}

template <class Fields>
Writer& Writer::append_row(const Fields& fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) text_ += ',';
    first = false;
    append_field(text_, f);
  }
  text_ += eol_;
  return *this;
}

Writer& Writer::row(std::initializer_list<std::string_view> fields) { return append_row(fields); }
Writer& Writer::row(const std::vector<std::string>& fields) { return append_row(fields); }

}  // namespace careatlas::csv
