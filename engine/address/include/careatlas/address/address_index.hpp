#pragma once
// AddressIndex: the 位置参照情報 tables of a project, indexed for matching addresses as the
// open data writes them ("愛知県みさき市本町２丁目２８－７ みさきビル2階").
//
// An address is read left to right, each part matched as the longest name that fits:
//   都道府県 (may be omitted) → 市区町村 (郡 may be omitted; when the address names none,
//   the facility's municipality code says which) → 大字・町丁目 (a leading 大字/字 is
//   ignored on both sides; 本町2-28-7 is read as 本町二丁目 28 when the 丁目 exists) →
//   小字 (街区 files) → the first number: the 街区符号 or 地番. What follows (住居番号, 号,
//   枝番, building names) is not needed to place a block and is ignored.
// The match is the finest of 街区 → 町丁目/大字 → 市区町村 found. A 街区 is its 代表 point
// (代表フラグ 1, else the first row); a town known only from 街区 rows is placed at the mean
// of its blocks; a municipality at the town point nearest the mean of its towns.
//
// Building it is linear in the rows; a match costs a few dozen hash look-ups and no
// allocation beyond its key. Immutable once built: match() may run on many threads.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careatlas/model/address.hpp"

namespace careatlas::address {

struct Found {
  AddressLevel level = AddressLevel::municipality;
  LonLat point;
  std::string text;               // the entry matched: 愛知県みさき市本町二丁目28番
  std::string municipality_code;  // of the municipality matched ("" when the reference has none)
  std::string municipality;       // its name as the reference writes it
};

class AddressIndex {
 public:
  explicit AddressIndex(const std::vector<AddressTable>& tables);
  ~AddressIndex();
  AddressIndex(AddressIndex&&) noexcept;
  AddressIndex& operator=(AddressIndex&&) noexcept;

  // The finest match of `address`; `municipality_code`: the facility's own (5 digits or
  // empty), used when the address names no municipality the index knows.
  std::optional<Found> match(std::string_view address, std::string_view municipality_code) const;

  std::size_t municipalities() const;
  std::size_t towns() const;
  std::size_t blocks() const;
  bool empty() const { return municipalities() == 0; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace careatlas::address
