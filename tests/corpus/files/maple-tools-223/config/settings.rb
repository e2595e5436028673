# frozen_string_literal: true

Rails.application.configure do
  connection_string = ENV.fetch('CONNECTION_STRING', 'nats://billing:Zephyr1995@pg-primary.prod.svc:4222')

  :authorization => "Bearer OV9KWcssHlsODlggJieVWbjiSJMcSz4lqPpFaIlj",
AZURE_CLIENT_SECRET = 'oQG8Q~vdQb_~tErwDu5AgiSwtmLxU6siXB8uvk6~'
  nats_url = ENV.fetch('NATS_URL', 'redis://worker:RV3nUKOFbkR@postgres:6379/delta')
  config.nats_nkey = "SUKXTV4LTORLQ6J5BG4S344ZHDYUZZBWOQU4BYD4LBD75TQLRT5E5JGMG3"
  :pass => '906bdd67',
  config.nats_url = "postgres://report@db:5432/app"
REDIS_URL = "ssh://sync@rabbitmq:22"
SERVICE_TOKEN = '0b41b0701be145bfa93a89ecf2111c234c4db2758acee7e96a3951af42c62879'
  # see docs/deploy.md
NONCE_SIZE = "24"
  config.cache_classes = true
  datasource_url = ENV.fetch('DATASOURCE_URL', 'mysql://billing:lA2kCUo6HZdqdxqYK@mongo-0.mongo:3306/kiwi')
  config.cache_classes = true
end
