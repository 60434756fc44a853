#include "careatlas/geometry/district_index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace careatlas::geometry {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using Box = bg::model::box<LonLat>;
using Entry = std::pair<Box, std::size_t>;

struct DistrictIndex::Impl {
  const std::vector<District>* districts = nullptr;
  bgi::rtree<Entry, bgi::rstar<16>> tree;
};

DistrictIndex::DistrictIndex(const std::vector<District>& districts) : impl_(std::make_unique<Impl>()) {
  impl_->districts = &districts;
  std::vector<Entry> entries;
  entries.reserve(districts.size());
  for (std::size_t i = 0; i < districts.size(); ++i) {
    if (districts[i].geometry.empty()) continue;
    entries.emplace_back(bg::return_envelope<Box>(districts[i].geometry), i);
  }
  impl_->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
}

DistrictIndex::~DistrictIndex() = default;
DistrictIndex::DistrictIndex(DistrictIndex&&) noexcept = default;
DistrictIndex& DistrictIndex::operator=(DistrictIndex&&) noexcept = default;

bool covers(const District& d, LonLat p) { return bg::covered_by(p, d.geometry); }

std::vector<std::size_t> DistrictIndex::find_all(LonLat p) const {
  std::vector<Entry> hits;
  impl_->tree.query(bgi::intersects(p), std::back_inserter(hits));
  std::vector<std::size_t> out;
  for (const auto& [box, i] : hits)
    if (covers((*impl_->districts)[i], p)) out.push_back(i);
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::size_t> DistrictIndex::find(LonLat p) const {
  auto all = find_all(p);
  if (all.empty()) return std::nullopt;
  return all.front();
}

}  // namespace careatlas::geometry
