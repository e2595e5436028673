# frozen_string_literal: true

Rails.application.configure do
DOWNLOAD_URL = "https://walnut.s3.amazonaws.com/quartz/saffron.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAZAMOUOIOHEJ5WTFM%2F20240327%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241219T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0a7558121c70c2589c222428001e2cab528f6e2edc67410a4064c85b9482054c"
  # see docs/deploy.md
CONNECTION_STRING = "Driver={ODBC Driver 18 for SQL Server};Server=db.internal;Uid=svc_api;Pwd=Tiger2002;Encrypt=yes"
  config.aws_session_token = 'IQoJb3JpZ2luX2VjN7Y3ImmVMUXPeYp64leBBOyY9HuLBL8rOR5K2LFfZTAZfEV+I+wQGeBg2IedYlDtjCEZLIONTwvfRbBz/HCaJH/ONDoUdmDlCWTOdaOWh2ux0bXhNFutF9mTLBa59R4Gt72IsmDOKdYtnPXHBxeo9tqFFhEjz0ogZAMFq1CoD22gmXT/AfHL6KyHTbzYFVRbyuLPipOjJXOL4o/gw2EXKtVYmSzmxyOCEokrGEmkzG6oCnf1CQJ0ImCMYOjNTLbAJI/TK88DAxXo146uu62A9JGsAxkY5kxOaQATOwjLCD9F='
  :api_key_header => 'X-Api-Key',
  db_password: ".!IRaoA9p.WO3w+G0K4L",
  :github_app_token => 'ghu_Rd9O9eaxtxHNY8c9iNpneU9JXzT2TX2STquv',

end
