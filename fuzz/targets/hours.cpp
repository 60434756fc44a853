#include "careatlas/importers/hours.hpp"
#include "targets.hpp"

namespace careatlas::fuzz {

int hours(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  (void)hours::parse_clock(text);
  if (auto w = hours::parse_weekly(text, &error)) (void)w->is_24_7();
  (void)hours::parse_available_days(text);
  if (auto d = hours::parse_japanese_days(text, &error)) (void)d->to_japanese();
  if (auto b = hours::parse_band(text, &error)) (void)format_hhmm(b->start_min);
  if (auto slots = hours::parse_caremanager_slots(text, &error))
    for (const CareManagerSlot& s : *slots) (void)s.days.to_japanese();
  return 0;
}

}  // namespace careatlas::fuzz
