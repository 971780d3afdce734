#include "auth/pkce.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace auth {
namespace {

constexpr std::string_view kBase64UrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// 48 random bytes encode to exactly 64 base64url characters, all from the unreserved set.
constexpr std::size_t kVerifierBytes = 48;
// 256 bits, far beyond guessing, for the CSRF `state`.
constexpr std::size_t kStateBytes = 32;

bool isUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Joins key=value pairs with '&', encoding both sides.
std::string formEncode(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  std::string encoded;
  for (const auto& [key, value] : fields) {
    if (!encoded.empty()) encoded += '&';
    encoded += urlEncode(key);
    encoded += '=';
    encoded += urlEncode(value);
  }
  return encoded;
}

}  // namespace

std::string base64UrlEncode(std::string_view bytes) {
  std::string encoded;
  encoded.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  // Whole 3-byte blocks become 4 characters; the 1- or 2-byte tail becomes 2 or 3.
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned block = static_cast<unsigned char>(bytes[i]) << 16 |
                           static_cast<unsigned char>(bytes[i + 1]) << 8 | static_cast<unsigned char>(bytes[i + 2]);
    encoded += kBase64UrlAlphabet[(block >> 18) & 63];
    encoded += kBase64UrlAlphabet[(block >> 12) & 63];
    encoded += kBase64UrlAlphabet[(block >> 6) & 63];
    encoded += kBase64UrlAlphabet[block & 63];
  }
  const std::size_t tail = bytes.size() - i;
  if (tail > 0) {
    unsigned block = static_cast<unsigned char>(bytes[i]) << 16;
    if (tail == 2) block |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    encoded += kBase64UrlAlphabet[(block >> 18) & 63];
    encoded += kBase64UrlAlphabet[(block >> 12) & 63];
    if (tail == 2) encoded += kBase64UrlAlphabet[(block >> 6) & 63];
  }
  return encoded;
}

std::string randomUrlSafe(std::size_t bytes) {
  if (bytes > static_cast<std::size_t>(INT_MAX)) throw std::invalid_argument("randomUrlSafe: too many bytes");
  std::vector<unsigned char> random(bytes);
  if (bytes > 0 && RAND_bytes(random.data(), static_cast<int>(bytes)) != 1) {
    throw std::runtime_error("RAND_bytes failed: the system random generator is unavailable");
  }
  return base64UrlEncode(std::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
}

std::string s256Challenge(std::string_view verifier) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digestLength = 0;
  if (EVP_Digest(verifier.data(), verifier.size(), digest.data(), &digestLength, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  }
  return base64UrlEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), digestLength));
}

PkcePair makePkce() {
  PkcePair pair;
  pair.verifier = randomUrlSafe(kVerifierBytes);
  pair.challenge = s256Challenge(pair.verifier);
  return pair;
}

std::string makeState() { return randomUrlSafe(kStateBytes); }

std::string urlEncode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (const char c : text) {
    if (isUnreserved(c)) {
      encoded += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 15];
    }
  }
  return encoded;
}

std::string buildAuthorizeUrl(std::string_view loginBase, std::string_view clientId, std::string_view redirectUri,
                              std::string_view challenge, std::string_view state) {
  while (!loginBase.empty() && loginBase.back() == '/') loginBase.remove_suffix(1);
  std::string url(loginBase);
  url += "/oauth/authorize?";
  url += formEncode({{"response_type", "code"},
                     {"client_id", clientId},
                     {"redirect_uri", redirectUri},
                     {"code_challenge", challenge},
                     {"code_challenge_method", "S256"},
                     {"state", state}});
  return url;
}

std::string buildTokenRequestBody(const AuthorizationCodeGrant& grant) {
  return formEncode({{"grant_type", "authorization_code"},
                     {"code", grant.code},
                     {"code_verifier", grant.codeVerifier},
                     {"client_id", grant.clientId},
                     {"redirect_uri", grant.redirectUri}});
}

std::string buildTokenRequestBody(const RefreshTokenGrant& grant) {
  return formEncode({{"grant_type", "refresh_token"},
                     {"refresh_token", grant.refreshToken},
                     {"client_id", grant.clientId}});
}

}  // namespace auth
