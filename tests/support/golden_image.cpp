#include "golden_image.hpp"

#include <cairo.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sys/wait.h>


namespace careatlas::testing {

namespace fs = std::filesystem;

namespace {
using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

Surface load_png(const std::string& path) {
  Surface s(cairo_image_surface_create_from_png(path.c_str()), &cairo_surface_destroy);
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return Surface(nullptr, &cairo_surface_destroy);
  // Work on ARGB32 whatever the file held.
  const int w = cairo_image_surface_get_width(s.get()), h = cairo_image_surface_get_height(s.get());
  Surface argb(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h), &cairo_surface_destroy);
  cairo_t* cr = cairo_create(argb.get());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_surface(cr, s.get(), 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(argb.get());
  return argb;
}
}  // namespace

double share_of_colour(const std::string& png, const std::string& colour, int tolerance, PixelBox within) {
  Surface s = load_png(png);
  if (!s || colour.size() != 7 || colour[0] != '#') return -1;
  const long rgb = std::strtol(colour.c_str() + 1, nullptr, 16);
  const int want[3] = {static_cast<int>((rgb >> 16) & 255), static_cast<int>((rgb >> 8) & 255), static_cast<int>(rgb & 255)};
  const int w = cairo_image_surface_get_width(s.get()), h = cairo_image_surface_get_height(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  const unsigned char* data = cairo_image_surface_get_data(s.get());
  long hits = 0, seen = 0;
  for (int y = std::max(0, within.y0); y < std::min(h, within.y1); ++y)
    for (int x = std::max(0, within.x0); x < std::min(w, within.x1); ++x) {
      ++seen;
      // ARGB32 in native byte order: B, G, R, A on little-endian machines.
      const unsigned char* p = data + y * stride + 4 * x;
      if (std::abs(p[2] - want[0]) <= tolerance && std::abs(p[1] - want[1]) <= tolerance &&
          std::abs(p[0] - want[2]) <= tolerance)
        ++hits;
    }
  return seen > 0 ? static_cast<double>(hits) / static_cast<double>(seen) : -1;
}

ImageDiff compare_with_golden(const std::string& actual_png, const std::string& reference, int channel_threshold,
                              double max_share) {
  const fs::path ref = fs::path(CAREATLAS_SOURCE_DIR) / "tests" / "golden" / reference;
  ImageDiff d;
  if (const char* u = std::getenv("CAREATLAS_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    fs::create_directories(ref.parent_path());
    fs::copy_file(actual_png, ref, fs::copy_options::overwrite_existing);
    return d;
  }
  Surface a = load_png(actual_png), b = load_png(ref.string());
  if (!a) {
    d.message = "cannot read " + actual_png;
    return d;
  }
  if (!b) {
    d.message = "no reference " + ref.string() + " (run with CAREATLAS_UPDATE_GOLDEN=1, then look at it)";
    return d;
  }
  d.width = cairo_image_surface_get_width(a.get());
  d.height = cairo_image_surface_get_height(a.get());
  if (d.width != cairo_image_surface_get_width(b.get()) || d.height != cairo_image_surface_get_height(b.get())) {
    d.message = "size " + std::to_string(d.width) + "x" + std::to_string(d.height) + " differs from the reference's";
    return d;
  }
  const int sa = cairo_image_surface_get_stride(a.get()), sb = cairo_image_surface_get_stride(b.get());
  const unsigned char* pa = cairo_image_surface_get_data(a.get());
  const unsigned char* pb = cairo_image_surface_get_data(b.get());
  Surface diff(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, d.width, d.height), &cairo_surface_destroy);
  unsigned char* pd = cairo_image_surface_get_data(diff.get());
  const int sd = cairo_image_surface_get_stride(diff.get());
  for (int y = 0; y < d.height; ++y)
    for (int x = 0; x < d.width; ++x) {
      const unsigned char* ca = pa + y * sa + 4 * x;
      const unsigned char* cb = pb + y * sb + 4 * x;
      int worst = 0;
      for (int c = 0; c < 4; ++c) worst = std::max(worst, std::abs(int{ca[c]} - int{cb[c]}));
      unsigned char* cd = pd + y * sd + 4 * x;
      const bool bad = worst > channel_threshold;
      d.differing += bad;
      // Diff image: differing pixels red, the rest a faint copy of the reference.
      cd[0] = bad ? 0 : static_cast<unsigned char>(200 + cb[0] / 5);
      cd[1] = bad ? 0 : static_cast<unsigned char>(200 + cb[1] / 5);
      cd[2] = bad ? 255 : static_cast<unsigned char>(200 + cb[2] / 5);
      cd[3] = 255;
    }
  cairo_surface_mark_dirty(diff.get());
  if (d.share() > max_share) {
    const fs::path dir = fs::path(CAREATLAS_SCRATCH_DIR) / "golden";  // kept: one pair per failing image
    fs::create_directories(dir);
    const std::string out = (dir / fs::path(reference).filename()).string();
    fs::copy_file(actual_png, out + ".actual.png", fs::copy_options::overwrite_existing);
    cairo_surface_write_to_png(diff.get(), (out + ".diff.png").c_str());
    char buf[160];
    std::snprintf(buf, sizeof buf, "%ld of %d pixels (%.3f %%) differ from the reference; ", d.differing,
                  d.width * d.height, 100 * d.share());
    d.message = buf + ref.string() + " vs " + out + ".actual.png (diff: " + out + ".diff.png)";
  }
  return d;
}

int run_command(const std::string& command, std::string* output) {
  FILE* p = popen(command.c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
    if (output) output->append(buf.data(), n);
  const int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

}  // namespace careatlas::testing
