#include "store/persistent_table.h"

#include <gtest/gtest.h>

namespace {

struct Item {
  std::string id;
  int value = 0;
};
using Table = store::PersistentTable<Item, 8>;

TEST(PersistentTable, UpsertFindModifyErase) {
  Table t;
  t.upsert({"a", 1});
  t.upsert({"b", 2});
  t.upsert({"a", 3});  // replaces
  EXPECT_EQ(t.size(), 2u);
  ASSERT_NE(t.find("a"), nullptr);
  EXPECT_EQ(t.find("a")->value, 3);
  EXPECT_TRUE(t.modify("b", [](Item& i) { i.value = 20; }));
  EXPECT_EQ(t.find("b")->value, 20);
  EXPECT_FALSE(t.modify("zz", [](Item&) {}));
  EXPECT_TRUE(t.erase("a"));
  EXPECT_FALSE(t.erase("a"));
  EXPECT_EQ(t.find("a"), nullptr);
  EXPECT_EQ(t.size(), 1u);
}

TEST(PersistentTable, CopiesAreIndependentAndShareUntouchedShards) {
  Table original;
  for (int i = 0; i < 100; ++i) original.upsert({"id" + std::to_string(i), i});
  const Table published = original;  // what a snapshot holds
  original.modify("id7", [](Item& i) { i.value = -7; });
  original.upsert({"new", 1});

  EXPECT_EQ(published.find("id7")->value, 7) << "a published copy never changes";
  EXPECT_EQ(published.find("new"), nullptr);
  EXPECT_EQ(published.size(), 100u);
  EXPECT_EQ(original.find("id7")->value, -7);
  EXPECT_FALSE(original.sharesShardWith(published, "id7")) << "the edited shard was copied";

  int shared = 0;
  for (int i = 0; i < 100; ++i)
    if (original.sharesShardWith(published, "id" + std::to_string(i))) ++shared;
  EXPECT_GT(shared, 50) << "shards nobody touched are shared, not copied";
}

TEST(PersistentTable, ForEachVisitsEveryItemOnce) {
  Table t;
  for (int i = 0; i < 50; ++i) t.upsert({std::to_string(i), i});
  int sum = 0, count = 0;
  t.forEach([&](const Item& i) {
    sum += i.value;
    ++count;
  });
  EXPECT_EQ(count, 50);
  EXPECT_EQ(sum, 49 * 50 / 2);
}

}  // namespace
