// One HTTP GET through libcurl, read by pulling: Read() hands out the body
// as it arrives (a curl multi handle driven on the caller's thread), so a
// layer streams from the network into decompression without a temporary
// file and with bounded memory. Redirects are followed (registries send
// blob downloads to storage elsewhere; curl drops the Authorization header
// when the host changes). TLS is verified unless `insecure`.
//
// Thread safety: one transfer per thread; transfers on different threads
// are independent.
//
// Covered by tests/e2e/registry_cli_test.py.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ctxscan/status.h"

namespace ctxscan {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  bool insecure = false;             // skip TLS verification
};

class HttpTransfer {
 public:
  // Starts `request`; fails when curl cannot be set up.
  static Result<std::unique_ptr<HttpTransfer>> Start(const HttpRequest& request);
  ~HttpTransfer();
  HttpTransfer(const HttpTransfer&) = delete;
  HttpTransfer& operator=(const HttpTransfer&) = delete;

  // Runs until the final response's headers are in (or the transfer ends);
  // fails when the server could not be reached ("cannot connect to ...").
  Status WaitForResponse();
  // The final response's status code, and one of its headers (name in any
  // case; empty when absent). Valid after WaitForResponse.
  long status() const;
  std::string header(const std::string& name) const;

  // Points `*data` at the next body bytes and returns how many; 0 at the
  // end, -1 on an error (error() says what).
  long Read(const void** data);
  const std::string& error() const;

  // The rest of the body, up to `limit` bytes (fails beyond).
  Result<std::string> ReadAll(std::size_t limit);

 private:
  struct State;
  explicit HttpTransfer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace ctxscan
