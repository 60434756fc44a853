#include "careatlas/importers/csv.hpp"
#include "careatlas/importers/text.hpp"
#include "targets.hpp"

namespace careatlas::fuzz {

int text_csv(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)text::looks_binary(bytes);
  std::string utf8;
  if (const auto enc = text::detect_encoding(bytes)) {
    if (auto decoded = text::decode(bytes, *enc)) utf8 = std::move(*decoded);
  }
  if (utf8.empty() && text::is_valid_utf8(bytes)) utf8 = std::string(bytes);
  (void)text::nfkc(utf8);
  (void)text::normalize_key(utf8);
  (void)text::trim(utf8);
  (void)text::encode_cp932(utf8);
  csv::Reader reader(utf8);
  csv::Record rec;
  std::size_t fields = 0;
  while (reader.next(rec)) fields += rec.fields.size();
  for (const std::string& f : rec.fields) (void)csv::quote_field(f);
  return fields > 0 ? 0 : 0;
}

}  // namespace careatlas::fuzz
