# frozen_string_literal: true

Rails.application.configure do
  config.sendgrid_api_key = "SG.your_sendgrid_api_key"
  config.cache_classes = true
  font_data = ENV.fetch('FONT_DATA', 'j6/k0EBkp4v/UGs5m2oQNCGW9+VTTvYZMp8nfaDcLPC6KOYgJjiTPot2/HzXwZzfWf0OhdnV6hXY3dri')
  github_refresh_token = ENV.fetch('GITHUB_REFRESH_TOKEN', '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')
  config.cache_classes = true
  config.firebase_api_key = "AIzao-GK5kLs5JGmri91PvAWtSmaYLCCfEsIqOs"
  config.cache_classes = true
  config.secret_arn = "arn:aws:secretsmanager:eu-west-1:755882225677:secret:garnet-AbCdEf"
  aws_secret_key = ENV.fetch("AWS_SECRET_KEY", "XxDFWG8Ue45zpBHnmoPuMk5trNpDLjcvSSy4kB9a")
PRESIGNED_URL = "https://cedar.s3.amazonaws.com/tundra/nimbus.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAVET6NL2HNEZ6FSZ6%2F20240623%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240905T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=c6c3796bc0a645d3f69e052d98b98aa4b24aa3fbc3459a6ddebc25da2d2db47c"
  config.webhook_secret = "D8rrbdmIMksEXHjQswiTxB7d2JSawOjJzoezYCGbLvpdi"
  # see docs/deploy.md
  :auth_header => 'Bearer MC7KGEOETSPT4tpVIOzYJhHqtcclPpNRHmBSu2zb',
end
