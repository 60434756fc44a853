#pragma once
// The project file's strict loader (project_file.cpp runs it): the value readers, each
// failing with file:line:column, and the readers of each table (project_sections.cpp).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "careatlas/model/config_error.hpp"
#include "careatlas/model/road_network.hpp"
#include "careatlas/model/safe_path.hpp"
#include "careatlas/project/project_file.hpp"
#include "careatlas/project/strict_toml.hpp"

namespace careatlas::project::detail {

class Loader : public StrictToml {
 public:
  using StrictToml::StrictToml;

  std::string str(const toml::table& t, const std::string& key, const std::string& def = "") const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    if (auto s = n->value<std::string>()) return *s;
    fail(n->source(), "\"" + key + "\" must be a string");
  }

  // `raw`, the string value of `key` in `t`, resolved against the project's folder — once
  // it is known to be a plain local path (safe_path.hpp): a URL, /vsi…/ path or connection
  // string is an error naming this file, line and column. A relative path that passes as
  // written keeps passing once resolved ("./memo:2024.csv" stays "./memo:2024.csv", not
  // "memo:2024.csv", when the project is in the current folder).
  std::string local_path(const toml::table& t, const std::string& key, const std::string& raw, const std::string& dir,
                         const std::string& what) const {
    if (const std::string why = nonlocal_path_reason(raw); !why.empty())
      fail(t.get(key)->source(), what + " \"" + raw + "\" " + why);
    if (std::filesystem::path(raw).is_absolute()) return raw;
    std::string resolved = (std::filesystem::path(dir) / raw).lexically_normal().string();
    if (std::filesystem::path(resolved).is_relative() && !nonlocal_path_reason(resolved).empty()) resolved = "./" + resolved;
    return resolved;
  }

  int integer(const toml::table& t, const std::string& key, int def) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    if (auto v = n->value<int64_t>()) return static_cast<int>(*v);
    fail(n->source(), "\"" + key + "\" must be an integer");
  }

  std::vector<int> int_list(const toml::table& t, const std::string& key) const {
    std::vector<int> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) fail(n->source(), "\"" + key + "\" must be a list of integers, e.g. [2020, 2040]");
    for (const auto& e : *a) {
      auto v = e.value<int64_t>();
      if (!v) fail(e.source(), "\"" + key + "\" must hold integers");
      out.push_back(static_cast<int>(*v));
    }
    return out;
  }

  std::optional<bool> boolean(const toml::table& t, const std::string& key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    // is_boolean: toml++'s value<bool>() would also take 0 and 1.
    if (n->is_boolean()) return n->as_boolean()->get();
    fail(n->source(), "\"" + key + "\" must be true or false");
  }

  double number(const toml::table& t, const std::string& key, double def) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    if (auto v = n->value<double>()) return *v;
    fail(n->source(), "\"" + key + "\" must be a number");
  }

  std::vector<std::string> str_list(const toml::table& t, const std::string& key) const {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) fail(n->source(), "\"" + key + "\" must be a list of strings");
    for (const auto& e : *a) {
      auto v = e.value<std::string>();
      if (!v) fail(e.source(), "\"" + key + "\" must hold strings");
      out.push_back(*v);
    }
    return out;
  }

  // [project] area (a list of code strings), else municipality_code; each code checked.
  AreaCodes area(const toml::table& t, const std::string& municipality_code) const {
    const toml::node* n = t.get("area");
    if (!n) {
      if (municipality_code.empty()) return {};
      try {
        return AreaCodes({municipality_code});
      } catch (const std::invalid_argument& e) {
        fail(t.get("municipality_code")->source(), std::string("municipality_code: ") + e.what());
      }
    }
    const toml::array* a = n->as_array();
    if (!a || a->empty())
      fail(n->source(), "area must be a list of code strings, e.g. area = [\"27210\"] or [\"27\"]");
    std::vector<std::string> codes;
    for (const auto& e : *a) {
      auto v = e.value<std::string>();
      if (!v || !e.is_string())
        fail(e.source(), "area codes must be strings (\"01100\", not 1100: a number loses the leading zero)");
      try {
        codes.push_back(AreaCodes({*v}).codes().front());
      } catch (const std::invalid_argument& err) {
        fail(e.source(), err.what());
      }
    }
    return AreaCodes(codes);
  }

  // The error for a kind name careatlas does not know, listing the ones it does.
  static std::string unknown_kind(const std::string& name) {
    std::string known;
    for (const FacilityKind k : all_facility_kinds()) known += (known.empty() ? "" : ", ") + std::string(to_string(k));
    return "unknown kind \"" + name + "\" (known: " + known + ")";
  }

  // A list of facility kinds by their ASCII names, each named once; empty when the key is
  // absent. `when_absent` says what leaving the key out means (for the error on []).
  std::vector<FacilityKind> kind_list(const toml::table& t, const std::string& key, const std::string& when_absent) const {
    std::vector<FacilityKind> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const std::vector<std::string> names = str_list(t, key);
    if (names.empty()) fail(n->source(), key + " must name at least one kind; leave it out for " + when_absent);
    const toml::array& arr = *n->as_array();
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto kind = facility_kind_from_string(names[i]);
      if (!kind) fail(arr[i].source(), unknown_kind(names[i]));
      if (std::find(out.begin(), out.end(), *kind) != out.end())
        fail(arr[i].source(), "kind \"" + names[i] + "\" is named twice");
      out.push_back(*kind);
    }
    return out;
  }

  double positive(const toml::table& t, const std::string& key, double def, double max, const std::string& unit) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    const double v = number(t, key, def);
    if (!(v > 0 && v <= max))
      fail(n->source(), key + " must be more than 0 and at most " + minutes_text(max) + " (" + unit + ")");
    return v;
  }

  static std::string road_class_names() {
    std::string out;
    for (const auto& info : road_class_table()) out += (out.empty() ? "" : ", ") + std::string(info.name);
    return out;
  }

  // The tables of the file (project_sections.cpp).
  InputSpec input(const toml::table& t, InputRole role, const std::string& dir) const;
  void locate(const toml::table& t, LocateSettings& s) const;
  void analysis(const toml::table& t, AnalysisSettings& a) const;
  ContextSpec context(const toml::table& t, const std::string& dir) const;
  // [booklet] and its [booklet.filter] table.
  void booklet(const toml::table& t, BookletSettings& b) const;
  // [network]: the road network file (an input of role network) and how fast it is travelled.
  InputSpec network(const toml::table& t, const std::string& dir, RoadSpeeds& speeds) const;
  ProviderLayer layer(const toml::table& t) const;
};

}  // namespace careatlas::project::detail
