// Population readers: e-Stat mesh statistics (.txt, CP932, two header rows), 将来推計人口
// mesh CSV, and the bench mesh_population.csv layout. Fixtures: tests/fixtures/population.
#include <gtest/gtest.h>

#include "careatlas/importers/import_error.hpp"
#include "test_support.hpp"

namespace careatlas {
namespace {

using testing::diags_named;
using testing::fixture;
using testing::import_all;
using testing::report_for;
using testing::scratch_dir;
using testing::spec;
using testing::write_file;

const PopulationCell* cell(const Registry& reg, std::uint64_t code, int year) {
  for (const auto& c : reg.population)
    if (c.mesh_code == code && c.year == year) return &c;
  return nullptr;
}

InputSpec population(const std::string& path, int year = 0) {
  InputSpec s = spec(InputRole::population, path);
  s.year = year;
  return s;
}

// The file-level failure of an import (fails the test when there is none).
Diagnostic failure(const InputSpec& s) {
  try {
    import_all({s});
  } catch (const import_error& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << s.path << " imported without an error";
  return {};
}

std::vector<std::int64_t> rows_of(const std::vector<Diagnostic>& ds) {
  std::vector<std::int64_t> rows;
  for (const auto& d : ds) rows.push_back(d.row);
  return rows;
}

// ---- e-Stat 地域メッシュ統計 -----------------------------------------------------------

class PopulationEstat : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { reg_ = new Registry(import_all({population(fixture("population/tblT001141H5339.txt"), 2020)})); }
  static void TearDownTestSuite() { delete reg_; }
  static Registry* reg_;
};
Registry* PopulationEstat::reg_ = nullptr;

TEST_F(PopulationEstat, ReportCountsAddUp) {
  const FileReport* rep = report_for(*reg_, "tblT001141H5339.txt");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->format, "estat_mesh");
  EXPECT_EQ(rep->encoding, "CP932");
  // Data lines 3–12: 6 cells (2 of them suppressed), 2 rejected, a blank line and the 0x1A line.
  EXPECT_EQ(rep->rows_read, 10);
  EXPECT_EQ(rep->imported, 6);
  EXPECT_EQ(rep->rejected, 2);
  EXPECT_EQ(rep->skipped, 2);
  EXPECT_EQ(rep->warnings, 1);
  EXPECT_TRUE(rep->balanced());
  EXPECT_EQ(reg_->population.size(), 6u);
}

TEST_F(PopulationEstat, FiguresChosenByLabelNotPosition) {
  const PopulationCell* c = cell(*reg_, 533946111, 2020);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->total, 450.0);  // 人口（総数）, the 7th column here
  EXPECT_EQ(c->age65plus, 120.0);
  EXPECT_EQ(c->age75plus, 60.0);
  EXPECT_EQ(c->merged_into, 0u);
  EXPECT_EQ(c->merged_from, "");
  EXPECT_EQ(c->source_file, "tblT001141H5339.txt");
}

TEST_F(PopulationEstat, SuppressedCellsPointToTheReceivingCell) {
  for (std::uint64_t code : {533946112ull, 533946121ull}) {
    const PopulationCell* c = cell(*reg_, code, 2020);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_FALSE(c->total) << code;
    EXPECT_FALSE(c->age65plus) << code;
    EXPECT_FALSE(c->age75plus) << code;
    EXPECT_EQ(c->merged_into, 533946114u) << code;
  }
  const auto notes = diags_named(*reg_, "population_suppressed");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(rows_of(notes), (std::vector<std::int64_t>{4, 7}));
  for (const auto& d : notes) {
    EXPECT_EQ(d.severity, Severity::info);
    EXPECT_EQ(d.value, "533946114");
    EXPECT_NE(d.message.find("533946114"), std::string::npos) << d.message;
  }
  const PopulationCell* receiver = cell(*reg_, 533946114, 2020);
  ASSERT_NE(receiver, nullptr);
  EXPECT_EQ(receiver->total, 300.0);
  EXPECT_EQ(receiver->age65plus, 80.0);
  EXPECT_EQ(receiver->age75plus, 40.0);
  EXPECT_EQ(receiver->merged_from, "533946112;533946121");
}

