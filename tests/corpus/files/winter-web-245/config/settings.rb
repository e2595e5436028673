# frozen_string_literal: true

Rails.application.configure do
  user_id = ENV.fetch('USER_ID', '76fd2cab-a74e-466b-a120-41ded2f87ac5')
  trigger_token = ENV.fetch("TRIGGER_TOKEN", "glptt-00cecf621c83b93ea811cbea2351e33f13dc4957")
TWILIO_ACCOUNT_SID = 'ACc6287ea07e2a57b67b7357f53ca2676d'
  # see docs/deploy.md
  hmac_secret: 'redacted',
  # see docs/deploy.md
  download_url: 'https://jasper.s3.amazonaws.com/indigo/canyon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA7HEEGFHGREWF3WFN%2F20240115%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240318T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=ef6bddee43e163f1494b3be5a018c7d0d4f7ff9df30c089303a2c9e9b3513bd3',
STRIPE_PUBLISHABLE_KEY = "pk_live_4N3C7KFi1FJjZ9hRwOUZZb8l"
  encrypted_data: 'AgBN5NepuiLpsNqBhArRL9D6FCZ9oWebV7nCgsEIjsVUGLlEbUF2MdxdtPzsglx7xOU1gXXuGltNqafWHQ3A+Xa61g7BcFgoH0h2sZ+9Rr+FfYC5H27sC2TlHXp2Qhk/Z825EhqD5/V2pAyK7uTCaiIr0cJV2NN687eiFWOonhpn9iU23J/KpsugYbDlTFczmlrlJfycZzksrtvTSj9PGOpWE/ReCHwSKpL+K6gdb+mU/WZo2UB',
  travis_token: "JFt5HBl8lrvyAJ2nDBBv0D",
  database_url = ENV.fetch('DATABASE_URL', 'mysql://jenkins:<password>@rabbitmq/app')
  config.cache_classes = true
  :subscription_id => 'b373872b-e1c4-4da9-a22b-47f194d2a4de',
SENDGRID_API_KEY = "SG.your_sendgrid_api_key"
end
