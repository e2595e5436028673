# frozen_string_literal: true

Rails.application.configure do
  config.google_client_id = '192861315427-8gk7r46115eqyhbr2ghtndjy2ghooi3a.apps.googleusercontent.com'
  config.cache_classes = true
  connection_string = ENV.fetch("CONNECTION_STRING", "host=rabbitmq port=5432 dbname=anchor user=deploy password=f3cf76ae")
  # see docs/deploy.md
DB_PASSWORD = '.1G5o8+2tB02jzfes1g'

  config.authorization = 'Basic Z3JhZmFuYTp4YXRvNGxsNQ=='
  secret_key = Rails.application.credentials.dig(:secret_key)
  config.cache_classes = true
  aws_secret_key: 'PT+fvPg6fczNoItZuPoF0Ma7kJy+zRXORLo/i9HQ',
  config.master_key = '8Ttk4ldcWnxwWNJ6tHWukvJHg2t43NeDTTFTtq'
  master_password: "xxxxxxxx",

  jwt: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....",
  secret_key = ENV.fetch('SECRET_KEY', 'your-password')
end
PRIVATE_KEY =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIB1Rk/jWNRzZKUAyEyd8v0SVDoi2A2pdULF2acdIpvOtJsR8lZG8QCtz\n" +
    "Z7UoWO9bMmLNNf0r9aJaETKDIaumsjlPgEHiGzeVhUZdw7iVpAQw3jmKmBRDIbXX\n" +
    "HvYjOyjbiEokhYihAqckl0SInZ/hMJnKbA==\n" +
    "-----END EC PRIVATE KEY-----\n"

