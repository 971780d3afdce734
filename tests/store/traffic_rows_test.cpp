// The overlay's capture in shared chunks: appending shares what was held, indexes stay with
// their rows while old chunks go, and a row is marked undecoded whether its mark or the row
// comes first.
#include "store/state.h"
#include "store/traffic_rows.h"

#include <gtest/gtest.h>

namespace {

using store::TrafficRow;
using store::TrafficRows;

std::vector<TrafficRow> rowsNumbered(std::uint64_t first, std::size_t count, std::size_t bodyBytes = 0) {
  std::vector<TrafficRow> rows(count);
  for (std::size_t i = 0; i < count; ++i) {
    rows[i].sequence = first + i;
    rows[i].responseBody.assign(bodyBytes, 'x');
  }
  return rows;
}

TEST(TrafficRows, AppendingKeepsIndexesAndSharesTheRowsAlreadyHeld) {
  TrafficRows rows(rowsNumbered(1, 1500));
  const TrafficRows before = rows;  // as a published snapshot holds it
  rows.append(rowsNumbered(1501, 1000));
  EXPECT_EQ(rows.size(), 2500u);
  EXPECT_EQ(rows.lineage(), before.lineage());
  EXPECT_EQ(&rows.at(0), &before.at(0)) << "the first, full chunk is shared, not copied";
  EXPECT_NE(&rows.at(1024), &before.at(1024)) << "the partly filled chunk was copied before it grew";
  EXPECT_EQ(before.size(), 1500u) << "the snapshot's list did not change";
  EXPECT_EQ(rows.at(2499).sequence, 2500u);
  std::uint64_t expected = 1;
  for (const TrafficRow& row : rows) EXPECT_EQ(row.sequence, expected++);
  EXPECT_NE(TrafficRows().lineage(), rows.lineage()) << "a new capture is another lineage";
}

TEST(TrafficRows, TheOldestChunksGoPastTheRowAndByteBounds) {
  TrafficRows rows;
  rows.append(rowsNumbered(1, 3000), 2000);
  EXPECT_EQ(rows.firstIndex(), 1024u) << "a whole chunk went";
  EXPECT_EQ(rows.endIndex(), 3000u);
  EXPECT_EQ(rows.at(1024).sequence, 1025u) << "an index names the same row as before";
  EXPECT_FALSE(rows.holds(1023));

  TrafficRows big;
  big.append(rowsNumbered(1, 2048, 1000), TrafficRows::kUnbounded, 1'500'000);
  EXPECT_EQ(big.size(), 1024u);
  EXPECT_LE(big.heldBytes(), 1'500'000u);
  TrafficRows huge;
  huge.append(rowsNumbered(1, 10, 1000), TrafficRows::kUnbounded, 10);
  EXPECT_EQ(huge.size(), 10u) << "the newest chunk stays, even over the bound";
}

TEST(TrafficRows, AMarkChangesOneRowAndTheRevisionButNoSnapshot) {
  TrafficRows rows(rowsNumbered(10, 2000));
  const TrafficRows before = rows;
  EXPECT_TRUE(rows.markUndecoded(1500));
  EXPECT_TRUE(rows.at(1490).undecoded);
  EXPECT_FALSE(before.at(1490).undecoded);
  EXPECT_EQ(rows.revision(), before.revision() + 1);
  EXPECT_FALSE(rows.markUndecoded(9));
  EXPECT_FALSE(rows.markUndecoded(2010));
}

TEST(TrafficRows, TheStateMarksARowWhetherItsMarkOrTheRowComesFirstAndAgainAfterReopening) {
  store::State state;
  state.appendTraffic(rowsNumbered(1, 10));
  state.noteUndecoded(5);   // the row is held
  state.noteUndecoded(12);  // decoded before its row was handed over
  state.appendTraffic(rowsNumbered(11, 5));
  for (const TrafficRow& row : *state.traffic)
    EXPECT_EQ(row.undecoded, row.sequence == 5 || row.sequence == 12) << row.sequence;
  // The overlay closed and opened again: the log's rows come again, and so do their marks.
  state.traffic.edit() = TrafficRows();
  state.appendTraffic(rowsNumbered(1, 15));
  for (const TrafficRow& row : *state.traffic)
    EXPECT_EQ(row.undecoded, row.sequence == 5 || row.sequence == 12) << row.sequence;
}

}  // namespace
