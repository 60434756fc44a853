// Context layers through OGR (context_reader.hpp): any layer's lines and polygons in
// lon/lat, every feature drawn or reported. Lives in the GDAL module.
#include <ogr_api.h>

#include <algorithm>
#include <boost/geometry/algorithms/correct.hpp>
#include <set>

#include "careatlas/importers/context_reader.hpp"
#include "careatlas/model/safe_path.hpp"
#include "gdal_util.hpp"
#include "ogr_layer.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace {

// A 国土数値情報 layout recognised by its field names, with its 出典 line (the form
// DOMAIN.md prescribes) and the field that names its features.
struct Layout {
  std::string format = "ogr";
  std::string attribution;
  std::string label;
};

Layout detect_layout(const Header& h) {
  if (h.has({"N02_001"}) && h.has({"N02_003"}))
    return {"n02", "「国土数値情報（鉄道データ）」（国土交通省）を加工して作成", "N02_003"};
  if (h.has({"W05_001"}) && h.has({"W05_004"}))
    return {"w05", "「国土数値情報（河川データ）」（国土交通省）を加工して作成", "W05_004"};
  return {};
}

// The drawable parts of a geometry (already in lon/lat). `other` is set when a part is
// neither a line nor an area (points, TINs); such parts are left out.
void collect(const OGRGeometry& g, ContextFeature& out, bool& other) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbLineString: {
      const OGRLineString& ls = *g.toLineString();
      LonLatLine line;
      line.reserve(static_cast<std::size_t>(ls.getNumPoints()));
      for (int i = 0; i < ls.getNumPoints(); ++i) {
        const LonLat p{ls.getX(i), ls.getY(i)};
        if (line.empty() || !(line.back() == p)) line.push_back(p);
      }
      if (line.size() >= 2) out.lines.push_back(std::move(line));  // a single point draws nothing
      return;
    }
    case wkbPolygon: {
      MultiPolygon mp;
      gdal::append_polygon(*g.toPolygon(), mp);
      for (Polygon& p : mp)
        if (p.outer().size() >= 4) out.polygons.push_back(std::move(p));
      return;
    }
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) collect(*part, out, other);
      return;
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbCurvePolygon:
    case wkbMultiCurve:
    case wkbMultiSurface: {
      std::unique_ptr<OGRGeometry> linear(g.getLinearGeometry());
      if (linear) collect(*linear, out, other);
      return;
    }
    default:
      other = true;
      return;
  }
}

bool any_in_japan(const ContextFeature& f) {
  for (const LonLatLine& l : f.lines)
    if (std::any_of(l.begin(), l.end(), in_japan)) return true;
  for (const Polygon& p : f.polygons)
    if (std::any_of(p.outer().begin(), p.outer().end(), in_japan)) return true;
  return false;
}

class ContextReader {
 public:
  ContextReader(const ContextSpec& spec, DiagnosticSink& sink) : spec_(spec), st_(sink) {
    FileReport rep;
    rep.file = spec.path;
    rep.role = "context";
    st_.reg.files.push_back(rep);
  }

  ContextRead run() {
    FileContext ctx(st_, 0, spec_.path);
    OgrLayer ogr(ctx, spec_.path, spec_.layer, spec_.encoding);
    const std::vector<std::string> fields = ogr.field_names();
    const Header header(fields);
    const Layout layout = detect_layout(header);
    FileReport& rep = ctx.report();
    rep.encoding = ogr.driver();
    rep.format = layout.format;

    ContextRead out;
    out.layer.name = spec_.name;
    out.layer.source_file = spec_.path;
    out.layer.format = layout.format;
    out.layer.attribution = !spec_.attribution.empty() ? spec_.attribution
                            : !layout.attribution.empty() ? layout.attribution
                                                          : "出典：" + file_name_of(spec_.path);
    std::optional<std::size_t> label;
    if (!spec_.label.empty()) {
      label = header.find({spec_.label});
      if (!label) {
        std::string list;
        for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f;
        ctx.fail(DiagCode::header_unrecognised, 0, spec_.label, spec_.label,
                 "label field \"" + spec_.label + "\" is not in the layer; fields are: " + list);
      }
    } else if (!layout.label.empty()) {
      label = header.find({layout.label});
    }

    OGRLayer& layer = ogr.layer();
    const std::optional<std::set<GIntBig>> selected = select(layer);
    std::int64_t row = 0;
    layer.ResetReading();
    for (gdal::FeaturePtr f(layer.GetNextFeature()); f; f.reset(layer.GetNextFeature())) {
      ++row;
      ++rep.rows_read;
      if (selected && !selected->contains(f->GetFID())) {
        ++rep.skipped;
        ++out.filtered_out;
        continue;
      }
      std::optional<ContextFeature> cf = feature(ctx, *f, row, ogr);
      if (!cf) {
        ++rep.skipped;
        continue;
      }
      if (label && f->IsFieldSetAndNotNull(static_cast<int>(*label)))
        cf->label = text::trim(ogr.decode(f->GetFieldAsString(static_cast<int>(*label))));
      out.layer.features.push_back(std::move(*cf));
      ++rep.imported;
    }
    if (row == 0) ctx.diag(DiagCode::no_rows, 0, "", "", "the layer has no features; nothing drawn from it");
    out.report = rep;
    return out;
  }

