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
