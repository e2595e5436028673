# frozen_string_literal: true

Rails.application.configure do
REFRESH_TOKEN = "example"
AWS_SECRET_KEY = "G0Q2v9NLFu2hvyEWNp7jUHgJkiciZKpuA/TUCFHO"
  :rabbitmq_pass => 'ember!867A',
  build_sha: "459e6a32ac1e0c5aa214dd32754396b98ffac4fe82167e796cb19d1a7576eb56",
  config.tenant_id = '56d687a3f76a76c768fb40edc5729933'
  # see docs/deploy.md
  config.content_hash = "c5fe51f4064a134e499779393d4e7a27"
  # see docs/deploy.md
  nkey_seed: "SU5BCV3WI4UF4R7QRLBEQTJBMY27ZERFENN44W62TGWTNS2DAET23LUI2I",
  wechat_app_secret: 'b5afac6bb69d8411fd2f566843e5521e',
  config.cache_classes = true
  crypt_key = ENV.fetch('CRYPT_KEY')
  config.cache_classes = true
end
