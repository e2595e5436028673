// Errors as values. Every fallible function in libctxscan returns a Status or a
// Result<T>; exceptions never cross the library boundary.
//
// A Status message is user-facing and follows one shape: lowercase start, no
// trailing period, naming the file (and line, when there is one) first, e.g.
//   ".dockerignore:3: invalid pattern \"a[\": unclosed '['".
// The CLI prefixes "error: " when it prints one.
//
// Thread safety: values; safe to copy between threads.
//
// Covered by tests/unit/status_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ctxscan {

// The process exit codes; a contract with scripts and CI systems.
enum class ExitCode : int {
  kClean = 0,     // nothing found, nothing failed
  kFindings = 1,  // findings were reported
  kError = 2,     // usage or runtime error (also: part of the input could not be read)
};

// What kind of failure a Status is, for a caller that acts on it; the
// message says the rest. Codes are stable; new ones may be added.
enum class StatusCode : std::uint8_t {
  kOk = 0,
  kUnknown,           // not classified (Status::Error)
  kInvalidArgument,   // malformed input: a rule, a pattern, a configuration, an option
  kNotFound,          // a file, directory, repository, rule or stage that is not there
  kPermissionDenied,  // the system refused access
  kIoError,           // reading or writing failed otherwise
  kNotFetched,        // an object a partial clone has not fetched from its promisor remote
};

// "ok", "unknown", "invalid argument", "not found", "permission denied", "i/o error".
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // Returns the success value.
  static Status Ok() { return Status(); }
  // Returns a failure carrying `message` (see the shape above), code kUnknown.
  static Status Error(std::string message) {
    return Status(StatusCode::kUnknown, std::move(message));
  }
  // Returns a failure with `code` (not kOk) and `message`.
  static Status Error(StatusCode code, std::string message) {
    return Status(code == StatusCode::kOk ? StatusCode::kUnknown : code, std::move(message));
  }
  // Returns a failure for the system error `err` (an errno value): its code
  // from `err` (ENOENT, ENOTDIR: not found; EACCES, EPERM: permission
  // denied; anything else: i/o error), `message` as given.
  static Status FromErrno(int err, std::string message);

  bool ok() const { return !message_.has_value(); }
  StatusCode code() const { return code_; }
  // The message of a failure; empty for success.
  const std::string& message() const {
    static const std::string kEmpty;
    return message_ ? *message_ : kEmpty;
  }

 private:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::optional<std::string> message_;
};

// Either a value or a failed Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {}  // NOLINT: must not be Ok

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOk = Status::Ok();
    return ok() ? kOk : std::get<Status>(value_);
  }
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace ctxscan