 private:
  const ContextSpec& spec_;
  ImportSession::State st_;  // the FileContext's report and diagnostics (to the sink)

  // The FIDs the `where` filter selects; nullopt without a filter. Selecting first and then
  // reading every feature keeps feature numbers those of the whole layer.
  std::optional<std::set<GIntBig>> select(OGRLayer& layer) const {
    if (spec_.where.empty()) return std::nullopt;
    // Some drivers check the filter when it is set, others (GeoPackage: SQLite) only when
    // reading: an error at either point is the filter's.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    std::set<GIntBig> fids;
    OGRErr err = layer.SetAttributeFilter(spec_.where.c_str());
    if (err == OGRERR_NONE) {
      layer.ResetReading();
      for (gdal::FeaturePtr f(layer.GetNextFeature()); f; f.reset(layer.GetNextFeature())) fids.insert(f->GetFID());
      if (CPLGetLastErrorType() >= CE_Failure) err = OGRERR_FAILURE;
    }
    const std::string why = CPLGetLastErrorMsg();
    CPLPopErrorHandler();
    layer.SetAttributeFilter(nullptr);
    if (err != OGRERR_NONE)
      throw config_error(spec_.path + ": where = \"" + spec_.where + "\" is not an OGR attribute filter on this layer" +
                         (why.empty() ? "" : " (" + why + ")"));
    return fids;
  }

  // The feature's drawable geometry, or nullopt having reported why it is skipped.
  static std::optional<ContextFeature> feature(FileContext& ctx, OGRFeature& f, std::int64_t row, const OgrLayer& ogr) {
    const OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty()) {
      ctx.diag(DiagCode::geometry_empty, row, "geometry", "", "feature has no geometry; not drawn");
      return std::nullopt;
    }
    std::unique_ptr<OGRGeometry> owned(g->clone());
    ogr.to_lonlat(*owned);
    ContextFeature cf;
    cf.source_row = row;
    bool other = false;
    collect(*owned, cf, other);
    if (cf.lines.empty() && cf.polygons.empty()) {
      if (other)
        ctx.diag(DiagCode::geometry_not_polygon, row, "geometry", OGRGeometryTypeToName(g->getGeometryType()),
                 "neither a line nor an area (context layers draw lines and polygons); not drawn");
      else
        ctx.diag(DiagCode::geometry_empty, row, "geometry", OGRGeometryTypeToName(g->getGeometryType()),
                 "lines of fewer than two distinct points or rings of fewer than four; not drawn");
      return std::nullopt;
    }
    if (!any_in_japan(cf)) {
      ctx.diag(DiagCode::coordinates_out_of_range, row, "geometry", "",
               "every vertex lies outside Japan (a projected layer without its CRS, e.g. a missing .prj?); not drawn");
      return std::nullopt;
    }
    boost::geometry::correct(cf.polygons);
    return cf;
  }
};

}  // namespace

ContextRead read_context_layer(const ContextSpec& spec, DiagnosticSink& sink) {
  require_local_path(spec.path, "[[context]] \"" + spec.name + "\" file");  // safe_path.hpp
  ContextReader reader(spec, sink);
  return reader.run();
}

}  // namespace careatlas
