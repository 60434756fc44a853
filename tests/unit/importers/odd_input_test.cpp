// Odd but real-world input: files saved by other tools, half-empty sheets, repeated
// data. Each case must keep every row accounted for and say what happened.
#include <gtest/gtest.h>

#include "careatlas/geometry/municipality_check.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/model/config_error.hpp"
#include "input_format.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

namespace {
const std::string kKaigo = "kaigo/jigyosho_130_testshi.csv";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
  return s;
}

// Data lines of a CSV text (independent of careatlas's reader): CR LF, LF or CR ends a line.
std::size_t physical_lines(const std::string& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++n;
  return n;
}
}  // namespace

TEST(OddInput, CrOnlyLineEndingsReadLikeCrlf) {
  const std::string dir = scratch_dir("odd_cr");
  const std::string crlf = read_file(fixture(kKaigo));
  const std::string cr = replace_all(crlf, "\r\n", "\r");
  ASSERT_EQ(physical_lines(cr), physical_lines(crlf));
  write_file(dir + "/jigyosho_130.csv", cr);
  const Registry a = import_all({spec(InputRole::facilities, fixture(kKaigo))});
  const Registry b = import_all({spec(InputRole::facilities, dir + "/jigyosho_130.csv")});
  const FileReport& ra = a.files.at(0);
  const FileReport& rb = b.files.at(0);
  EXPECT_EQ(rb.rows_read, static_cast<std::int64_t>(physical_lines(cr)) - 1);  // all but the header
  EXPECT_EQ(rb.rows_read, ra.rows_read);
  EXPECT_EQ(rb.imported, ra.imported);
  EXPECT_EQ(rb.rejected, ra.rejected);
  EXPECT_EQ(rb.skipped, ra.skipped);
  ASSERT_EQ(b.facilities.size(), a.facilities.size());
  EXPECT_EQ(b.facilities[0].availability_note, a.facilities[0].availability_note);
}

TEST(OddInput, HeaderOnlyFileIsImportedEmptyWithAWarning) {
  const std::string dir = scratch_dir("odd_header_only");
  const std::string full = read_file(fixture(kKaigo));
  write_file(dir + "/jigyosho_130.csv", full.substr(0, full.find("\r\n") + 2));
  const Registry r = import_all({spec(InputRole::facilities, dir + "/jigyosho_130.csv")});
  EXPECT_EQ(r.files.at(0).rows_read, 0);
  EXPECT_EQ(diags_named(r, "no_rows").size(), 1u);
}

TEST(OddInput, CommaOnlyRowsAndDosEofAreSkippedBlankLines) {
  const std::string dir = scratch_dir("odd_commas");
  std::string csv = read_file(fixture(kKaigo));
  csv += std::string(23, ',') + "\r\n" + std::string(23, ',') + "\r\n\x1A";
  write_file(dir + "/jigyosho_130.csv", csv);
  const Registry r = import_all({spec(InputRole::facilities, dir + "/jigyosho_130.csv")});
  const FileReport& f = r.files.at(0);
  EXPECT_EQ(f.rows_read, 9 + 3);
  EXPECT_EQ(f.skipped, 1 + 3);
  EXPECT_EQ(f.imported, 6);
  EXPECT_TRUE(f.balanced());
  EXPECT_TRUE(diags_named(r, "missing_id").size() == 1u) << "only the planted row";
}

TEST(OddInput, DenialsOfTwentyFourHourServiceAreNotHints) {
  const std::string dir = scratch_dir("odd_denial");
  std::string csv = read_file(fixture(kKaigo));
  csv = replace_all(csv, "緊急時、電話にて24時間、対応可能", "24時間対応はしておりません");
  write_file(dir + "/jigyosho_130.csv", csv);
  const Registry r = import_all({spec(InputRole::facilities, dir + "/jigyosho_130.csv")});
  EXPECT_TRUE(diags_named(r, "hint_24h").empty());
  EXPECT_TRUE(r.facilities.at(0).support_24h_hint.empty());
}

TEST(OddInput, MunicipalityCodeCheckDigitAndPrefectureCodes) {
  const std::string dir = scratch_dir("odd_codes");
  std::string csv = read_file(fixture(kKaigo));
  // line 2: 990019 → 990018 (wrong check digit); line 3: a prefecture code; line 4: letters
  const auto l2 = csv.find("\r\n990019") + 2;
  csv.replace(l2, 6, "990018");
  const auto l3 = csv.find("\r\n990019", l2) + 2;
  csv.replace(l3, 6, "99");
  const auto l4 = csv.find("\r\n990019", l3) + 2;
  csv.replace(l4, 6, "99001x");
  write_file(dir + "/jigyosho_130.csv", csv);
  const Registry r = import_all({spec(InputRole::facilities, dir + "/jigyosho_130.csv")});
  const auto bad = diags_named(r, "value_invalid");
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0].row, 2);
  EXPECT_NE(bad[0].message.find("check digit should be 9"), std::string::npos) << bad[0].message;
  EXPECT_EQ(bad[1].row, 4);
  EXPECT_EQ(r.facilities[0].municipality_code, "99001");  // used anyway, with the warning
  EXPECT_EQ(r.facilities[1].municipality_code, "");        // prefecture-designated office
  EXPECT_EQ(r.facilities[2].municipality_code, "");
}

