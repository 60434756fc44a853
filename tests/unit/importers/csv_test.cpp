#include <gtest/gtest.h>

#include "careatlas/importers/csv.hpp"

using careatlas::csv::Reader;
using careatlas::csv::Record;

namespace {
std::vector<Record> all(std::string_view text) {
  Reader r(text);
  std::vector<Record> out;
  Record rec;
  while (r.next(rec)) out.push_back(rec);
  return out;
}
}  // namespace

TEST(Csv, CrlfQuotedCommasAndPhysicalLines) {
  auto recs = all("a,b,c\r\n1,\"平日,土曜日\",x\r\n\"multi\r\nline\",2,\"q\"\"q\"\r\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].fields[1], "平日,土曜日");
  EXPECT_EQ(recs[1].first_line, 2);
  EXPECT_EQ(recs[2].fields[0], "multi\r\nline");
  EXPECT_EQ(recs[2].fields[2], "q\"q");
  EXPECT_EQ(recs[2].first_line, 3);
  EXPECT_EQ(recs[2].last_line, 4);
}

TEST(Csv, BlankLinesAreRecordsWithLineNumbers) {
  auto recs = all("h\n1\n\n2\n\n");
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_TRUE(recs[2].blank);
  EXPECT_EQ(recs[2].first_line, 3);
  EXPECT_TRUE(recs[4].blank);
  EXPECT_EQ(recs[4].first_line, 5);
}

TEST(Csv, MissingFinalNewlineAndUnterminatedQuote) {
  auto recs = all("a,b\n1,2");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_FALSE(recs[1].terminated);
  EXPECT_EQ(recs[1].fields[1], "2");
  auto bad = all("a,b\n1,\"open");
  EXPECT_TRUE(bad[1].unterminated_quote);
}

TEST(Csv, QuoteFieldOnlyWhenNeeded) {
  EXPECT_EQ(careatlas::csv::quote_field("abc"), "abc");
  EXPECT_EQ(careatlas::csv::quote_field("a,b"), "\"a,b\"");
  EXPECT_EQ(careatlas::csv::quote_field("a\"b"), "\"a\"\"b\"");
}

TEST(CsvWriter, ExcelTextHasAByteOrderMarkAndCrlfLineEnds) {
  careatlas::csv::Writer w;
  EXPECT_EQ(w.text(), "\xEF\xBB\xBF");  // a table without rows is the mark alone
  w.row({"番号", "名称"}).row({"1", "みさき診療所"});
  EXPECT_EQ(w.text(), "\xEF\xBB\xBF番号,名称\r\n1,みさき診療所\r\n");
}

TEST(CsvWriter, QuotesCommasQuotesAndLineBreaksOnly) {
  careatlas::csv::Writer w;
  w.row({"平日,土曜日", "say \"hi\"", "two\nlines", "cr\rlf\r\n", "plain", "全角，読点"});
  EXPECT_EQ(w.text(),
            "\xEF\xBB\xBF\"平日,土曜日\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rlf\r\n\",plain,全角，読点\r\n");
}

TEST(CsvWriter, EmptyFieldsStayEmpty) {
  careatlas::csv::Writer w;
  w.row({"a", "", "b", ""}).row({""}).row(std::vector<std::string>{"", ""});
  EXPECT_EQ(w.text(), "\xEF\xBB\xBF" "a,,b,\r\n\r\n,\r\n");
}

TEST(CsvWriter, VectorRowsAreWrittenAsListRows) {
  const std::vector<std::string> fields = {"id", "a,b", "", "x\"y"};
  careatlas::csv::Writer a, b;
  a.row(fields);
  b.row({"id", "a,b", "", "x\"y"});
  EXPECT_EQ(a.text(), b.text());
  EXPECT_EQ(std::move(a).text(), "\xEF\xBB\xBFid,\"a,b\",,\"x\"\"y\"\r\n");
}

TEST(CsvWriter, PlainTextHasNoMarkAndLfLineEnds) {
  careatlas::csv::Writer w(careatlas::csv::Writer::Dialect::plain);
  EXPECT_EQ(w.text(), "");
  w.row({"district_id", "hour"}).row({"52201-01", "0"}).row({"a,b", ""});
  EXPECT_EQ(w.text(), "district_id,hour\n52201-01,0\n\"a,b\",\n");
}

TEST(CsvWriter, TheReaderReadsBackWhatItWrites) {
  const std::vector<std::string> fields = {"平日,土曜日", "q\"q", "multi\r\nline", "", "end"};
  careatlas::csv::Writer w;
  w.row(fields).row({"x"});
  const std::string& text = w.text();
  ASSERT_TRUE(text.starts_with("\xEF\xBB\xBF"));
  const auto recs = all(std::string_view(text).substr(3));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields, fields);
  EXPECT_EQ(recs[0].first_line, 1);
  EXPECT_EQ(recs[0].last_line, 2);
  EXPECT_EQ(recs[1].fields, std::vector<std::string>{"x"});
}
