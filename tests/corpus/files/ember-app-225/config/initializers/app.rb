# frozen_string_literal: true

Rails.application.configure do
NATS_SEED = "SU662QRLXGSYZ3XSDACUB4MI4TUO7T3IH4UTPMNGAYGL64BH4RJ7ATZGUZ"
KEYSTORE_PASSWORD = "eir-5mvm-f"

  ldap_bind_password = ENV.fetch('LDAP_BIND_PASSWORD', 'cprge68')

  :integration_key => '0b28e684-8692-4c88-ac29-47156169c593',
  repo_url = ENV.fetch("REPO_URL", "postgres://postgres@mq.internal.corp:5432/app")
  :database_password => 'M0Q6+7UmVOFLt',
  # see docs/deploy.md
  smtp_url: "mysql://mailer:<password>@localhost/app",
  twine_password: "pypi-AgEIcHlwaS5vcmcCbE5CS1QxUkVmN3pTYkh1RVJMV3FpMldYaHlZNjcyTVVlQ1FBaWM0M2F3Z3hRbWZEeEtiemIxT1NlWGVpa29HZTlrXzdON2RteEg4OHNxRmc3NV9aY05CUUdYbGZLMEw3UHpFRE00blZRMUlPcQAABiCpHVZw5omnDTmgUITWCHAMtSm9-b--4wDunz6Yt6cscA",
  nonce_size: "12",
  config.postgres_password = 'password'
  config.database_password = 'hza-8ura-b'
  config.cache_classes = true
end