TEST(OddInput, InvalidBytesAreReportedWithTheirLine) {
  const std::string dir = scratch_dir("odd_bytes");
  write_file(dir + "/f.csv", "facility_id,name,kind,lat,lon\nA1,ok,clinic,35.5,139.4\nA2,\xFF\xFE\xFD\x80,clinic,35.5,139.4\n");
  try {
    import_all({spec(InputRole::facilities, dir + "/f.csv")});
    FAIL() << "expected import_error";
  } catch (const import_error& e) {
    EXPECT_EQ(e.diagnostic().code, DiagCode::encoding_invalid);
    EXPECT_EQ(e.diagnostic().row, 3);
  }
}

TEST(OddInput, DistrictIdRepeatedInAnotherFileIsRejectedNotMerged) {
  const std::string n03 = fixture("boundaries/N03-24_99_240101_test.geojson");
  const std::string dir = scratch_dir("odd_districts");
  write_file(dir + "/copy.geojson", read_file(n03));
  const Registry r = import_all({spec(InputRole::districts, n03), spec(InputRole::districts, dir + "/copy.geojson")});
  ASSERT_EQ(r.districts.size(), 3u);
  EXPECT_EQ(r.districts[0].geometry.size(), 2u);  // not doubled
  const FileReport& second = r.files.at(1);
  EXPECT_EQ(second.imported, 0);
  EXPECT_EQ(second.rejected, 4);
  EXPECT_EQ(second.skipped, 1);
  EXPECT_EQ(diags_named(r, "duplicate_id").size(), 4u);
}

TEST(OddInput, ProjectedMeshDuplicatesAreRejected) {
  const std::string dir = scratch_dir("odd_projected");
  write_file(dir + "/p.csv",
             "MESH_ID,SHICODE,PTN_2040,PTC_2040,PTD_2040\n"
             "533946111,13101,10.5,4.2,2.1\n"
             "533946112,13101,8,3,1\n"
             "533946111,13101,99,99,99\n");
  const Registry r = import_all({spec(InputRole::population, dir + "/p.csv")});
  EXPECT_EQ(r.files.at(0).imported, 2);
  EXPECT_EQ(r.files.at(0).rejected, 1);
  EXPECT_EQ(r.population.size(), 2u);
  EXPECT_EQ(diags_named(r, "duplicate_id").at(0).row, 4);
}

TEST(OddInput, PopulationWithoutYearIsWarned) {
  const std::string dir = scratch_dir("odd_year");
  write_file(dir + "/m.csv", "mesh_code,pop_total,pop_65plus,pop_75plus\n533946111,10,3,1\n");
  const Registry r = import_all({spec(InputRole::population, dir + "/m.csv")});
  EXPECT_EQ(diags_named(r, "year_unknown").size(), 1u);
  InputSpec s = spec(InputRole::population, dir + "/m.csv");
  s.year = 2020;
  EXPECT_TRUE(diags_named(import_all({s}), "year_unknown").empty());
}

TEST(OddInput, SurveyTextOutsideCp932IsWarned) {
  const std::string dir = scratch_dir("odd_survey");
  write_file(dir + "/s.csv",
             "医療機関ID,医療機関名,所在地,ケアマネタイム,担当者\n"
             "9970100011,あおぞら訪問看護ステーション,テスト県テスト市本町1-2-3,月 13:00～14:00,𠮷田\n");
  const Registry r = import_all({spec(InputRole::facilities, fixture(kKaigo)), spec(InputRole::survey, dir + "/s.csv")});
  const auto d = diags_named(r, "not_cp932");
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d.back().column, "担当者");
  EXPECT_EQ(d.back().row, 2);
}

TEST(OddInput, FacilitiesOfMunicipalitiesWithoutPolygonsAreNoted) {
  Registry r = import_all({spec(InputRole::facilities, fixture(kKaigo)),
                           spec(InputRole::districts, fixture("boundaries/N03-24_99_240101_test.geojson"))});
  std::erase_if(r.districts, [](const District& d) { return d.id == "99002"; });  // drop となり町
  DiagnosticCollector sink;
  const auto res = geometry::check_municipalities(r, sink);
  EXPECT_EQ(res.no_polygon, 1u);
  const auto d = diags_named(r, "municipality_unknown");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].row, 8);
  EXPECT_EQ(d[0].value, "99002");
}

TEST(InputFormats, OneTableInEnumOrderAndNamesRoundTrip) {
  for (std::size_t i = 0; i < input_format_table().size(); ++i) {
    const InputFormatInfo& f = input_format_table()[i];
    EXPECT_EQ(static_cast<std::size_t>(f.format), i) << f.name;
    EXPECT_EQ(input_format_named(f.name), f.format) << f.name;
    // Text formats have a header test and a reader, layers OGR; road networks (OSM) their
    // own reader (read_network), sniffed by content.
    const bool text = !f.layer && f.role != InputRole::network;
    EXPECT_EQ(text, f.read != nullptr) << f.name;
    EXPECT_EQ(text, f.detect != nullptr) << f.name;
  }
  EXPECT_FALSE(input_format_named("auto"));
  // An explicit format careatlas does not know is a project error naming the known ones.
  InputSpec s = spec(InputRole::facilities, fixture("kaigo/jigyosho_130_testshi.csv"));
  s.format = "kaigo";
  try {
    import_all({s});
    FAIL() << "expected config_error";
  } catch (const config_error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown format \"kaigo\" (auto, kaigo_csv, iryo_facility"), std::string::npos)
        << e.what();
  }
}
