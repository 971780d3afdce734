#include "util.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace gcsim {

int64_t wallNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t localMidnightMs(int64_t epochMs) {
    const std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    local.tm_hour = local.tm_min = local.tm_sec = 0;
    local.tm_isdst = -1;  // let mktime work out whether midnight was summer time
    return static_cast<int64_t>(std::mktime(&local)) * 1000;
}

std::string isoTime(int64_t epochMs) {
    std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
    int millis = static_cast<int>(epochMs % 1000);
    if (millis < 0) { millis += 1000; --seconds; }
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[96];  // sized for any int fields, so the compiler can prove no truncation
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
    return text;
}

std::optional<int64_t> parseIsoTime(std::string_view text) {
    // yyyy-MM-ddTHH:mm[:ss[.SSS]](Z|+hh:mm|-hh:mm)
    auto digits = [&](size_t pos, size_t count) -> std::optional<int> {
        if (pos + count > text.size()) return std::nullopt;
        int value = 0;
        for (size_t i = pos; i < pos + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2), hour = digits(11, 2), minute = digits(14, 2);
    if (!year || !month || !day || !hour || !minute || text.size() < 16 || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != 't') || text[13] != ':')
        return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59) return std::nullopt;
    size_t pos = 16;
    int second = 0, millis = 0;
    if (pos < text.size() && text[pos] == ':') {
        auto s = digits(pos + 1, 2);
        if (!s || *s > 60) return std::nullopt;
        second = *s;
        pos += 3;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            int scale = 100, count = 0;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (count < 3) millis += (text[pos] - '0') * scale;
                scale /= 10;
                ++count;
                ++pos;
            }
            if (count == 0) return std::nullopt;
        }
    }
    int offsetMinutes = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        auto oh = digits(pos + 1, 2), om = digits(pos + 4, 2);
        if (!oh || !om || text[pos + 3] != ':') return std::nullopt;
        offsetMinutes = (*oh * 60 + *om) * (text[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;  // a zone is required
    }
    if (pos != text.size()) return std::nullopt;
    std::tm utc{};
    utc.tm_year = *year - 1900;
    utc.tm_mon = *month - 1;
    utc.tm_mday = *day;
    utc.tm_hour = *hour;
    utc.tm_min = *minute;
    utc.tm_sec = second;
    int64_t seconds = static_cast<int64_t>(timegm(&utc)) - offsetMinutes * 60;
    return seconds * 1000 + millis;
}

std::string Rng::uuid() {
    uint64_t high = engine_(), low = engine_();
    high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    char text[40];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                  static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return text;
}

static void secureRandom(unsigned char* out, size_t size) {
    if (RAND_bytes(out, static_cast<int>(size)) != 1) throw std::runtime_error("RAND_bytes failed");
}

std::string randomToken(size_t bytes) {
    std::string raw(bytes, '\0');
    secureRandom(reinterpret_cast<unsigned char*>(raw.data()), raw.size());
    return base64Url(raw);
}

std::string randomUuid() {
    uint64_t seed;
    secureRandom(reinterpret_cast<unsigned char*>(&seed), sizeof seed);
    return Rng(seed).uuid();
}

std::string base64Url(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<size_t>(written));
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    return out;
}

std::string sha256(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("EVP_Digest failed");
    return std::string(reinterpret_cast<char*>(digest), size);
}

static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percentDecode(std::string_view text, bool plusIsSpace) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int hi = hexValue(text[i + 1]), lo = hexValue(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(plusIsSpace && c == '+' ? ' ' : c);
    }
    return out;
}

std::string percentEncode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

QueryParams parseQuery(std::string_view query, bool plusIsSpace) {
    QueryParams params;
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        size_t eq = pair.find('=');
        std::string key = percentDecode(pair.substr(0, eq), plusIsSpace);
        std::string value = eq == std::string_view::npos ? "" : percentDecode(pair.substr(eq + 1), plusIsSpace);
        params.emplace(std::move(key), std::move(value));
    }
    return params;
}

std::vector<std::string> queryList(const QueryParams& params, const std::string& key) {
    std::vector<std::string> values;
    auto [begin, end] = params.equal_range(key);
    for (auto it = begin; it != end; ++it) {
        std::string_view rest = it->second;
        while (true) {
            size_t comma = rest.find(',');
            std::string_view item = rest.substr(0, comma);
            if (!item.empty()) values.emplace_back(item);
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
        }
    }
    return values;
}

std::optional<std::string> queryValue(const QueryParams& params, const std::string& key) {
    auto it = params.find(key);
    if (it == params.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> splitPath(std::string_view path) {
    std::vector<std::string> parts;
    while (!path.empty()) {
        size_t slash = path.find('/');
        std::string_view part = path.substr(0, slash);
        if (!part.empty()) parts.push_back(percentDecode(part, false));
        if (slash == std::string_view::npos) break;
        path = path.substr(slash + 1);
    }
    return parts;
}

// [SECTION] Content coding

bool acceptsGzip(std::string_view acceptEncoding) {
    size_t start = 0;
    while (start <= acceptEncoding.size()) {
        size_t end = acceptEncoding.find(',', start);
        if (end == std::string_view::npos) end = acceptEncoding.size();
        std::string item(acceptEncoding.substr(start, end - start));
        std::transform(item.begin(), item.end(), item.begin(), [](unsigned char c) { return std::tolower(c); });
        item.erase(std::remove(item.begin(), item.end(), ' '), item.end());
        const size_t semicolon = item.find(';');
        const std::string coding = item.substr(0, semicolon);
        const bool refused = semicolon != std::string::npos && item.compare(semicolon, std::string::npos, ";q=0") == 0;
        if ((coding == "gzip" || coding == "*") && !refused) return true;
        start = end + 1;
    }
    return false;
}

std::string gzipCompress(std::string_view data) {
    z_stream stream{};
    // windowBits 15 + 16: a gzip wrapper instead of zlib's.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    const size_t written = stream.total_out;
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("gzip compression failed");
    out.resize(written);
    return out;
}

}  // namespace gcsim
