#pragma once
// The booklet's files are rendered into a staging folder beside the outputs and moved
// into place only when every one is complete: a failure leaves the previous booklet set
// as it was.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "careatlas/model/partial_output.hpp"

namespace careatlas::app::detail {

class Staging {
 public:
  explicit Staging(const std::string& out_dir);  // creates out_dir/.booklet.partial, emptied
  ~Staging();                                    // removes it
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  // The staged file's path. The file is registered as a partial output too: once its
  // writer has renamed it into this folder, a signal must still find and remove it, or
  // the folder (removed only when empty) stays behind with it.
  std::string path(const std::string& name);
  // Moves every staged file into the output folder, after removing the split files of an
  // earlier run that this one does not write (a district since removed, split turned off).
  // Returns the paths written.
  std::vector<std::string> commit();

 private:
  std::filesystem::path out_, dir_;
  PartialOutput partial_;  // the folder, removed (once emptied) if a signal ends the run
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<PartialOutput>> files_;  // its files (a rename out makes theirs moot)
};

}  // namespace careatlas::app::detail
