// District polygons with the defects hand-drawn layers have (self-intersection, unclosed
// ring, duplicate vertices, empty, degenerate, null, spike) are repaired or rejected with
// a diagnostic, through both GeoJSON readers, and the analysis runs on what is imported.
#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "careatlas/app/analyze_job.hpp"
#include "careatlas/importers/import_session.hpp"
#include "sample_town.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {

InputSpec invalid_districts(const std::string& format) {
  InputSpec s = spec(InputRole::districts, fixture("boundaries/invalid_districts.geojson"));
  s.format = format;
  s.level = DistrictLevel::other;
  s.columns = {{"id", "地区ID"}, {"name", "地区名"}};
  return s;
}

const District* find(const Registry& r, const std::string& id) {
  for (const District& d : r.districts)
    if (d.id == id) return &d;
  return nullptr;
}

}  // namespace

TEST(InvalidGeometry, EveryDefectIsRepairedOrRejectedWithItsReason) {
  // "auto" takes the fast GeoJSON reader; "ogr_polygons" forces GDAL: both must agree.
  for (const std::string format : {"auto", "ogr_polygons"}) {
    SCOPED_TRACE(format);
    const Registry r = import_all({invalid_districts(format)});
    ASSERT_EQ(r.files.size(), 1u);
    const FileReport& rep = r.files[0];
    EXPECT_EQ(rep.rows_read, 8);
    EXPECT_TRUE(rep.balanced()) << rep.rows_read << " = " << rep.imported << " + " << rep.rejected << " + " << rep.skipped;
    // Imported: each valid by Boost.Geometry's rules, with a positive area.
    for (const District& d : r.districts) {
      std::string why;
      EXPECT_TRUE(boost::geometry::is_valid(d.geometry, why)) << d.id << ": " << why;
      EXPECT_GT(boost::geometry::area(d.geometry), 0.0) << d.id;
    }
    // The bow-tie is repaired into its two triangles, with a diagnostic at its row.
    const District* bowtie = find(r, "T-01");
    ASSERT_NE(bowtie, nullptr);
    EXPECT_FALSE(diags_named(r, "geometry_repaired").empty());
    // The unclosed ring, the duplicate vertices and the spike come out as usable polygons.
    for (const char* id : {"T-02", "T-03", "T-07", "T-08"}) EXPECT_NE(find(r, id), nullptr) << id;
    // Empty, two-point and null geometries are rejected, each with its row.
    for (const char* id : {"T-04", "T-05", "T-06"}) EXPECT_EQ(find(r, id), nullptr) << id;
    EXPECT_EQ(rep.rejected + rep.skipped, 3);
    std::set<std::int64_t> rows;
    for (const Diagnostic& d : r.diagnostics)
      if (d.severity == Severity::error) rows.insert(d.row);
    EXPECT_EQ(rows.size(), 3u) << "one rejection per defective feature";
  }
}

TEST(InvalidGeometry, AnalysisRunsOnRepairedDistricts) {
  // The sample town's facilities and population over the repaired districts.
  std::vector<InputSpec> inputs;
  for (const InputSpec& s : sample_project().inputs)
    if (s.role != InputRole::districts) inputs.push_back(s);
  inputs.push_back(invalid_districts("auto"));
  const Registry r = import_all(inputs);
  app::AnalyzeOptions ao;
  ao.settings.district_level = DistrictLevel::other;
  ao.layers = default_provider_layers();
  const app::AnalyzeOutcome out = app::run_analyze(r, ao);
  EXPECT_EQ(out.districts.size(), 5u);
  for (const app::DistrictMetrics& m : out.districts) {
    EXPECT_GE(m.uncovered_share, 0.0) << m.id;
    EXPECT_LE(m.uncovered_share, 1.0) << m.id;
    EXPECT_GE(m.pop65, 0.0) << m.id;
  }
}
