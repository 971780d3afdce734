// A throwaway self-signed certificate for the loopback test servers.
#pragma once

#include <string>
#include <vector>

namespace nettest {

struct Certificate {
  std::string certificatePem;
  std::string privateKeyPem;
};

// A P-256 key and a self-signed certificate valid for the given DNS names (SAN) only.
Certificate makeSelfSignedCertificate(const std::vector<std::string>& dnsNames);

// Writes text to a fresh file under the temp directory and returns its path.
std::string writeTempFile(const std::string& text, const std::string& suffix);

}  // namespace nettest
