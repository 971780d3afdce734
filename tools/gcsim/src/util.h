// Small helpers shared by the simulator: clocks, ids, encodings, query strings.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace gcsim {

// [SECTION] Time
int64_t wallNowMs();                                  // real wall clock, ms since epoch
int64_t localMidnightMs(int64_t epochMs);             // start of that day in the process's time zone
std::string isoTime(int64_t epochMs);                 // 2026-11-24T06:40:00.123Z
std::optional<int64_t> parseIsoTime(std::string_view text);  // accepts Z or +hh:mm, optional ms

// [SECTION] Randomness and ids
// Deterministic generator for the org and the scenario (seeded).
class Rng {
public:
    explicit Rng(uint64_t seed) : engine_(seed) {}
    double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }
    int below(int n) { return n <= 0 ? 0 : static_cast<int>(engine_() % static_cast<uint64_t>(n)); }
    bool chance(double p) { return uniform() < p; }
    double exponential(double mean) { return std::exponential_distribution<double>(1.0 / mean)(engine_); }
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    uint64_t next() { return engine_(); }
    std::string uuid();
private:
    std::mt19937_64 engine_;
};

std::string randomToken(size_t bytes);          // CSPRNG, base64url, for tokens and codes
std::string randomUuid();                       // CSPRNG v4 uuid (correlation ids)
std::string base64Url(std::string_view bytes);  // no padding
std::string sha256(std::string_view data);      // raw 32 bytes

// [SECTION] URLs and query strings
std::string percentDecode(std::string_view text, bool plusIsSpace);
std::string percentEncode(std::string_view text);
// Ordered multi-map of decoded parameters; both `a=1&a=2` and `a=1,2` are kept as given.
using QueryParams = std::multimap<std::string, std::string>;
QueryParams parseQuery(std::string_view query, bool plusIsSpace = true);
// All values of `key`, splitting each on commas (accepts repeated and comma forms).
std::vector<std::string> queryList(const QueryParams& params, const std::string& key);
std::optional<std::string> queryValue(const QueryParams& params, const std::string& key);
std::vector<std::string> splitPath(std::string_view path);  // "/a/b" -> {"a","b"}

// [SECTION] Content coding (RFC 9110 section 8.4 and 12.5.3)
// True when an Accept-Encoding value admits gzip (by name or "*") with a q-value above 0.
bool acceptsGzip(std::string_view acceptEncoding);
// The gzip member (RFC 1952) of `data`, by zlib.
std::string gzipCompress(std::string_view data);

}  // namespace gcsim
