// Store: owns the mutable State on its own thread and publishes immutable Snapshots.
//
// Producers (network callbacks, intents) post changes from any thread; the store applies
// them in order, and publishes at most once per interval. The UI loads current() once per
// frame: an atomic shared_ptr load that never waits on the store's work. Old snapshots are
// freed here, never on the UI thread (see retireOldSnapshots).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "store/snapshot.h"
#include "store/state.h"

namespace store {

// Builds the next snapshot from the state: tables and unchanged parts are shared with
// `previous`; rows are recomputed only when `resortRows`. This is the publish step itself,
// exposed for the benchmark of its cost.
// `changesSinceNs`: Snapshot::changesSinceNs of the new snapshot (0 = it shows no change).
SnapshotPtr buildSnapshot(State& state, const Snapshot& previous, bool resortRows, std::int64_t changesSinceNs = 0);

class Store {
 public:
  struct Options {
    std::chrono::microseconds publishInterval{16'000};  // one frame at 60 Hz
    std::function<model::TimeMs()> now;                  // wall clock; tests inject their own
    // Called on the store thread after each publish with the previous and the new
    // snapshot (e.g. the log file's observer). It delays the next publish: it must not
    // block or do I/O. Both references are valid only during the call.
    std::function<void(const Snapshot& previous, const Snapshot& published)> onPublished;
  };
  using Change = std::function<void(State&)>;

  Store();
  explicit Store(Options options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  SnapshotPtr current() const;
  void post(Change change);
  void setOnPublish(std::function<void()> onPublish);  // e.g. glfwPostEmptyEvent
  // Called on the store thread with the new browse rows (agent ids in view order) each
  // time they are recomputed. This is how workers learn what the view lists without ever
  // reading a snapshot back; the callback must only hand the list over (post, no waiting).
  using RowsListener = std::function<void(std::shared_ptr<const std::vector<std::string>>)>;
  void setOnRowsChanged(RowsListener onRows);
  // Blocks until everything posted before it is applied and published. For tests and the
  // app's exit only: never from the UI thread while drawing, never from a worker.
  void flush();

  std::uint64_t publishedCount() const;
  model::TimeMs now() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace store
