#pragma once
// The project area ([project] area): the municipalities a project is about, and the
// question the importers ask of every row when a project is cut from a national or
// prefectural download (ImportSession::restrict_to).
//
// A project names its area by codes: 2-digit prefecture codes (01–47) and 5-digit
// municipality codes (JIS X 0402), or 6-digit ones with the check digit as the
// 介護サービス情報公表 files write them (272108 → 27210; a prefecture written so, 270008,
// is the prefecture 27). A municipality code of a
// 政令指定都市 takes in its wards (大阪市 27100 → 27102 … 27128), since N03 and the
// open data code the wards.
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/district.hpp"
#include "careatlas/model/facility.hpp"

namespace careatlas {

class AreaCodes {
 public:
  AreaCodes() = default;  // no area: the whole of what was imported
  // Throws std::invalid_argument naming the code and what is wrong with it (not digits,
  // a length other than 2, 5 or 6, a prefecture beyond 47, a wrong check digit).
  explicit AreaCodes(const std::vector<std::string>& codes);

  bool empty() const { return codes_.empty(); }
  // Normalised (2 or 5 digits), in the order given, each once.
  const std::vector<std::string>& codes() const { return codes_; }
  // Whether a municipality code (5 digits; 6 with a check digit is read as its first 5)
  // lies in the area: its prefecture is listed, it is listed, or it is a ward of a listed
  // designated city.
  bool contains(std::string_view municipality_code) const;
  // "27210", "27210・27211", "27" — for messages and reports.
  std::string describe() const;

 private:
  std::vector<std::string> codes_;
};

// The JIS X 0402 check digit of a 5-digit municipality code (392014: 39201 → 4), or −1
// when the code is not 5 digits.
int municipality_check_digit(std::string_view five_digits);

// What the importers ask of each row when the project has an area. Skipped rows are
// counted as `skipped` in their file's report (rows read = imported + rejected + skipped
// still holds) and summed up in one outside_project_area note per file.
class AreaFilter {
 public:
  virtual ~AreaFilter() = default;
  virtual bool keep(const Facility& f) const = 0;
  virtual bool keep(const District& d) const = 0;
  // A population cell, by its centre.
  virtual bool keep_cell(LonLat centre) const = 0;
  // A place of the address reference (位置参照情報): by its municipality code (may be
  // empty), else by its point, as for a facility.
  virtual bool keep_place(std::string_view municipality_code, LonLat p) const = 0;
  // A point of the road network: kept when a trip within reach between two kept points
  // could pass it — within twice the reach of the area (a provider kept at the edge of
  // the reach, and the cells around it). A generous box, not the exact distance: a way is
  // kept whole when one of its nodes is kept.
  virtual bool keep_road(LonLat p) const = 0;
  // "the project area 27210 and 16 km around it": what a skipped row was outside of.
  virtual std::string description() const = 0;
};

}  // namespace careatlas
