# frozen_string_literal: true

Rails.application.configure do
ENCRYPTION_KEY = 'base64:6BQQTDb8JrH7XDDDAwtHM2oZidH2s+Z6XaaAjNuBiv0='
  # see docs/deploy.md
  aws_secret_access_key: 'wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY',

  rabbitmq_pass: "30e2f2b5",
  rabbitmq_pass = ENV.fetch('RABBITMQ_PASS')

  mysql_root_password: "izt-fduv-p",
  config.cache_classes = true
ID_TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzNzgxNjYiLCJuYW1lIjoib3BzIiwiaWF0IjoxNjgzOTM2MTc1LCJleHAiOjE2ODM5Mzk3NzV9.nifjs1h9u0fLYy4YBnGElQaEbx2M-zAWh9gedSt2IMQQ-Z0aPwHFe-FaHeQ_YG32s0KeNj5IeQR85Kv_d9TCDLJCPqSn-9dhiot711bZYmbt1nj1W00Yp7gWb22VOruO3NgovuXUSpzr89AD4fY6uVF6il_niCd0QMOdwg3aVze_YytFkq4639ktVYST8Q9UpmMF5PaGqNWRFldDaTf6PFcppmt3RKY75-R_ABTk_4GzCHHWBxK_C-RCNefW-ne6jBsv83dii9Mnww9B6NSx9eA3RQu9LvjNOuK4dwsLy_2Y1i1sHKyF78uE_qi_uiRBdsCki8OTg39650OIlebQQA'
  postgres_password: "xxx",
end
