#pragma once
// Golden-image comparison for rendered maps (after Mapnik's visual tests): the actual PNG
// is compared with a reviewed reference under a pixel tolerance. CAREATLAS_UPDATE_GOLDEN=1
// writes the actual image as the new reference instead (look at it before committing).
// On a mismatch the actual image and a diff image are left in the build tree.
#include <string>

namespace careatlas::testing {

struct ImageDiff {
  int width = 0, height = 0;
  long differing = 0;  // pixels whose channels differ by more than the threshold
  double share() const { return width > 0 && height > 0 ? static_cast<double>(differing) / (width * height) : 1.0; }
  std::string message;  // empty when the images matched
};

// Compares `actual_png` with tests/golden/<reference> (a path under tests/golden/).
// A pixel differs when any channel differs by more than `channel_threshold` (0–255);
// the images match when at most `max_share` of the pixels differ and the sizes agree.
ImageDiff compare_with_golden(const std::string& actual_png, const std::string& reference, int channel_threshold = 48,
                              double max_share = 0.002);

// The share of a PNG's pixels within `tolerance` (per channel, 0–255) of the colour
// "#rrggbb"; −1 when the file cannot be read.
// Only pixels inside `within` (pixels x0, y0, x1, y1) count when it is given.
struct PixelBox {
  int x0 = 0, y0 = 0, x1 = 1 << 30, y1 = 1 << 30;
};
double share_of_colour(const std::string& png, const std::string& colour, int tolerance = 3, PixelBox within = {});

// Runs a command, returns its exit status and standard output.
int run_command(const std::string& command, std::string* output);

}  // namespace careatlas::testing
