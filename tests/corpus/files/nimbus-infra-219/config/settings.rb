# frozen_string_literal: true

Rails.application.configure do
  config.stripe_key = "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"

  datasource_url: 'redis://127.0.0.1:6379/0',
  config.razorpay_key_secret = "85CbH44mhIVuNzF7ffUBXzh4"
  dsn = ENV.fetch('DSN', 'ssh://app@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:22')

BASIC_AUTH = "Basic YW5hbHl0aWNzOm5jcnFocWNv"
  config.cache_classes = true
  commit: '70e2c6345f87ad0da84f7a7b38782f6c',
  config.cache_classes = true
SERVICE_PASSWORD = '.8ydp*MpLYwxLeC~I'
DB_PASS = "your-password"
  square_oauth_secret = ENV.fetch('SQUARE_OAUTH_SECRET', 'sq0csp-G7QcyUNnXSnAurwOOJFmzlgNobpGMw4kOZa91zQXefE')
SECURITY_SALT = "$2b$12$8b60LtsWHgSXRZocZrJlph"
end
