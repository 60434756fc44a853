#include "booklet_staging.hpp"

#include <set>

namespace careatlas::app::detail {

namespace fs = std::filesystem;

Staging::Staging(const std::string& out_dir)
    : out_(out_dir), dir_(fs::path(out_dir) / ".booklet.partial"), partial_(dir_.string(), true) {
  fs::create_directories(out_);
  fs::remove_all(dir_);
  fs::create_directories(dir_);
}

Staging::~Staging() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string Staging::path(const std::string& name) {
  names_.push_back(name);
  const std::string p = (dir_ / name).string();
  files_.push_back(std::make_unique<PartialOutput>(p));
  return p;
}

std::vector<std::string> Staging::commit() {
  const std::set<std::string> keep(names_.begin(), names_.end());
  for (const fs::directory_entry& e : fs::directory_iterator(out_)) {
    const std::string n = e.path().filename().string();
    if (e.is_regular_file() && n.starts_with("booklet_") && n.ends_with(".pdf") && !keep.count(n)) fs::remove(e.path());
  }
  std::vector<std::string> written;
  for (const std::string& n : names_) {
    fs::rename(dir_ / n, out_ / n);
    written.push_back((out_ / n).string());
  }
  return written;
}

}  // namespace careatlas::app::detail