TEST_F(PopulationEstat, MarksAndFullWidthDigits) {
  const PopulationCell* small = cell(*reg_, 533946113, 2020);
  ASSERT_NE(small, nullptr);
  EXPECT_EQ(small->total, 12.0);
  EXPECT_FALSE(small->age65plus);  // '-'
  EXPECT_FALSE(small->age75plus);  // '*'
  const PopulationCell* c = cell(*reg_, 533946122, 2020);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->total, 30.0);
  EXPECT_EQ(c->age65plus, 12.0);  // １２
  EXPECT_FALSE(c->age75plus);     // "ab"
}

TEST_F(PopulationEstat, DiagnosticsOnPhysicalLines) {
  const auto bad_code = diags_named(*reg_, "mesh_code_invalid");
  ASSERT_EQ(bad_code.size(), 1u);
  EXPECT_EQ(bad_code[0].row, 8);
  EXPECT_EQ(bad_code[0].column, "KEY_CODE");
  EXPECT_EQ(bad_code[0].value, "53394612X");
  EXPECT_EQ(bad_code[0].severity, Severity::error);
  const auto dup = diags_named(*reg_, "duplicate_id");
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].row, 10);
  EXPECT_NE(dup[0].message.find("line 3"), std::string::npos) << dup[0].message;
  const auto bad_figure = diags_named(*reg_, "population_value_invalid");
  ASSERT_EQ(bad_figure.size(), 1u);
  EXPECT_EQ(bad_figure[0].row, 9);
  EXPECT_EQ(bad_figure[0].value, "ab");
  EXPECT_NE(bad_figure[0].column.find("T001141019"), std::string::npos) << bad_figure[0].column;
  const auto blank = diags_named(*reg_, "blank_line");
  EXPECT_EQ(rows_of(blank), (std::vector<std::int64_t>{11, 12}));
  EXPECT_TRUE(diags_named(*reg_, "field_count").empty());
  EXPECT_TRUE(diags_named(*reg_, "column_missing").empty());
}

TEST_F(PopulationEstat, AttributionOfTheCensus) {
  ASSERT_EQ(reg_->sources.size(), 1u);
  EXPECT_EQ(reg_->sources[0].format, "estat_mesh");
  EXPECT_EQ(reg_->sources[0].attribution, "「国勢調査」（総務省統計局）を加工して作成");
}

TEST(PopulationEstatVariants, LabelVariantsAndMissing75) {
  const Registry reg = import_all({population(fixture("population/tblT000876H5439.txt"))});
  const FileReport* rep = report_for(reg, "tblT000876H5439.txt");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->rows_read, 2);
  EXPECT_EQ(rep->imported, 2);
  EXPECT_TRUE(rep->balanced());
  const auto missing = diags_named(reg, "column_missing");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].row, 2);
  const PopulationCell* a = cell(reg, 543907123, 0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->total, 15.0);
  EXPECT_EQ(a->age65plus, 7.0);
  EXPECT_FALSE(a->age75plus);
  const PopulationCell* b = cell(reg, 543907124, 0);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->total, 8.0);
  EXPECT_FALSE(b->age65plus);
}

TEST(PopulationEstatVariants, UnknownLabelsFailListingTheLabels) {
  const std::string path = scratch_dir("population_estat_labels") + "/tblT000000H5339.txt";
  write_file(path, "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T1,T2\r\n,,,,　世帯総数,　一般世帯数\r\n533946111,0,,,5,5\r\n");
  const Diagnostic d = failure(population(path));
  EXPECT_EQ(d.code, DiagCode::header_unrecognised);
  EXPECT_EQ(d.row, 2);
  EXPECT_NE(d.message.find("世帯総数"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("一般世帯数"), std::string::npos) << d.message;
}

TEST(PopulationEstatVariants, Missing65ColumnFails) {
  const std::string path = scratch_dir("population_estat_no65") + "/tbl.txt";
  write_file(path, "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T1,T2\r\n,,,,　人口（総数）,　７５歳以上人口　総数\r\n533946111,0,,,5,5\r\n");
  const Diagnostic d = failure(population(path));
  EXPECT_EQ(d.code, DiagCode::header_unrecognised);
  EXPECT_NE(d.message.find("65"), std::string::npos) << d.message;
}

TEST(PopulationEstatVariants, MissingLabelRowFails) {
  const std::string path = scratch_dir("population_estat_one_header") + "/tbl.txt";
  write_file(path, "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T1,T2\r\n");
  const Diagnostic d = failure(population(path));
  EXPECT_EQ(d.code, DiagCode::header_unrecognised);
  EXPECT_EQ(d.row, 2);
}

TEST(PopulationEstatVariants, EofMarkAfterTheLastRecord) {
  const std::string path = scratch_dir("population_estat_eof") + "/tbl.txt";
  write_file(path, "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T1,T2\r\n,,,,　人口（総数）,　６５歳以上人口　総数\r\n"
                   "533946111,0,,,5,2\r\n533946112,0,,,7,3\x1A");
  const Registry reg = import_all({population(path)});
  const FileReport* rep = report_for(reg, "tbl.txt");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->rows_read, 2);
  EXPECT_EQ(rep->imported, 2);
  EXPECT_TRUE(diags_named(reg, "blank_line").empty());
  const PopulationCell* c = cell(reg, 533946112, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->age65plus, 3.0);
}

