#include "careatlas/importers/csv.hpp"

namespace careatlas::csv {

namespace {
// White space, commas (Excel leaves ",,,,," rows at the end of sheets) and the DOS
// end-of-file mark 0x1A: a physical line of only these is blank.
bool blank_text(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != ',' && c != '\x1A') return false;
  return true;
}
}  // namespace

// Line ends: LF, CR LF, or a lone CR (CSV saved by old Mac Excel). Each counts one line.
std::size_t Reader::line_end_length(std::size_t at) const {
  if (at >= text_.size()) return 0;
  if (text_[at] == '\n') return 1;
  if (text_[at] == '\r') return at + 1 < text_.size() && text_[at + 1] == '\n' ? 2 : 1;
  return 0;
}

bool Reader::next(Record& rec) {
  rec.fields.clear();
  rec.blank = false;
  rec.terminated = true;
  rec.unterminated_quote = false;
  if (pos_ >= text_.size()) return false;
  rec.first_line = line_;

  // Blank physical line?
  std::size_t eol = pos_;
  while (eol < text_.size() && text_[eol] != '\n' && text_[eol] != '\r') ++eol;
  if (blank_text(text_.substr(pos_, eol - pos_))) {
    rec.blank = true;
    rec.last_line = line_;
    const std::size_t n = line_end_length(eol);
    rec.terminated = n > 0;
    pos_ = eol + n;
    if (rec.terminated) ++line_;
    return true;
  }

  std::string field;
  bool in_quotes = false;
  bool quoted_field = false;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
        } else {
          in_quotes = false;
          ++pos_;
        }
      } else {
        // A line break inside quotes is kept as written and counted as a line.
        if (const std::size_t n = line_end_length(pos_); n > 0) {
          field.append(text_.substr(pos_, n));
          pos_ += n;
          ++line_;
        } else {
          field += c;
          ++pos_;
        }
      }
      continue;
    }
    if (c == '"' && field.empty() && !quoted_field) {
      in_quotes = true;
      quoted_field = true;
      ++pos_;
    } else if (c == delim_) {
      rec.fields.push_back(std::move(field));
      field.clear();
      quoted_field = false;
      ++pos_;
    } else if (const std::size_t n = line_end_length(pos_); n > 0) {
      rec.fields.push_back(std::move(field));
      rec.last_line = line_;
      ++line_;
      pos_ += n;
      return true;
    } else {
      field += c;
      ++pos_;
    }
  }
  // End of text without a final line break; a trailing DOS end-of-file mark is dropped.
  while (!in_quotes && !field.empty() && field.back() == '\x1A') field.pop_back();
  rec.fields.push_back(std::move(field));
  rec.last_line = line_;
  rec.terminated = false;
  rec.unterminated_quote = in_quotes;
  return true;
}

std::string quote_field(std::string_view f) {
  if (f.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(f);
  std::string s = "\"";
  for (char c : f) {
    if (c == '"') s += '"';
    s += c;
  }
  s += '"';
  return s;
}

}  // namespace careatlas::csv
