#include "careatlas/importers/csv.hpp"

namespace careatlas::csv {

namespace {
bool only_space(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}
}  // namespace

bool Reader::next(Record& rec) {
  rec.fields.clear();
  rec.blank = false;
  rec.terminated = true;
  rec.unterminated_quote = false;
  if (pos_ >= text_.size()) return false;
  rec.first_line = line_;

  // Blank physical line?
  const std::size_t eol = text_.find('\n', pos_);
  const std::string_view physical =
      text_.substr(pos_, (eol == std::string_view::npos ? text_.size() : eol) - pos_);
  if (only_space(physical)) {
    rec.blank = true;
    rec.last_line = line_;
    rec.terminated = eol != std::string_view::npos;
    pos_ = eol == std::string_view::npos ? text_.size() : eol + 1;
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
        if (c == '\n') ++line_;
        field += c;
        ++pos_;
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
    } else if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
      ++pos_;  // CR of CR LF
    } else if (c == '\n') {
      rec.fields.push_back(std::move(field));
      rec.last_line = line_;
      ++line_;
      ++pos_;
      return true;
    } else {
      field += c;
      ++pos_;
    }
  }
  // End of text without a final line break.
  if (!field.empty() && field.back() == '\r' && !in_quotes) field.pop_back();
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
