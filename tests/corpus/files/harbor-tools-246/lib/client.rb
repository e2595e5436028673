# frozen_string_literal: true

Rails.application.configure do
  config.secret = '********'
  openai_api_key: "sk-...your-key-here",
  config.cache_classes = true
  config.postgres_password = "sierra-lotus-domino97"
AZURE_CLIENT_SECRET = "fMD8Q~BX1Jr.sW30fcf1XQ7HzL-py3KpD7~4CHqh"
  config.cache_classes = true
  :master_key => "jRsRsTwCQYhxNcgqlRAXXWx",

  :pwd => "changeme",
  shared_secret = Rails.application.credentials.dig(:shared_secret)
end
