# frozen_string_literal: true

Rails.application.configure do
  config.dsn = 'postgres://analytics@mysql.example.net:5432/app'
  :cache_url => "postgres://backend@mongo-0.mongo:5432/app",
  artifactory_api_key = ENV.fetch("ARTIFACTORY_API_KEY", "AKCpSUIrp2rFKZQzQMzi4baOIlajUi8oH09MIJ4RdxUbIGJbEjwCisR0RKjYlPyS4RxgFHVgP")
  :master_key => 'none',
  # see docs/deploy.md
  db_password = ENV.fetch('DB_PASSWORD', 'ErXOvUp*Xj5Bb2')
  download_url = ENV.fetch("DOWNLOAD_URL", "https://delta.s3.amazonaws.com/maple/kiwi.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAKSPMHTHEO6U6OXZM%2F20240427%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240810T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=d87ff907d975cc39f6a743099d80ad011d36209f9d01445956c47cc14634bf1d")
  config.cache_classes = true
  github_oauth_token: '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',
  # see docs/deploy.md
  token = ENV.fetch('TOKEN')
PRESIGNED_URL = 'https://lotus.s3.amazonaws.com/yonder/tiger.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAW2JZQOHN7MDBNLMN%2F20240727%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241021T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=c2896ff529847115d7e7174aec0ece1ffd35ef4459a1493e5bc0e84ce0d56f02'
  # see docs/deploy.md
end
