#include "auth/pkce.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

namespace {

bool isUnreserved(char c) {
  return std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~").find(c) !=
         std::string_view::npos;
}

bool allUnreserved(std::string_view text) { return std::all_of(text.begin(), text.end(), isUnreserved); }

TEST(Base64UrlTest, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(auth::base64UrlEncode(""), "");
  EXPECT_EQ(auth::base64UrlEncode("f"), "Zg");
  EXPECT_EQ(auth::base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(auth::base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(auth::base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(auth::base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(auth::base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(Base64UrlTest, UsesTheUrlSafeAlphabet) {
  // 0xFB 0xFF 0xBF is "+/+/" in standard base64.
  EXPECT_EQ(auth::base64UrlEncode(std::string("\xFB\xFF\xBF", 3)), "-_-_");
  EXPECT_EQ(auth::base64UrlEncode(std::string("\0\0\0", 3)), "AAAA");
}

TEST(PkceTest, ChallengeMatchesRfc7636AppendixB) {
  // The value printed in RFC 7636 appendix B (some copies elsewhere end "...xIgdNvbTs"; that
  // is not the SHA-256 of this verifier).
  EXPECT_EQ(auth::s256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(PkceTest, PairHasA64CharacterVerifierAndItsChallenge) {
  const auth::PkcePair pair = auth::makePkce();
  EXPECT_EQ(pair.verifier.size(), 64u);
  EXPECT_TRUE(allUnreserved(pair.verifier)) << pair.verifier;
  EXPECT_EQ(pair.challenge, auth::s256Challenge(pair.verifier));
  EXPECT_EQ(pair.challenge.size(), 43u);  // 32-byte digest, unpadded
}

TEST(PkceTest, EveryPairIsDifferent) {
  std::set<std::string> verifiers;
  for (int i = 0; i < 100; ++i) verifiers.insert(auth::makePkce().verifier);
  EXPECT_EQ(verifiers.size(), 100u);
}

TEST(RandomTest, LengthFollowsTheByteCount) {
  EXPECT_EQ(auth::randomUrlSafe(0), "");
  EXPECT_EQ(auth::randomUrlSafe(1).size(), 2u);
  EXPECT_EQ(auth::randomUrlSafe(3).size(), 4u);
  EXPECT_EQ(auth::randomUrlSafe(32).size(), 43u);
  EXPECT_TRUE(allUnreserved(auth::randomUrlSafe(300)));
}

TEST(RandomTest, StateIsUrlSafeAndFreshEachTime) {
  const std::string first = auth::makeState();
  const std::string second = auth::makeState();
  EXPECT_GE(first.size(), 43u);
  EXPECT_TRUE(allUnreserved(first));
  EXPECT_NE(first, second);
}

TEST(UrlEncodeTest, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(auth::urlEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(auth::urlEncode("a b&c=d/e?f#g+h%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
  EXPECT_EQ(auth::urlEncode("http://127.0.0.1:8765/callback"), "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback");
  EXPECT_EQ(auth::urlEncode("caf\xC3\xA9"), "caf%C3%A9");  // UTF-8 bytes one by one
  EXPECT_EQ(auth::urlEncode(""), "");
}

TEST(AuthorizeUrlTest, CarriesEveryPkceParameter) {
  const std::string url = auth::buildAuthorizeUrl("https://login.mypurecloud.ie", "client-1",
                                                  "http://127.0.0.1:8765/callback", "E9Mel", "st/ate");
  EXPECT_EQ(url,
            "https://login.mypurecloud.ie/oauth/authorize?response_type=code&client_id=client-1"
            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&code_challenge=E9Mel"
            "&code_challenge_method=S256&state=st%2Fate");
}

TEST(AuthorizeUrlTest, IgnoresATrailingSlashOnTheBase) {
  EXPECT_EQ(auth::buildAuthorizeUrl("https://login.example/", "c", "r", "x", "s"),
            auth::buildAuthorizeUrl("https://login.example", "c", "r", "x", "s"));
}

TEST(TokenBodyTest, AuthorizationCodeGrantSendsVerifierAndNoSecret) {
  const std::string body = auth::buildTokenRequestBody(auth::AuthorizationCodeGrant{
      .code = "abc+/=", .codeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", .clientId = "client-1",
      .redirectUri = "http://127.0.0.1:8765/callback"});
  EXPECT_EQ(body,
            "grant_type=authorization_code&code=abc%2B%2F%3D"
            "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=client-1"
            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback");
  EXPECT_EQ(body.find("secret"), std::string::npos);
}

TEST(TokenBodyTest, RefreshTokenGrant) {
  EXPECT_EQ(auth::buildTokenRequestBody(auth::RefreshTokenGrant{.refreshToken = "r t", .clientId = "client-1"}),
            "grant_type=refresh_token&refresh_token=r%20t&client_id=client-1");
}

}  // namespace
