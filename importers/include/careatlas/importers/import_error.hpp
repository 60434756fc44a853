#pragma once
// File-level import failures: the file cannot be used at all (unreadable, empty, binary,
// unknown header, truncated). Row-level defects are Diagnostics, never exceptions.
#include <stdexcept>

#include "careatlas/model/config_error.hpp"
#include "careatlas/model/diagnostic.hpp"

namespace careatlas {

class import_error : public std::runtime_error {
 public:
  explicit import_error(Diagnostic d)
      : std::runtime_error(format_diagnostic(d)), diagnostic_(std::move(d)) {}
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

}  // namespace careatlas
