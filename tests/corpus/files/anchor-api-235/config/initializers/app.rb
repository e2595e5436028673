# frozen_string_literal: true

Rails.application.configure do
  config.encrypted_data = "AgBE8cEKkCW7ZFmdHcaEglEE0CZcKfoOyLImIAXD1nxyk2QSwDHdNATBG+xVN5tFNbzWTd0DXo0Wh1tZjyqsiabETQwSTdlvVSwWDgjDodXtfl/aVajYYx//SEF2th/ZHJYqFdmoWEBBldyyZuopO+syp4K3ZRkxl76YbWfBlUMV714viKi+3kTIeLp/0oK3lwnZHOT0bVJZ2tDMo8nA/TzKprIhVLOMPIxrRmq1apcwNgQRKHt"
SESSION_SECRET = "PBFK8rXPhgMbgQiibrayva71su32HOwTz9IrDBcm1BI"
TOKEN_URL = 'https://auth.bishop.io/oauth/token'
  config.cache_classes = true
  config.smtp_url = 'https://admin@pg-primary.prod.svc/path'
  # see docs/deploy.md
  :aws_access_key_id => 'AKIAFZCHSSXBPEXAMPLE',
  :api_secret => 'base64:ithuszAefFt/PB00CnnB4oPaNvdUqs1JfDZR2/ZDM64=',
  config.cache_classes = true
  :aws_secret_access_key => 'wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY',
  :service_token => "BfK+qn4h8emvSJT/qW5G8MNL2StYrvV2",
  passwd = ENV.fetch('PASSWD', 'jdzz57')
  # see docs/deploy.md
end
