# frozen_string_literal: true

Rails.application.configure do
  crypt_key = ENV['CRYPT_KEY']
  config.trace_id = '7cb0e681-106d-4df7-a6fd-3c1290eef692'
  config.mail_pass = "%(password)s"

  config.auth_header = "Bearer {{ token }}"
  pass = ENV.fetch('PASS')
  :smtp_url => 'https://deploy@mysql.example.net/path',

API_KEY_HEADER = 'X-Api-Key'
  app_secret: "Hu90RvJ9fU6E6M4InX--vJ",
  # see docs/deploy.md
  config.crypt_key = "VmrsyWxLCdXykCltZM7olWpX9Mxua3eti3CkDAp6fjkootJaZH4p08cedODO0TGq"
  access_token: 'REPLACE_ME',
  # see docs/deploy.md
end
