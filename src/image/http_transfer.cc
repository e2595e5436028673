// Pull-based HTTP through libcurl; see http_transfer.h.
#include "image/http_transfer.h"

#include <curl/curl.h>

#include <map>
#include <mutex>

#include "ctxscan/version.h"

namespace ctxscan {
namespace {

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct MultiDeleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

// The server part of `url`, for messages: "https://host:port".
std::string Origin(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return url.substr(0, path);
}

}  // namespace

struct HttpTransfer::State {
  std::unique_ptr<CURL, EasyDeleter> easy;
  std::unique_ptr<CURLM, MultiDeleter> multi;
  std::unique_ptr<curl_slist, ListDeleter> headers;
  std::string url;
  std::map<std::string, std::string> response_headers;  // of the latest response
  std::string buffer;                                   // body bytes not yet handed out
  std::size_t handed = 0;
  bool done = false;
  CURLcode result = CURLE_OK;
  std::string error;
  char curl_error[CURL_ERROR_SIZE] = {};

  static std::size_t OnBody(char* data, std::size_t size, std::size_t n, void* self) {
    static_cast<State*>(self)->buffer.append(data, size * n);
    return size * n;
  }
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* self) {
    auto* s = static_cast<State*>(self);
    const std::string line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) {
      s->response_headers.clear();  // a new response (after a redirect or 100)
    } else if (const std::size_t colon = line.find(':'); colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      const std::size_t first = value.find_first_not_of(" \t");
      const std::size_t last = value.find_last_not_of(" \t\r\n");
      value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
      s->response_headers[Lower(line.substr(0, colon))] = value;
    }
    return size * n;
  }

  // Drives the transfer until new body bytes arrive or it ends.
  void Pump() {
    while (!done && handed >= buffer.size()) {
      buffer.clear();
      handed = 0;
      int running = 0;
      if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
        Finish(CURLE_FAILED_INIT);
        return;
      }
      int queued = 0;
      while (CURLMsg* m = curl_multi_info_read(multi.get(), &queued)) {
        if (m->msg == CURLMSG_DONE) Finish(m->data.result);
      }
      if (!done && buffer.empty()) curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
    }
  }

  void Finish(CURLcode code) {
    done = true;
    result = code;
    if (code == CURLE_OK) return;
    const std::string detail =
        curl_error[0] != 0 ? std::string(curl_error) : curl_easy_strerror(code);
    if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
        code == CURLE_OPERATION_TIMEDOUT) {
      error = "cannot connect to " + Origin(url) + ": " + detail;
    } else if (code == CURLE_SSL_CONNECT_ERROR || code == CURLE_PEER_FAILED_VERIFICATION ||
               code == CURLE_SSL_CACERT_BADFILE) {
      error = "TLS with " + Origin(url) + " failed: " + detail +
              " (--insecure-registry skips the check, for test registries only)";
    } else {
      error = "reading " + Origin(url) + " failed: " + detail;
    }
  }
};

HttpTransfer::HttpTransfer(std::unique_ptr<State> state) : state_(std::move(state)) {}

HttpTransfer::~HttpTransfer() {
  if (state_ && state_->multi && state_->easy) {
    curl_multi_remove_handle(state_->multi.get(), state_->easy.get());
  }
}

Result<std::unique_ptr<HttpTransfer>> HttpTransfer::Start(const HttpRequest& request) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  auto s = std::make_unique<State>();
  s->easy.reset(curl_easy_init());
  s->multi.reset(curl_multi_init());
  if (!s->easy || !s->multi) return Status::Error("cannot set up an HTTP transfer (libcurl)");
  s->url = request.url;
  curl_slist* list = nullptr;
  for (const std::string& h : request.headers) {
    curl_slist* next = curl_slist_append(list, h.c_str());
    if (next == nullptr) {
      curl_slist_free_all(list);
      return Status::Error("cannot set up an HTTP transfer (libcurl)");
    }
    list = next;
  }
  s->headers.reset(list);
  CURL* e = s->easy.get();
  const std::string agent = std::string("ctxscan/") + kVersion;
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, s->headers.get());
  curl_easy_setopt(e, CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(e, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, request.insecure ? "http,https" : "https");
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);  // no byte for a minute: give up
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, request.insecure ? 0L : 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, request.insecure ? 0L : 2L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, s->curl_error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &State::OnBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, s.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &State::OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, s.get());
  if (curl_multi_add_handle(s->multi.get(), e) != CURLM_OK) {
    return Status::Error("cannot set up an HTTP transfer (libcurl)");
  }
  return std::unique_ptr<HttpTransfer>(new HttpTransfer(std::move(s)));
}

Status HttpTransfer::WaitForResponse() {
  state_->Pump();
  if (state_->done && state_->result != CURLE_OK) return Status::Error(state_->error);
  return Status::Ok();
}

long HttpTransfer::status() const {
  long code = 0;
  curl_easy_getinfo(state_->easy.get(), CURLINFO_RESPONSE_CODE, &code);
  return code;
}

std::string HttpTransfer::header(const std::string& name) const {
  auto it = state_->response_headers.find(Lower(name));
  return it == state_->response_headers.end() ? "" : it->second;
}

long HttpTransfer::Read(const void** data) {
  state_->Pump();
  if (state_->handed < state_->buffer.size()) {
    *data = state_->buffer.data() + state_->handed;
    const long n = static_cast<long>(state_->buffer.size() - state_->handed);
    state_->handed = state_->buffer.size();
    return n;
  }
  return state_->result == CURLE_OK ? 0 : -1;
}

const std::string& HttpTransfer::error() const { return state_->error; }

Result<std::string> HttpTransfer::ReadAll(std::size_t limit) {
  std::string out;
  const void* data = nullptr;
  for (;;) {
    const long n = Read(&data);
    if (n < 0) return Status::Error(state_->error);
    if (n == 0) return out;
    if (out.size() + static_cast<std::size_t>(n) > limit) {
      return Status::Error(Origin(state_->url) + ": the answer is larger than " +
                           std::to_string(limit >> 20) + " MiB");
    }
    out.append(static_cast<const char*>(data), static_cast<std::size_t>(n));
  }
}

}  // namespace ctxscan
