#include "store/store.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "store/agent_rows.h"
#include "store/shared_slot.h"

namespace store {

namespace {

using SteadyClock = std::chrono::steady_clock;

// How often the browse order may be recomputed while agents keep changing. Row values
// are always current; only their order lags by at most this much.
constexpr auto kRowResortInterval = std::chrono::milliseconds(250);
// Published snapshots the store keeps alive so that the UI never drops the last reference.
constexpr std::size_t kKeptSnapshots = 4;

std::int64_t steadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now().time_since_epoch()).count();
}

model::TimeMs wallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SnapshotPtr buildSnapshot(State& state, const Snapshot& previous, bool resortRows, std::int64_t changesSinceNs) {
  auto next = std::make_shared<Snapshot>();
  next->changesSinceNs = changesSinceNs;
  next->version = previous.version + 1;
  next->agents = state.agents;
  next->queues = state.queues;
  next->conversations = state.conversations;
  next->appointments = state.appointments;
  next->view = state.view;
  next->agentRows = previous.agentRows;
  next->rowTotals = previous.rowTotals;
  next->queueOrder = previous.queueOrder;
  if (resortRows) {
    next->agentRows =
        std::make_shared<const std::vector<std::string>>(computeAgentRows(state.agents, state.view, &next->rowTotals));
    state.rowsDirty = state.rowsUrgent = false;
  }
  if (state.queueOrderDirty) {
    next->queueOrder = std::make_shared<const std::vector<std::string>>(computeQueueOrder(state.queues));
    state.queueOrderDirty = false;
  }
  next->session = state.session.share();
  next->detail = state.detail.share();
  next->transcript = state.transcript.share();
  next->toasts = state.toasts.share();
  next->actions = state.actions.share();
  next->traffic = state.traffic.share();
  next->topics = state.topics;
  next->eventOutcomes = state.eventOutcomes.share();
  next->presenceOptions = state.presenceOptions.share();
  next->publishedAtNs = steadyNs();
  return next;
}

struct Store::Impl {
  Options options;
  State state;

  SharedSlot<const Snapshot> current;
  std::atomic<std::uint64_t> published{0};

  std::mutex mutex;  // guards the fields below; held only to move tasks in and out
  std::condition_variable wake;
  std::deque<Change> queue;
  std::uint64_t postedCount = 0;
  std::int64_t queuedSinceNs = 0;   // when the oldest change in `queue` was posted, 0 if none
  std::uint64_t appliedCount = 0;
  std::condition_variable appliedAndPublished;
  std::uint64_t publishedUpTo = 0;  // tasks applied before the last publish
  std::function<void()> onPublish;
  RowsListener onRows;
  bool stopping = false;

  // Store-thread only.
  bool dirty = true;
  std::int64_t unpublishedSinceNs = 0;  // oldest change applied since the last publish
  SteadyClock::time_point lastPublish{};
  SteadyClock::time_point lastRowSort{};
  std::deque<SnapshotPtr> kept;

  std::thread thread;

  explicit Impl(Options opts) : options(std::move(opts)) {
    if (!options.now) options.now = wallClockMs;
    current.exchange(std::make_shared<const Snapshot>());
    thread = std::thread([this] { run(); });
  }

  ~Impl() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wake.notify_all();
    thread.join();
  }

  void run() {
    std::unique_lock lock(mutex);
    while (true) {
      const auto deadline = nextDeadline();
      if (queue.empty() && !stopping) {
        if (deadline)
          wake.wait_until(lock, *deadline);
        else
          wake.wait(lock);
      }
      if (stopping && queue.empty()) break;

      std::deque<Change> batch;
      batch.swap(queue);
      const std::uint64_t batchEnd = appliedCount + batch.size();
      if (queuedSinceNs != 0 && (unpublishedSinceNs == 0 || queuedSinceNs < unpublishedSinceNs))
        unpublishedSinceNs = queuedSinceNs;
      queuedSinceNs = 0;
      lock.unlock();
      for (auto& change : batch) change(state);
      if (!batch.empty()) dirty = true;
      const auto rowsBefore = current.load()->agentRows;
      const bool didPublish = maybePublish();
      retireOldSnapshots();
      std::function<void()> notify;
      RowsListener rowsListener;
      lock.lock();
      appliedCount = batchEnd;
      if (didPublish) {
        publishedUpTo = appliedCount;
        notify = onPublish;
        rowsListener = onRows;
      }
      appliedAndPublished.notify_all();
      if (notify || rowsListener) {
        lock.unlock();
        if (notify) notify();
        if (rowsListener) {
          auto rows = current.load()->agentRows;
          if (rows != rowsBefore) rowsListener(std::move(rows));
        }
        lock.lock();
      }
    }
  }

  // When the store must wake without new work: to publish what waited for the interval,
  // or to re-sort rows that were throttled.
  std::optional<SteadyClock::time_point> nextDeadline() const {
    if (dirty) return lastPublish + options.publishInterval;
    if (state.rowsDirty) return lastRowSort + kRowResortInterval;
    return std::nullopt;
  }

  bool maybePublish() {
    const auto now = SteadyClock::now();
    const bool resort = state.rowsDirty && (state.rowsUrgent || now - lastRowSort >= kRowResortInterval);
    if (resort) dirty = true;
    if (!dirty || now - lastPublish < options.publishInterval) return false;

    const SnapshotPtr previous = current.load();
    SnapshotPtr next = buildSnapshot(state, *previous, resort, unpublishedSinceNs);
    unpublishedSinceNs = 0;
    if (resort) lastRowSort = now;
    kept.push_back(next);
    current.exchange(next);  // the old one stays in `kept`, freed here later
    if (options.onPublished) options.onPublished(*previous, *next);
    published.fetch_add(1, std::memory_order_relaxed);
    lastPublish = now;
    dirty = false;
    return true;
  }

  // A snapshot is freed here once only the store holds it: the UI, which holds at most the
  // newest few, therefore never drops a last reference and never pays for a big free.
  void retireOldSnapshots() {
    while (kept.size() > kKeptSnapshots && kept.front().use_count() == 1) kept.pop_front();
    // An old snapshot still held by a reader stays queued; the ones after it wait their turn.
  }
};

Store::Store() : Store(Options{}) {}
Store::Store(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Store::~Store() = default;

SnapshotPtr Store::current() const { return impl_->current.load(); }

void Store::post(Change change) {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->queue.empty()) impl_->queuedSinceNs = steadyNs();
    impl_->queue.push_back(std::move(change));
    ++impl_->postedCount;
  }
  impl_->wake.notify_one();
}

void Store::setOnPublish(std::function<void()> onPublish) {
  std::lock_guard lock(impl_->mutex);
  impl_->onPublish = std::move(onPublish);
}

void Store::setOnRowsChanged(RowsListener onRows) {
  std::lock_guard lock(impl_->mutex);
  impl_->onRows = std::move(onRows);
}

void Store::flush() {
  std::unique_lock lock(impl_->mutex);
  const std::uint64_t target = impl_->postedCount;
  impl_->wake.notify_one();
  impl_->appliedAndPublished.wait(lock, [&] { return impl_->publishedUpTo >= target && impl_->appliedCount >= target; });
}

std::uint64_t Store::publishedCount() const { return impl_->published.load(std::memory_order_relaxed); }
model::TimeMs Store::now() const { return impl_->options.now(); }

}  // namespace store
