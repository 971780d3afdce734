// PersistentTable: an id-keyed table whose copies share everything they have in common.
//
// Items live in shards picked by a hash of their id; a shard is a vector of pointers to
// immutable items. Copying a table copies only the shard pointers, and changing one item
// copies one shard's pointer vector and that one item, so publishing a snapshot after one
// agent changes costs the same with 100 agents or 100,000. A shard that no snapshot shares
// (use_count 1, only the store holds it) is edited in place, so a burst of events between
// two publishes copies each touched shard at most once.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace store {

template <class T, std::size_t ShardCount = 256>
class PersistentTable {
 public:
  using ItemPtr = std::shared_ptr<const T>;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  const T* find(std::string_view id) const {
    const auto& shard = shards_[shardOf(id)];
    if (!shard) return nullptr;
    for (const auto& item : *shard)
      if (item->id == id) return item.get();
    return nullptr;
  }

  ItemPtr findShared(std::string_view id) const {
    const auto& shard = shards_[shardOf(id)];
    if (!shard) return nullptr;
    for (const auto& item : *shard)
      if (item->id == id) return item;
    return nullptr;
  }

  // Inserts or replaces the item with the same id.
  void upsert(T item) { put(std::make_shared<const T>(std::move(item))); }

  void put(ItemPtr item) {
    auto& shard = writableShard(shardOf(item->id));
    for (auto& existing : shard) {
      if (existing->id == item->id) {
        existing = std::move(item);
        return;
      }
    }
    shard.push_back(std::move(item));
    ++size_;
  }

  // Copies the item, lets `edit` change it, stores it back. Returns false if absent.
  template <class Edit>
  bool modify(std::string_view id, Edit&& edit) {
    const std::size_t index = shardOf(id);
    if (!shards_[index]) return false;
    auto& shard = writableShard(index);
    for (auto& existing : shard) {
      if (existing->id == id) {
        T copy = *existing;
        edit(copy);
        existing = std::make_shared<const T>(std::move(copy));
        return true;
      }
    }
    return false;
  }

  bool erase(std::string_view id) {
    const std::size_t index = shardOf(id);
    if (!shards_[index]) return false;
    auto& shard = writableShard(index);
    for (auto it = shard.begin(); it != shard.end(); ++it) {
      if ((*it)->id == id) {
        shard.erase(it);
        --size_;
        return true;
      }
    }
    return false;
  }

  template <class Visit>
  void forEach(Visit&& visit) const {
    for (const auto& shard : shards_)
      if (shard)
        for (const auto& item : *shard) visit(*item);
  }

  // True when both tables hold the very same shards: nothing in either differs (a snapshot
  // and the next one after no change to this table). Costs ShardCount pointer compares.
  bool sameAs(const PersistentTable& other) const { return shards_ == other.shards_; }

  // True when both tables hold the very same shard for `id` (used by tests of sharing).
  bool sharesShardWith(const PersistentTable& other, std::string_view id) const {
    return shards_[shardOf(id)] == other.shards_[shardOf(id)];
  }

 private:
  using Shard = std::vector<ItemPtr>;

  static std::size_t shardOf(std::string_view id) { return std::hash<std::string_view>{}(id) % ShardCount; }

  Shard& writableShard(std::size_t index) {
    auto& shard = shards_[index];
    if (!shard)
      shard = std::make_shared<Shard>();
    else if (shard.use_count() > 1)  // shared with a published snapshot: copy on write
      shard = std::make_shared<Shard>(*shard);
    return *shard;
  }

  std::array<std::shared_ptr<Shard>, ShardCount> shards_{};
  std::size_t size_ = 0;
};

}  // namespace store
