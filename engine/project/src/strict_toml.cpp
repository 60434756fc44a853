#include "careatlas/project/strict_toml.hpp"

#include "careatlas/model/config_error.hpp"

namespace careatlas::project {

void StrictToml::fail(const toml::source_region& where, const std::string& msg) const {
  throw config_error(file_ + ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column) +
                     ": " + msg);
}

void StrictToml::only_keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                           std::string_view what) const {
  for (const auto& [k, v] : t) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == k.str();
    if (known) continue;
    std::string list;
    for (std::string_view a : allowed) (list += list.empty() ? "" : ", ") += a;
    fail(k.source(), "unknown key \"" + std::string(k.str()) + "\" in " + std::string(what) + " (allowed: " + list + ")");
  }
}

}  // namespace careatlas::project
