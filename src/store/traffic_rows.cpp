// TrafficRows: the overlay's capture in shared chunks (see traffic_rows.h).
#include "store/traffic_rows.h"

#include <algorithm>
#include <atomic>

namespace store {

namespace {

std::uint64_t newLineage() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

std::size_t heldBytesOf(const TrafficRow& r) {
  return r.path.size() + r.url.size() + r.requestHeaders.size() + r.responseHeaders.size() + r.requestBody.size() +
         r.responseBody.size() + r.correlationId.size() + r.channel.size();
}

TrafficRows::TrafficRows() : lineage_(newLineage()) {}

TrafficRows::TrafficRows(std::vector<TrafficRow> rows, std::size_t maxRows) : TrafficRows() {
  append(std::move(rows), maxRows);
}

const TrafficRow& TrafficRows::at(std::size_t index) const {
  const std::size_t offset = index - firstIndex_;
  return chunks_[offset / kChunkRows]->rows[offset % kChunkRows];
}

void TrafficRows::append(std::vector<TrafficRow> rows, std::size_t maxRows, std::size_t maxBytes) {
  auto next = rows.begin();
  while (next != rows.end()) {
    std::shared_ptr<Chunk> tail;
    if (!chunks_.empty() && chunks_.back()->rows.size() < kChunkRows) {
      tail = std::make_shared<Chunk>(*chunks_.back());  // shared with earlier snapshots: copied
      chunks_.pop_back();
    } else {
      tail = std::make_shared<Chunk>();
      tail->rows.reserve(kChunkRows);
    }
    for (; next != rows.end() && tail->rows.size() < kChunkRows; ++next) {
      const std::size_t bytes = heldBytesOf(*next);
      tail->bytes += bytes;
      heldBytes_ += bytes;
      tail->rows.push_back(std::move(*next));
      ++endIndex_;
    }
    chunks_.push_back(std::move(tail));
  }
  dropOldest(maxRows, maxBytes);
}

void TrafficRows::dropOldest(std::size_t maxRows, std::size_t maxBytes) {
  std::size_t dropped = 0;
  while (chunks_.size() - dropped > 1 && (size() > maxRows || heldBytes_ > maxBytes)) {
    const Chunk& oldest = *chunks_[dropped++];
    firstIndex_ += oldest.rows.size();
    heldBytes_ -= oldest.bytes;
  }
  chunks_.erase(chunks_.begin(), chunks_.begin() + static_cast<std::ptrdiff_t>(dropped));
}

bool TrafficRows::markUndecoded(std::uint64_t sequence) {
  // Rows are in sequence order: the chunk is the last whose first row is not after it.
  auto chunk = std::upper_bound(chunks_.begin(), chunks_.end(), sequence,
                                [](std::uint64_t s, const std::shared_ptr<const Chunk>& c) { return s < c->rows.front().sequence; });
  if (chunk == chunks_.begin()) return false;
  --chunk;
  const auto& rows = (*chunk)->rows;
  const auto row = std::lower_bound(rows.begin(), rows.end(), sequence,
                                    [](const TrafficRow& r, std::uint64_t s) { return r.sequence < s; });
  if (row == rows.end() || row->sequence != sequence) return false;
  auto copy = std::make_shared<Chunk>(**chunk);
  copy->rows[static_cast<std::size_t>(row - rows.begin())].undecoded = true;
  *chunk = std::move(copy);
  ++revision_;
  return true;
}

}  // namespace store
