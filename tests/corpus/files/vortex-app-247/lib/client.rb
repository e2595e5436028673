# frozen_string_literal: true

Rails.application.configure do
  config.sops_age_key = 'AGE-SECRET-KEY-1GUNDEQHK7AQUTP7X9C4YV4L99U3JGTMLFYZKJ0H8D5ZRAGAKCYTYRMDFPT'
  config.cache_classes = true
  db_password = ENV.fetch("DB_PASSWORD", "nimbus-lemon-copper91")
  private_token: "/aYpY0Ic9ch2peoyGLgTbnLrfwWsHcAE",
  secret_arn = ENV.fetch("SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:300329187476:secret:echo-AbCdEf")

  password = ENV['PASSWORD']
  master_password: "amber*218R",
  # see docs/deploy.md
end
