#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include <climits>
#include <stdexcept>
#include <string>
#include <vector>

#include "careatlas/app/booklet_plan.hpp"

namespace careatlas::app {

namespace {

UCollator* as_collator(void* p) { return static_cast<UCollator*>(p); }

int32_t length_of(const std::string& s) {
  if (s.size() > static_cast<std::size_t>(INT32_MAX)) throw std::length_error("JapaneseCollator: string too long");
  return static_cast<int32_t>(s.size());
}

}  // namespace

JapaneseCollator::JapaneseCollator() : collator_(nullptr) {
  UErrorCode status = U_ZERO_ERROR;
  UCollator* c = ucol_open("ja", &status);
  // U_USING_DEFAULT_WARNING: ICU has no Japanese tailoring and fell back to the root
  // collation, which would not be the 五十音順 the booklet promises.
  if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || !c) {
    if (c) ucol_close(c);
    throw std::runtime_error(std::string("cannot open ICU's Japanese collation (ucol_open(\"ja\")): ") +
                             u_errorName(status));
  }
  ucol_setStrength(c, UCOL_TERTIARY);
  collator_ = c;
}

JapaneseCollator::~JapaneseCollator() { ucol_close(as_collator(collator_)); }

int JapaneseCollator::compare(const std::string& a, const std::string& b) const {
  UErrorCode status = U_ZERO_ERROR;
  // ucol_strcollUTF8 only reads the collator: safe to call from several threads at once.
  const UCollationResult r =
      ucol_strcollUTF8(as_collator(collator_), a.data(), length_of(a), b.data(), length_of(b), &status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU collation failed (ucol_strcollUTF8): ") + u_errorName(status));
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

std::string JapaneseCollator::sort_key(const std::string& utf8) const {
  // UTF-16 first (ucol_getSortKey takes nothing else), ill-formed bytes as U+FFFD: never
  // more code units than the UTF-8 has bytes.
  std::vector<UChar> text(utf8.size() + 1);
  int32_t units = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(text.data(), static_cast<int32_t>(text.size()), &units, utf8.data(), length_of(utf8), 0xFFFD,
                       nullptr, &status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("UTF-8 to UTF-16 failed (u_strFromUTF8WithSub): ") + u_errorName(status));
  // ucol_getSortKey only reads the collator; it returns the length the key needs (its
  // terminating 0 included): a key longer than the 64 bytes a reading's key usually fits
  // in is made again at that length.
  const UCollator* c = as_collator(collator_);
  std::string key(64, '\0');
  auto fill = [&] {
    return ucol_getSortKey(c, text.data(), units, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  };
  int32_t needed = fill();
  if (needed > static_cast<int32_t>(key.size())) {
    key.assign(static_cast<std::size_t>(needed), '\0');
    needed = fill();
  }
  if (needed <= 0) throw std::runtime_error("ICU could not make a sort key (ucol_getSortKey)");
  key.resize(static_cast<std::size_t>(needed) - 1);  // without the terminating 0 (no other 0 byte)
  return key;
}

}  // namespace careatlas::app
