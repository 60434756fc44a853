#pragma once
// Strict reading of careatlas's TOML files (project files, map styles): every problem is a
// config_error "FILE:LINE:COL: message" pointing at the offending key or value, and a key
// a table does not know is an error, never ignored.
#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace careatlas::project {

class StrictToml {
 public:
  explicit StrictToml(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(const toml::source_region& where, const std::string& msg) const;
  // Rejects the first key of `t` that is not in `allowed`; the message lists the allowed
  // keys in the order given. `what` names the table, e.g. "[[layer]]".
  void only_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view what) const;

 private:
  std::string file_;
};

}  // namespace careatlas::project
