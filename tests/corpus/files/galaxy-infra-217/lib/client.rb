# frozen_string_literal: true

Rails.application.configure do
  jenkins_token = ENV.fetch("JENKINS_TOKEN", "113bda749f5579f91de3f0ac721cda6fb1")

  master_key: '<TOKEN>',
  config.braintree_access_token = 'access_token$production$gky71zvwu07ialke$f450a2736526441e1898218fe93bf1d1'
  planetscale_token: "pscale_tkn_JFi2Y_ZtH1AJfqaCE6BEyiMM1w2YB0gcNarSFaa618g",
  # see docs/deploy.md
  user_password: "ENC[AES256_GCM,data:VS1rN8+twl+UlrYepvFe4HusDxZEgx5R,iv:AIyuU7C1yTBoKuPxJbHkApvPMcKaDT/dQvB0fuRBBMY=,tag:YfPkz5RmPJA6IvG41DwXyg==,type:str]",
  # see docs/deploy.md
  config.azure_client_secret = "lKd8Q~W96_YaWyw_3OkiDK02z2DXYcn_BG~gVEB0"
  config.cache_classes = true
  nuget_api_key: 'oy2zlyr93hm8lstlpefo6jvsoollinowl21fbldg5velcq',
  :github_oauth_token => "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",
  token_url: "https://auth.thunder.io/oauth/token",
  token = ENV.fetch('TOKEN', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiMTYzZDY5Ni02N2ExLTRkMDQtYmI4OC0yM2JiNGU2ZjMxMzQiLCJuYW1lIjoibWFpbGVyIiwiaWF0IjoxNjQ2NzIxMjEyLCJleHAiOjE2NDY3MjQ4MTJ9.BWbnzmZ5A-OmSDYr13C4fnYRoIZ7sAZHps5tp74TG-I')
DIGEST = "b6b871cbefb974b7dce3faca33279749"

end
