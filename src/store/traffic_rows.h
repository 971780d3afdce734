// The debug overlay's capture as snapshots hold it: every REST attempt and WebSocket message
// handed over while the overlay is open, oldest first, in fixed-size chunks that successive
// snapshots share. Handing a second's new rows to the UI copies those rows and the last,
// partly filled chunk, whatever the capture holds (100,000 rows cost what 100 do).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "model/model.h"

namespace store {

// One REST exchange or WebSocket message for the debug overlay, already redacted.
struct TrafficRow {
  model::TimeMs at = 0;
  std::uint64_t sequence = 0;  // net::TrafficEntry::sequence: finds the row's EventOutcome
  std::string kind;        // "REST" or "WS"
  std::string method;      // or "in" / "out" for WebSocket messages
  std::string path;        // or the topic for WebSocket messages
  std::string url;         // REST: the whole URL, secrets in its query redacted
  int status = 0;
  double latencyMs = 0;
  // REST: where the latency went (net::TrafficEntry): admission, connect + TLS (0: reused),
  // request to response header, reading the body.
  double queuedMs = 0, connectMs = 0, waitingMs = 0, readingMs = 0;
  std::size_t bytesIn = 0, bytesOut = 0;
  int retries = 0;
  std::string correlationId;
  int budgetLeft = -1;
  std::string requestHeaders, responseHeaders;   // Authorization already redacted
  std::string requestBody, responseBody;         // personal data already masked
  // WebSocket: the socket it came on (numbered by the client, 0 = unknown), the notification
  // channel's id (the last segment of its connectUri, "" = unknown), and whether the panel
  // could not decode it.
  std::uint64_t socket = 0;
  std::string channel;
  bool undecoded = false;
};

// Rows are named by an absolute index: the n-th row this capture ever held, so an index the UI
// keeps (a selection, its filtered list) stays right while old rows go and new ones come.
// Copying a TrafficRows copies chunk pointers only; a chunk never changes once shared.
class TrafficRows {
 public:
  static constexpr std::size_t kChunkRows = 1024;
  static constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

  TrafficRows();  // empty, with a lineage of its own
  explicit TrafficRows(std::vector<TrafficRow> rows, std::size_t maxRows = kUnbounded);

  // Adds `rows` (each newer than every row held, in sequence order), then lets the oldest
  // whole chunks go while more than `maxRows` rows or `maxBytes` of text are held; the newest
  // chunk always stays.
  void append(std::vector<TrafficRow> rows, std::size_t maxRows = kUnbounded, std::size_t maxBytes = kUnbounded);
  // Sets `undecoded` on the row with this sequence number (its chunk is copied); false when
  // no row held has it.
  bool markUndecoded(std::uint64_t sequence);

  std::size_t size() const { return endIndex_ - firstIndex_; }
  bool empty() const { return size() == 0; }
  std::size_t firstIndex() const { return firstIndex_; }  // the oldest row held
  std::size_t endIndex() const { return endIndex_; }      // one past the newest
  bool holds(std::size_t index) const { return index >= firstIndex_ && index < endIndex_; }
  const TrafficRow& at(std::size_t index) const;          // holds(index) must be true
  const TrafficRow& back() const { return at(endIndex_ - 1); }
  // Same lineage: this list grew from the other by append (and lost old rows), so the absolute
  // indexes of both name the same rows. `revision` counts changes to rows already held.
  std::uint64_t lineage() const { return lineage_; }
  std::uint64_t revision() const { return revision_; }
  std::size_t heldBytes() const { return heldBytes_; }  // text held: bodies, headers, URLs

  // The rows held, oldest first.
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = TrafficRow;
    using difference_type = std::ptrdiff_t;
    using pointer = const TrafficRow*;
    using reference = const TrafficRow&;
    Iterator(const TrafficRows* rows, std::size_t index) : rows_(rows), index_(index) {}
    reference operator*() const { return rows_->at(index_); }
    pointer operator->() const { return &rows_->at(index_); }
    Iterator& operator++() { ++index_; return *this; }
    Iterator operator++(int) { Iterator before = *this; ++index_; return before; }
    bool operator==(const Iterator& other) const { return index_ == other.index_; }
   private:
    const TrafficRows* rows_;
    std::size_t index_;
  };
  Iterator begin() const { return {this, firstIndex_}; }
  Iterator end() const { return {this, endIndex_}; }

 private:
  struct Chunk {
    std::vector<TrafficRow> rows;
    std::size_t bytes = 0;
  };
  void dropOldest(std::size_t maxRows, std::size_t maxBytes);

  std::vector<std::shared_ptr<const Chunk>> chunks_;  // every one full but the last
  std::size_t firstIndex_ = 0, endIndex_ = 0;         // firstIndex_ starts chunks_[0]
  std::size_t heldBytes_ = 0;
  std::uint64_t lineage_ = 0, revision_ = 0;
};

// The text a row holds, as TrafficRows counts it against its byte bound.
std::size_t heldBytesOf(const TrafficRow&);

}  // namespace store
