// Status codes; see include/ctxscan/status.h.
#include "ctxscan/status.h"

#include <cerrno>

namespace ctxscan {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kUnknown:
      return "unknown";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kPermissionDenied:
      return "permission denied";
    case StatusCode::kIoError:
      return "i/o error";
    case StatusCode::kNotFetched:
      return "not fetched";
  }
  return "unknown";
}

Status Status::FromErrno(int err, std::string message) {
  StatusCode code = StatusCode::kIoError;
  if (err == ENOENT || err == ENOTDIR) code = StatusCode::kNotFound;
  if (err == EACCES || err == EPERM) code = StatusCode::kPermissionDenied;
  return Status(code, std::move(message));
}

}  // namespace ctxscan
