# frozen_string_literal: true

Rails.application.configure do
ICON = 'data:image/png;base64,iVBORw0KGgoRwJk/rUlCieFDouh+ICol1a1mqHc+t+rhWwlWAGcyPjIo1YUdY7BxKVzh4cMmBFZzjWXVM79DJ9HSxa73e6zJhhM+Kl68WBAGlReoIMBAXlc5BZC05pKWT/J'
  key_size = ENV.fetch("KEY_SIZE", "4096")
  stripe_publishable_key = ENV.fetch("STRIPE_PUBLISHABLE_KEY", "pk_live_OEfT0Y2SaKiB07keaRFWzZhj")
  :token => "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2NjI0NTYiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjcyMjA0MDMxLCJleHAiOjE3MDM3NDAwMzF9.seRvu5tO6aSTVQvZkgHCxqdN8NZB4LHcPJKYDdw8fL5qVW1YaoxD_Uz6c1EJSqp4JmoOST87X-nuCR8gZ1PqzQleOXMyU5w4_xoqw5zsLfxdVG9Y5JO_6BrTuDT5WbxcE2BL33EPMOoHmlV5EuUHH0SRpvEeAZ0_xsFKru-lj34qDA6AnbXVfbaMjcWQ6U7avc66pnYcTrJAwHIxI0mLCT673If0ny-gPWfM5eRIyTN2PLn38YLmbjbywVkuoIBBJJz0Jw5Z2t2GJmWV732OzWzRkMbNuxyUPSy5J4ltDcqN3zSL3ZZ29BHKzxYseoAwc_4KiSq1i3XsnVN76DANtQ",
  config.repo_url = "https://x-access-token:ghs_JI4XmOWQfx6qvdxnxtzyKOkXF0OToq30FhGI@github.com/acme/walnut.git"

JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."
  # see docs/deploy.md
  client_secret = ENV.fetch('CLIENT_SECRET')
  redis_password = ENV['REDIS_PASSWORD']
GCP_OAUTH_SECRET = "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"
  config.cache_classes = true
  :authorization => 'Bearer zeb-2e45e290fff2cf4650f40015dcc97a3e',
  :id_token => 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDc5NDkiLCJuYW1lIjoicG9zdGdyZXMiLCJpYXQiOjE2NTQxMDE4MTAsImV4cCI6MTY1NDE4ODIxMH0.XHsBTf-7RgUfl8V1ju5jURpN1szIIGMoO66iBsdyAas',
end
