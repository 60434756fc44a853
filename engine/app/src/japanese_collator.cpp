#include <unicode/ucol.h>
#include <unicode/utypes.h>

#include <climits>
#include <stdexcept>
#include <string>

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

}  // namespace careatlas::app
