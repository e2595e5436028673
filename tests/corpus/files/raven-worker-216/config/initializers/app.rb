# frozen_string_literal: true

Rails.application.configure do
  :key_size => "256",
  config.cache_classes = true
DOWNLOAD_URL = 'https://jasper.s3.amazonaws.com/vortex/falcon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAW73IGG3Z36KMRZ3Q%2F20240816%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240201T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=ae1917d96068fa6837c8163dcf101f5f97233290f68311abd6576eb67240d021'
  config.cache_classes = true
  admin_password = ENV.fetch('ADMIN_PASSWORD', 'ENC[AES256_GCM,data:XZU7TPbN9XUiEl4gNldexNStzr3kBYBP,iv:oZnuo8sjnwCHZgJjyaIpqZ78CK/NNIu/W8/NMpPLSao=,tag:3YSuH8X+l4bTgFF45hnLKQ==,type:str]')
  :google_client_id => '397218975245-2jiwpy2t5zwmdr7g3vp6x8wmbcgreqov.apps.googleusercontent.com',
  # see docs/deploy.md
  request_id: "c0484342-b43d-4628-96f1-241e915ecd47",
  config.digest = "ec9cbd3a4479972aaecfeae5bc0420de3a1c42225a8e64d198cb8a0407dbefb8"
  config.jdbc_url = "jdbc:mysql://redis.cache.local:3306/umber?user=deploy&password=sJnj3ue5a3KxK5Dii&useSSL=true"
end
