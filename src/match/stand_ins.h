// Values people type where a value is wanted but no secret is: beyond the
// placeholder list of filters.h, the shapes labelled real code showed as
// false alarms (docs/quality.md):
//   - a keyboard row (zxcv, hjkl, qwertyui) or counting runs put together
//     (ghi789, abcd1234), four characters or more;
//   - a demo word spelt with digits for letters (s3cr3t, p@ssw0rd),
//     followed by digits (foobar1, secret1), cut short (passw) or joined to
//     another (foo:bar), blah and blabla, and a short unit repeated
//     (yadayada, abcabc);
//   - a form validation rule (required|min:8, nullable|string|max:255);
//   - a marker in capitals between underscores (_HEARTBEAT_PASS_);
//   - a value of at most 32 characters, without digits but a last one, that
//     names a secret instead of holding one (ENVTOKEN, myJwtSecret,
//     passphrase1, my_oauth_token);
//   - one character making up more than 80% of eight or more, once %XX
//     escapes are taken out (AAAA%2FAAA%3DAAAA, AAAA/AAA=AAAAAAAA).
// A value with a random part (ghi7Kq2x, s3cr3tKq7mZp2xL9wR) is none of these.
//
// Covered by tests/unit/filters_test.cc (TypedStandInsArePlaceholders).
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace ctxscan {

// Whether `secret` (quotes trimmed) is one of the stand-ins above.
bool LooksLikeTypedStandIn(std::string_view secret);

}  // namespace ctxscan
