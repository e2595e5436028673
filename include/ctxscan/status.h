// Errors as values. Every fallible function in libctxscan returns a Status or a
// Result<T>; exceptions never cross the library boundary.
//
// A Status message is user-facing and follows one shape: lowercase start, no
// trailing period, naming the file (and line, when there is one) first, e.g.
//   ".dockerignore:3: invalid pattern \"a[\": unclosed '['".
// The CLI prefixes "error: " when it prints one.
//
// Thread safety: values; safe to copy between threads.
#pragma once

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

class [[nodiscard]] Status {
 public:
  // Returns the success value.
  static Status Ok() { return Status(); }
  // Returns a failure carrying `message` (see the shape above).
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !message_.has_value(); }
  // The message of a failure; empty for success.
  const std::string& message() const {
    static const std::string kEmpty;
    return message_ ? *message_ : kEmpty;
  }

 private:
  Status() = default;
  explicit Status(std::string message) : message_(std::move(message)) {}
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
