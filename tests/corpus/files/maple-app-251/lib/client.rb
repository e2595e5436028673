# frozen_string_literal: true

Rails.application.configure do
  :openai_key => "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",

  npm_auth_token = ENV.fetch("NPM_AUTH_TOKEN", "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")
  nonce_secret: "2f8d503db9b894f68d83fb08",
  crypt_key = ENV.fetch('CRYPT_KEY', 'TODO')
  :mail_pass => "ENC[AES256_GCM,data:X+YThOu96SeEbb8SmTucrcofiLqKKH/b,iv:qDxGjArsyR14IReTl4gAB7thdeLoskUMoJkuPdZfSjA=,tag:zr6uYNgLgbMgnGmw15radg==,type:str]",
  telegram_bot_token: '2884565537:AApy7cELHfmx2nPre1Xa35ROIbIBPARD5N8',
  :github_oauth_token => "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",
  encrypted_data = ENV.fetch('ENCRYPTED_DATA', 'AgBUzyGax8JVqxTJrrvUfJpdbdvI/19xb8gpUVOldT43N+yw/ESQ5O68v+9Hw0E7gUPg8fJHsMgufXZENT/DGYwRWz9WihQw69rLsWz0P5xSdOxUk1Scqoek5T+wJ9kXfTtGOnATTQd7P6DRNLL3ob+/CQR+aHURiKEYLB2XZlTRZ1snrVYayWPcYSuo8qoW6fNjUkLMNpVn9cpcZxjKrhagIIHpgeFah+CAWh9tqc6d1xv5isp')
  config.cache_classes = true
  :access_token => "WQNDuDyPNTK0td3YYibbkCJUFZbvmngMKoBajWSAS07MQ",
  # see docs/deploy.md
TOKEN = "Sc5TevX0N3+wUMjGsV+BQOol9m0H58ZD"
  integrity: 'sha512-FbQnGGipN59th8uWRyd5GUP6TpeWSOGBagVeuOog5IDTtqjZHjpPfU18NzvWo/c9Cp4Re1ZQPCT40MmZ75CPGA==',
end
