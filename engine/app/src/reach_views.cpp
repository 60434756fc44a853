#include "careatlas/app/reach_views.hpp"

#include <string_view>

#include "careatlas/importers/text.hpp"

namespace careatlas {

namespace {

// Whether `item` is a distance as labels write it: a number, maybe a space, then km or キロ,
// after NFKC (so １６ｋｍ and 16　km count too).
bool is_distance(std::string_view item) {
  std::string s = text::trim(text::nfkc(item));
  for (const std::string_view km : {"km", "キロ"}) {
    if (!s.ends_with(km)) continue;
    s.resize(s.size() - km.size());
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s.find_first_of("0123456789") != std::string::npos && s.find_first_not_of("0123456789.") == std::string::npos;
  }
  return false;
}

}  // namespace

std::string road_label(const std::string& label, double minutes) {
  const std::string by_car = "車で" + minutes_text(minutes) + "分";
  constexpr std::string_view open = "（", close = "）", comma = "、";
  const std::size_t at = label.rfind(open);
  if (!label.ends_with(close) || at == std::string::npos) return label + std::string(open) + by_car + std::string(close);
  const std::size_t inner = at + open.size(), end = label.size() - close.size();
  const std::size_t sep = label.rfind(comma, end);
  const std::size_t item = sep != std::string::npos && sep >= inner ? sep + comma.size() : inner;
  if (is_distance(std::string_view(label).substr(item, end - item))) return label.substr(0, item) + by_car + std::string(close);
  return label.substr(0, end) + std::string(comma) + by_car + std::string(close);
}

std::vector<ProviderLayer> reach_views(const std::vector<ProviderLayer>& layers) {
  std::vector<ProviderLayer> views;
  for (const ProviderLayer& l : layers) {
    if (l.straight_line) {
      ProviderLayer line = l;
      line.travel_minutes = 0;
      views.push_back(std::move(line));
    }
    if (l.travel_minutes > 0) {
      ProviderLayer road = l;
      road.straight_line = false;
      if (l.straight_line) {
        road.name = l.name + "_" + minutes_text(l.travel_minutes) + "min";
        road.label = road_label(l.label, l.travel_minutes);
      }
      views.push_back(std::move(road));
    }
  }
  return views;
}


}  // namespace careatlas