// ---- 将来推計人口 mesh ------------------------------------------------------------------

TEST(PopulationProjected, AllYearsByDefault) {
  const Registry reg = import_all({population(fixture("population/projected_mesh_5339.csv"))});
  const FileReport* rep = report_for(reg, "projected_mesh_5339.csv");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->format, "projected_mesh");
  EXPECT_EQ(rep->rows_read, 4);
  EXPECT_EQ(rep->imported, 3);
  EXPECT_EQ(rep->rejected, 1);
  EXPECT_EQ(rep->skipped, 0);
  EXPECT_EQ(rep->warnings, 1);
  EXPECT_TRUE(rep->balanced());
  ASSERT_EQ(reg.population.size(), 6u);  // 3 cells × 2020, 2040
  const PopulationCell* a = cell(reg, 533946111, 2020);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->total, 450.123);
  EXPECT_EQ(a->age65plus, 120.25);
  EXPECT_EQ(a->age75plus, 60.75);
  EXPECT_EQ(a->source_file, "projected_mesh_5339.csv");
  const PopulationCell* b = cell(reg, 533946111, 2040);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->total, 380.5);
  EXPECT_EQ(b->age65plus, 150.0);
  EXPECT_EQ(b->age75plus, 90.125);
  const PopulationCell* small = cell(reg, 533946112, 2040);
  ASSERT_NE(small, nullptr);
  EXPECT_EQ(small->total, 8.0);
  // A figure that is not a number: warned, left empty; the other figures are kept.
  const PopulationCell* bad = cell(reg, 533946113, 2020);
  ASSERT_NE(bad, nullptr);
  EXPECT_FALSE(bad->total);
  EXPECT_EQ(bad->age65plus, 2.0);
  EXPECT_EQ(cell(reg, 533946113, 2040)->total, 3.5);
  const auto warn = diags_named(reg, "population_value_invalid");
  ASSERT_EQ(warn.size(), 1u);
  EXPECT_EQ(warn[0].row, 5);
  EXPECT_EQ(warn[0].column, "PTN_2020");
  EXPECT_EQ(warn[0].value, "abc");
  const auto invalid = diags_named(reg, "mesh_code_invalid");
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0].row, 4);
  EXPECT_EQ(invalid[0].column, "MESH_ID");
  EXPECT_EQ(reg.sources[0].attribution, "「国土数値情報（将来推計人口メッシュ）」（国土交通省）を加工して作成");
}

TEST(PopulationProjected, SelectedYearOnly) {
  InputSpec s = population(fixture("population/projected_mesh_5339.csv"));
  s.years = {2040};
  const Registry reg = import_all({s});
  ASSERT_EQ(reg.population.size(), 3u);
  for (const auto& c : reg.population) EXPECT_EQ(c.year, 2040);
  EXPECT_EQ(cell(reg, 533946111, 2040)->age75plus, 90.125);
  EXPECT_TRUE(diags_named(reg, "population_value_invalid").empty());  // the bad figure is in 2020
}

TEST(PopulationProjected, MissingYearFailsNamingTheYearsAvailable) {
  InputSpec s = population(fixture("population/projected_mesh_5339.csv"));
  s.years = {2020, 2035};
  const Diagnostic d = failure(s);
  EXPECT_EQ(d.code, DiagCode::year_missing);
  EXPECT_EQ(d.row, 1);
  EXPECT_EQ(d.value, "2035");
  EXPECT_NE(d.message.find("2020, 2040"), std::string::npos) << d.message;
}

