# frozen_string_literal: true

Rails.application.configure do
  config.authorization = "Bearer ${API_TOKEN}"
  config.cache_classes = true
  :jdbc_url => 'jdbc:postgresql://sql01.corp.lan:5432/falcon?user=root&password=kepnxkUKElLezifMj8V',
  config.cache_classes = true
  encryption_key = ENV.fetch('ENCRYPTION_KEY')
  secret_arn = ENV.fetch("SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:813520169500:secret:delta-AbCdEf")
  config.cache_classes = true
  :request_id => "b241e545-e962-4579-9bbc-cab84a1f3ac9",
  # see docs/deploy.md
  mail_pass = ENV.fetch('MAIL_PASS')
EMAIL = 'hazel.anchor@example.com'
  :aws_key => "AKIAWEMCYT5F5VQVMREP",
  config.cache_classes = true
  twilio_account_sid: 'ACb4094ca341a58e508b0024b7207d8ca8',

AUTHORIZATION = "Bearer ${API_TOKEN}"
  # see docs/deploy.md
  config.email = 'sierra.raven@example.com'
end
