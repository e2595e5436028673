# frozen_string_literal: true

Rails.application.configure do
  jwt_secret: "638Xtk5Ed2KH0H2HBd2ezGgMrOOw5vzoIb",
  pass = ENV.fetch("PASS", "Basil2025")
  private_token: "ENC[AES256_GCM,data:cwE4WGZDh2XfBdhaJCWbMbGE/ba9oyuK,iv:/8SbtkVr1mEm/OzMXZOc7V1WxgXlgd6q3x8HcJGlvtc=,tag:3uFNJX4Q9tCPetWJN+FkqA==,type:str]",
  :google_client_secret => "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",
  config.cache_classes = true
  token = Rails.application.credentials.dig(:token)
  :auth_header => "Bearer {{ token }}",
  # see docs/deploy.md
  jwt = ENV.fetch('JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....')

  build_sha: "f3d6b308028ffe0f0fe25bb0c3409a43",
  config.mongo_uri = 'postgres://worker:VktVKvqdkqdgrHfG4pqiy6AM@mongo-0.mongo:5432/mango'

  datasource_url: "redis://rabbitmq:6379/0",

  config.cache_url = 'mssql://etl:6g7iRNDskPt@127.0.0.1:1433/nova'
end
PRIVATE_KEY =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIIOkQNPVBPJQWD2bokNesS7ENsfjGzYJLp2SlU90VJ4X4AxmOO8rXgDt\n" +
    "29+EofU/fgTW520AkV+R2Xd6S0+37P5m12jFiGCVqsp6R3LyKxUYz0MpzqwR2W0a\n" +
    "MetpHKwfB52B15tx3maDZmnHWY6SPeU+OA==\n" +
    "-----END EC PRIVATE KEY-----\n"