TEST(PopulationProjected, LowerCaseNamesEmptyValuesAndMissingPtd) {
  const std::string path = scratch_dir("population_projected_lower") + "/proj.csv";
  write_file(path, "mesh_id,shicode,ptn_2030,ptc_2030\n533946111,13101,10.5,3\n533946112,13101,,\n");
  const Registry reg = import_all({population(path)});
  ASSERT_EQ(reg.population.size(), 2u);
  const PopulationCell* a = cell(reg, 533946111, 2030);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->total, 10.5);
  EXPECT_EQ(a->age65plus, 3.0);
  EXPECT_FALSE(a->age75plus);
  const PopulationCell* b = cell(reg, 533946112, 2030);
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->total);  // empty: unknown, no warning
  EXPECT_TRUE(diags_named(reg, "population_value_invalid").empty());
  const auto missing = diags_named(reg, "column_missing");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].column, "PTD_2030");
}

TEST(PopulationProjected, NoMeshIdFails) {
  const std::string path = scratch_dir("population_projected_nomesh") + "/proj.csv";
  write_file(path, "MESHCODE,PTN_2020\n533946111,10\n");
  InputSpec s = population(path);
  s.format = "projected_mesh";
  const Diagnostic d = failure(s);
  EXPECT_EQ(d.code, DiagCode::header_unrecognised);
  EXPECT_EQ(d.row, 1);
}

// ---- mesh_population.csv (bench layout) ------------------------------------------------

TEST(PopulationMeshCsv, RowsValuesAndDiagnostics) {
  const Registry reg = import_all({population(fixture("population/mesh_population.csv"), 2020)});
  const FileReport* rep = report_for(reg, "mesh_population.csv");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->format, "mesh_csv");
  EXPECT_EQ(rep->rows_read, 6);
  EXPECT_EQ(rep->imported, 4);
  EXPECT_EQ(rep->rejected, 2);
  EXPECT_EQ(rep->skipped, 0);
  EXPECT_EQ(rep->warnings, 1);
  EXPECT_TRUE(rep->balanced());
  ASSERT_EQ(reg.population.size(), 4u);
  const PopulationCell& first = reg.population[0];
  EXPECT_EQ(first.mesh_code, 533913854u);
  EXPECT_EQ(first.year, 2020);
  EXPECT_EQ(first.total, 27.0);
  EXPECT_EQ(first.age65plus, 8.0);
  EXPECT_EQ(first.age75plus, 6.0);
  EXPECT_EQ(first.source_file, "mesh_population.csv");
  EXPECT_EQ(cell(reg, 533913902, 2020)->total, 53.0);  // the first occurrence is kept
  const PopulationCell* warned = cell(reg, 533913911, 2020);
  ASSERT_NE(warned, nullptr);
  EXPECT_FALSE(warned->age65plus);
  EXPECT_EQ(warned->age75plus, 8.0);
  EXPECT_EQ(cell(reg, 53391391, 2020)->total, 1200.0);  // a 1 km cell
  const auto invalid = diags_named(reg, "mesh_code_invalid");
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0].row, 4);
  EXPECT_EQ(invalid[0].value, "533913905");
  const auto dup = diags_named(reg, "duplicate_id");
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].row, 6);
  const auto warn = diags_named(reg, "population_value_invalid");
  ASSERT_EQ(warn.size(), 1u);
  EXPECT_EQ(warn[0].row, 5);
  EXPECT_EQ(warn[0].column, "pop_65plus");
}

TEST(PopulationMeshCsv, YearZeroWhenNotGiven) {
  const Registry reg = import_all({population(fixture("population/mesh_population.csv"))});
  ASSERT_FALSE(reg.population.empty());
  for (const auto& c : reg.population) EXPECT_EQ(c.year, 0);
}

TEST(PopulationMeshCsv, SameCellsAgainInAnotherFileAreDuplicates) {
  const std::string copy = scratch_dir("population_mesh_twice") + "/again.csv";
  write_file(copy, testing::read_file(fixture("population/mesh_population.csv")));
  const Registry reg = import_all({population(fixture("population/mesh_population.csv"), 2020), population(copy, 2020)});
  const FileReport* rep = report_for(reg, "again.csv");
  ASSERT_NE(rep, nullptr);
  EXPECT_EQ(rep->imported, 0);
  EXPECT_EQ(rep->rejected, 6);
  EXPECT_EQ(reg.population.size(), 4u);
  // A different year is a different cell-year.
  const Registry two_years =
      import_all({population(fixture("population/mesh_population.csv"), 2020), population(copy, 2015)});
  EXPECT_EQ(two_years.population.size(), 8u);
}

}  // namespace
}  // namespace careatlas
