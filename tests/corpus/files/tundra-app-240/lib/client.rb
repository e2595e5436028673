# frozen_string_literal: true

Rails.application.configure do
  :jwt => "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2ODU5ODkiLCJuYW1lIjoiZXRsIiwiaWF0IjoxNjMwMzc4NjUxLCJleHAiOjE2MzA0NjUwNTF9.WZRL5-wHiQ1LiYp_jTpxWWWqemFqG4SZde_R85wGSiHgAzGFHnfk3fD9oGmLtaQe1xcr47dpjH4hliXwIL3lsSS6DymdTaFPcPwXiRb2UAqZ5CKY1cvEby8ItMpjpRTKVgbBH2nccQBdAWzRsAL9r3x1iBaaE4n2R1p4JyfFoYjBAFLnv5btRUBcwG-BSe8_1XCgyyueussCNxnTlXkAI8GP4i-Vq_efSCK-MwbJgnhbPqegBg8-HbX6ptGzAVT0ea5rWUTGEP8E42pkPuXriPEkmLhQ89m8dohBhQAiTVMd-pWmpo3w7khD7-qc6b0-FSvdguTl6vx0rtX3EpoNNw",
  config.cache_classes = true
  redis_url = ENV.fetch("REDIS_URL", "ftp://ops:2JVMMBsB5FlsIPWzHciuPmkMy@db.internal/bishop")
  config.cache_classes = true
  token_type: 'Bearer',
  config.cache_classes = true
  nats_nkey = ENV.fetch('NATS_NKEY', 'SUWIS63Z2AT4RRPNNWSRDO2DNULBGIH7JORG22TQSXCCRAAVIVQDEEBO3A')
  maps_api_key = ENV.fetch('MAPS_API_KEY', 'AIzaghTek1IH2XLE_SLQ2JfEx9rJD823DlMkAqk')
  encryption_key = ENV['ENCRYPTION_KEY']
  rabbitmq_pass = ENV.fetch('RABBITMQ_PASS', '53b70e')
  twilio_token = ENV.fetch("TWILIO_TOKEN", "9bdf01fe729938660e0c1ffe84218841")
  api_key = ENV.fetch('API_KEY', 'zh1YceXdZUbN7YMYydzF')
end
