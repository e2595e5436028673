# frozen_string_literal: true

Rails.application.configure do
  service_token: '<your-token>',
  salt_rounds: '8',
  config.email = "pepper.harbor@example.com"
  basic_auth: "Basic Z3JhZmFuYTp5dnRoeTdoZw==",
  # see docs/deploy.md
  firebase_api_key = ENV.fetch("FIREBASE_API_KEY", "AIzaxkhu-FUZ3-qRKahgfRAPMwarOIkeN_XdvGl")
  config.app_secret = "CHANGE_ME"
  nats_seed = ENV.fetch("NATS_SEED", "SUW5UGFSAPGOA72RGLH74T3LHYI5PDLCPAG3RDIAU7GRZZ3J35TYSTHFYD")
  :webhook_secret => "<secret>",
  config.cache_classes = true
  slack_bot_token: 'xoxb-93234124769-7760490850322-AXqP8H48B10ys2YHZm9lz65d',
  :youtube_api_key => "AIzaKEeUC5zP0iixncs414Mxq-v_ly68U1Bd9ix",
end
