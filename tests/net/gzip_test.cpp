// gzip decoding of response bodies (net/gzip.h).
#include "net/gzip.h"
#include "net/http_client.h"

#include <gcsim/simulator.h>

#include <gtest/gtest.h>
#include <zlib.h>

namespace {

std::string gzip(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string listing() {
  std::string body = "{\"entities\":[";
  for (int i = 0; i < 5000; ++i) body += "{\"id\":\"user-" + std::to_string(i) + "\",\"state\":\"active\"},";
  return body + "{}]}";
}

TEST(Gunzip, DecodesWhatZlibEncoded) {
  const std::string body = listing();
  const auto decoded = net::gunzip(gzip(body), 1 << 20);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, body);
}

TEST(Gunzip, ReadsConcatenatedMembers) {
  const auto decoded = net::gunzip(gzip("first ") + gzip("second"), 1024);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, "first second");
}

TEST(Gunzip, RefusesCorruptTruncatedOrOversizedBodies) {
  const std::string packed = gzip(listing());
  EXPECT_FALSE(net::gunzip("not gzip at all", 1024).has_value());
  EXPECT_FALSE(net::gunzip(packed.substr(0, packed.size() / 2), 1 << 20).has_value());
  EXPECT_FALSE(net::gunzip(packed, 1000).has_value()) << "a decoded size past the response limit";
}

// Over a real socket: the client asks, gcsim compresses, the caller gets the JSON decoded
// and the size it had on the wire.
TEST(Gunzip, HttpClientDecodesAGzippedAnswerAndCountsItsWireBytes) {
  gcsim::Options options;
  options.agents = 300;
  options.scenario = false;
  gcsim::Simulator sim(options);
  sim.start();
  net::HttpClient client;
  net::HttpRequest request;
  request.url = sim.baseUrl() + "/_sim/state";
  request.sendAuthorization = false;
  const net::HttpResponse plain = client.sendAndWait(request);
  request.acceptGzip = true;
  const net::HttpResponse zipped = client.sendAndWait(request);
  sim.stop();
  ASSERT_EQ(zipped.status, 200) << zipped.errorMessage;
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped.body.substr(0, 10), plain.body.substr(0, 10));
  EXPECT_EQ(plain.wireBytes, plain.body.size());
  EXPECT_LT(zipped.wireBytes * 3, zipped.body.size());
}

}  // namespace
