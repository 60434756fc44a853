#include "output_surface.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "careatlas/version.hpp"

namespace careatlas::render::detail {

namespace {
constexpr double kPtPerMm = 72.0 / 25.4;

std::string temp_name(const std::string& path) { return path + ".part-" + std::to_string(::getpid()); }
}  // namespace

OutputSurface::OutputSurface(const std::string& path, double width_mm, double height_mm, const RenderOptions& options,
                             const std::string& title)
    : path_(path), tmp_(temp_name(path)), partial_(tmp_), options_(options) {
  switch (options.format) {
    case Format::pdf:
      surface_ = cairo_pdf_surface_create(tmp_.c_str(), width_mm * kPtPerMm, height_mm * kPtPerMm);
      scale_ = kPtPerMm;
      if (cairo_surface_status(surface_) == CAIRO_STATUS_SUCCESS) {
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
        const std::string creator = std::string("careatlas ") + kVersion;
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, creator.c_str());
        if (!options.creation_date.empty()) {
          const std::string date = options.creation_date + "T00:00:00";
          cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
          cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
        }
      }
      break;
    case Format::svg:
      surface_ = cairo_svg_surface_create(tmp_.c_str(), width_mm * kPtPerMm, height_mm * kPtPerMm);
      scale_ = kPtPerMm;
      break;
    case Format::png: {
      if (!(options.dpi >= 10 && options.dpi <= 1200))
        throw std::runtime_error(path + ": dpi must be between 10 and 1200");
      scale_ = options.dpi / 25.4;
      const int w = static_cast<int>(std::lround(width_mm * scale_));
      const int h = static_cast<int>(std::lround(height_mm * scale_));
      surface_ = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
      break;
    }
  }
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(surface_));
    cairo_surface_destroy(surface_);
    std::remove(tmp_.c_str());
    throw std::runtime_error(path + ": cannot write (" + why + ")");
  }
  cr_ = cairo_create(surface_);
  begin_page();
}

void OutputSurface::begin_page() {
  cairo_identity_matrix(cr_);
  cairo_scale(cr_, scale_, scale_);
  if (options_.format == Format::png) {  // PDF and SVG pages are white already
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_paint(cr_);
  }
}

void OutputSurface::next_page(double width_mm, double height_mm) {
  if (options_.format != Format::pdf) throw std::logic_error("OutputSurface: only PDF has pages");
  cairo_show_page(cr_);
  cairo_pdf_surface_set_size(surface_, width_mm * kPtPerMm, height_mm * kPtPerMm);
  begin_page();
}

void OutputSurface::finish() {
  cairo_status_t st = cairo_status(cr_);
  if (st == CAIRO_STATUS_SUCCESS && options_.format == Format::png)
    st = cairo_surface_write_to_png(surface_, tmp_.c_str());
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (st != CAIRO_STATUS_SUCCESS) {
    std::remove(tmp_.c_str());
    throw std::runtime_error(path_ + ": cannot write (" + cairo_status_to_string(st) + ")");
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    std::remove(tmp_.c_str());
    throw std::runtime_error(path_ + ": cannot rename " + tmp_ + " into place");
  }
  done_ = true;
}

OutputSurface::~OutputSurface() {
  if (cr_) cairo_destroy(cr_);
  if (surface_) {
    cairo_surface_finish(surface_);
    cairo_surface_destroy(surface_);
  }
  if (!done_) std::remove(tmp_.c_str());
}

}  // namespace careatlas::render::detail
