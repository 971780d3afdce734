// gzip content coding (RFC 9110 section 8.4.1.3, RFC 1952) for response bodies, by zlib.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace net {

// The decoded body of a gzip member (several concatenated members are read in turn);
// nothing when `data` is not valid gzip or decodes to more than `maxBytes`.
std::optional<std::string> gunzip(std::string_view data, std::size_t maxBytes);

}  // namespace net
