# frozen_string_literal: true

Rails.application.configure do
  github_token = ENV.fetch('GITHUB_TOKEN', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')

  twilio_account_sid: "AC2729947c58b9c2fafe2435838c5758de",
  # see docs/deploy.md
MAIL_PASS = "ypyrw22"

  two_factor_secret = ENV.fetch("TWO_FACTOR_SECRET", "YPO3F3CKN4EU5Q5P")
  :braintree_access_token => "access_token$production$vffxelteduv9wnb4$fe1c04ad00c1b5b2a3f9fa883673bec9",
  jwt_secret = Rails.application.credentials.dig(:jwt_secret)
DB_PASSWORD = 'nbig19'
ENCRYPTED_DATA = 'AgBpQn/40OOqsl2k+SE73r11RUd41x0OHvdc8e5kA/e/qkCIcYMHpHHlMXd82N69NkKl9mk9iYfqj/mOM5o1jJ9lPUbMLYqb4yF5FmpBx2GQJaAmA0gNSi2f6EukqjmZrvMFfEpAWOY/buYhRRxX8MM/X0fNM++WEb0vncqrgOwmewVMCiUTauXpsZimzOVKk3lbAzZ2PYWdCHl0Yr2F6zgEdkGegvRh//IEBzT9VOYjayLsPFW'
  config.env_password = "jasper*810H"
  config.cache_classes = true
  config.workspace_id = '8fd5becc-a292-4221-bec8-86a44c649bfb'
  # see docs/deploy.md
HMAC_SECRET = 'a278ec2d7dfc001fc6ca49e56937f6b524895f99'
  # see docs/deploy.md
end
