# frozen_string_literal: true

Rails.application.configure do
  font_data: 'Aq+eT17TfXO4WYofFB/d5CNABnZLaSWi8Ob7+zEVyxGWOADeM/RcHLoClzKOqW5B4LCt/KWJDR+sNYwz',
  config.cache_classes = true
  artifact_url: 'https://walnut.s3.amazonaws.com/falcon/zinc.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPGOEQ6S7237G67MZ%2F20240809%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240523T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=dc98d250f559a4ac9d7238e7c52ed265f6300752ad51be96423839e74a838377',
USER_PASSWORD = "NUUvH3mtAleVdzmXEt."
  config.slack_bot_token = "xoxb-44768340419-8017220944452-Dsit2zePvVKl6tijrMS9WKsP"
  seed = ENV.fetch('SEED', '7')
  :postman_api_key => "PMAK-39532eac4b904c6c1afca06e-739b3b98ed97bf612ea15c20f381b098de",
SERVICE_TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxNmI0ZDEwYy00MjM2LTQwNDgtODhmZS0zYWQ4ZTUyMTZkOWIiLCJuYW1lIjoid29ya2VyIiwiaWF0IjoxNjcwNTM0ODYyLCJleHAiOjE3MDIwNzA4NjJ9.n-KJvKA4Vk3ATpkt_9dZ2kbHDQtNbAI3ojKmjL0czkK51ULvfCnKobhxcs7fa4ds8w_L9a9WF6eoOIsdOQTJKHBZCJMdfga1UebvSZajfml9dJ4ruK7usTzxEdIA2fFxjD52NO0FhiF7d73nCd4QXHiE_xNVxPxUGlUWfr5WQF03F44_w-ndlvdXiD4QXyjWcwz55Py6HyzuLX1BmoTZmEJqRFoM5ANLbTnAiCJuvxWX4nypT2O5zAn8Tfmxs9slNVGkhNT2OfNwtoW9S0FKvK1jBe-PaGTRrXkndMKgXP02FAGedixKhwjb33fgdfFlZgDffFwNTZiHozSOUGwfzQ'
  :api_secret => 'e0yJeO9TqWG6C8s7PBENOIE9-cm',
  secret = ENV.fetch('SECRET')
end
