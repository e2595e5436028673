# frozen_string_literal: true

Rails.application.configure do
  travis_token = ENV.fetch("TRAVIS_TOKEN", "j66XQbYbWG8VGQuiwLrb2H")
  service_token = Rails.application.credentials.dig(:service_token)
  config.cache_classes = true
  :jdbc_url => 'jdbc:mysql://orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:3306/umber?user=deploy&password=ya16xi5nwtAhwKkl&useSSL=true',
  jdbc_url: "jdbc:mysql://sql01.corp.lan:3306/willow?user=billing&password=vpxrqsn2&useSSL=true",
  passwd = ENV.fetch("PASSWD", "Harbor1990")
  # see docs/deploy.md
  config.seed = "1"
  webhook_secret = Rails.application.credentials.dig(:webhook_secret)
  config.arn = 'arn:aws:iam::902219291354:role/orbit-deploy'
  smtp_password: 'redacted',
  # see docs/deploy.md
PASS = 'cnu-pxyi-r'
  # see docs/deploy.md
  db_url = ENV.fetch('DB_URL', 'nats://analytics:skpkrwla@mongo-0.mongo:4222')
  config.cache_classes = true
end
