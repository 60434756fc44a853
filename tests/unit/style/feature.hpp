#pragma once
// A feature for filter tests: attributes held in a map.
#include <initializer_list>
#include <map>
#include <string>
#include <utility>

#include "careatlas/style/style.hpp"

namespace careatlas::style::testing {

class Feature : public Attributes {
 public:
  Feature(std::initializer_list<std::pair<const std::string, Value>> values) : values_(values) {}
  std::optional<Value> get(std::string_view attribute) const override {
    const auto it = values_.find(attribute);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, Value, std::less<>> values_;
};

}  // namespace careatlas::style::testing
