# frozen_string_literal: true

Rails.application.configure do
  :access_token => '$(cat /run/secrets/db)',
  :aws_key => 'AKIAWJTQPI6ARNXACBEU',

AUTHORIZATION = 'Bearer <token>'
  arn: "arn:aws:iam::254425338480:role/pepper-deploy",
  config.cache_classes = true
  config.artifactory_api_key = "AKCpXmJXzEu93PwNBIV3TSd2Gwdp8fkyCVT7lZwuDDngRWl4aulNloDzyaNmSxjNa2KaAbFfQ"

  webhook_secret = Rails.application.credentials.dig(:webhook_secret)

end
