#pragma once
// A Cairo surface writing one output file: PDF (pages), SVG or PNG, in millimetres.
// The file is written beside its final name and renamed when complete.
#include <cairo.h>

#include <string>

#include "careatlas/model/partial_output.hpp"
#include "careatlas/render/map.hpp"

namespace careatlas::render::detail {

class OutputSurface {
 public:
  OutputSurface(const std::string& path, double width_mm, double height_mm, const RenderOptions& options,
                const std::string& title);
  ~OutputSurface();  // removes the partial file unless finish() succeeded
  OutputSurface(const OutputSurface&) = delete;
  OutputSurface& operator=(const OutputSurface&) = delete;

  cairo_t* cr() const { return cr_; }
  // Ends the page; the next drawing starts a new page (PDF only).
  void next_page(double width_mm, double height_mm);
  void finish();  // flushes, checks Cairo's status, renames into place

 private:
  void begin_page();
  std::string path_, tmp_;
  PartialOutput partial_;  // tmp_, removed if a signal ends the run while it is written
  RenderOptions options_;
  double scale_ = 1;  // device units per millimetre
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  bool done_ = false;
};

}  // namespace careatlas::render::detail
