#include "net/gzip.h"

#include <zlib.h>

namespace net {

std::optional<std::string> gunzip(std::string_view data, std::size_t maxBytes) {
  z_stream stream{};
  // windowBits 15 + 16: expect the gzip wrapper, not zlib's.
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return std::nullopt;
  std::string out;
  char buffer[64 * 1024];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int result = Z_OK;
  while (result != Z_STREAM_END || stream.avail_in > 0) {
    if (result == Z_STREAM_END && inflateReset(&stream) != Z_OK) break;  // the next member
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    if (result != Z_OK && result != Z_STREAM_END) break;
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > maxBytes) break;
    if (result == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) break;  // truncated
  }
  const bool complete = result == Z_STREAM_END && stream.avail_in == 0 && out.size() <= maxBytes;
  inflateEnd(&stream);
  if (!complete) return std::nullopt;
  return out;
}

}  // namespace net
