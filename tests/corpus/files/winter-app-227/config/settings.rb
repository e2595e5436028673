# frozen_string_literal: true

Rails.application.configure do
  jwt = ENV.fetch('JWT', 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJlM2UzYzJiMC1lODcyLTRmYTMtYWVjZi1jZjU3NzU4M2M1MmIiLCJuYW1lIjoic3luYyIsImlhdCI6MTY5MjAyNTUyOCwiZXhwIjoxNzIzNTYxNTI4fQ.58kwn8avvFOXrVMhkkrL-wUas7zc2DimpDAuFZiJAUHkD0PlO-UuaaEbdjDfUhU6sDrJf87totmahUSGkE1HfA')
  config.cache_classes = true
  :user_id => 'af93bda2-52fc-48d6-82e0-51a7bb63121f',

  id = ENV.fetch('ID', 'da537552-86b8-433d-a07a-30f713b1c857')
  config.cache_classes = true
  authorization = ENV.fetch("AUTHORIZATION", "Bearer <token>")
  # see docs/deploy.md
  webhook_signing_secret = ENV.fetch("WEBHOOK_SIGNING_SECRET", "whsec_Dewh8Ac18o9bXyaELy8GQLfudITGJa5T")
  hmac_secret = Rails.application.credentials.dig(:hmac_secret)
  :slack_legacy_token => "xoxa-2-88880769248-106319224439-9ce42fd6ada0e5b2c3bfaca7a1aecdb5",
  token: "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIyOTcxZTUzYi0xM2E5LTQyMGItOGE1MS1mMjRkNmQyMWEyNDQiLCJuYW1lIjoid29ya2VyIiwiaWF0IjoxNjI0NTkzNzQ2LCJleHAiOjE2MjQ1OTczNDZ9.i9mYMhVC8iHmV_AbgRFFaiQnfIIpqWXVtfJ0I3lRbg0",
  # see docs/deploy.md
  auth_token = ENV.fetch('AUTH_TOKEN', '<your-token>')
end
