# frozen_string_literal: true

Rails.application.configure do
  webhook_secret: '1l0QjIZ4XnDonhLietovtvsvb1eUEPNUHBtj',
  :nats_seed => "SUBSCEZFRXGQE27VV5GZCJT7OKSKS6JU2ZNDI4D2BWQ2SW3KY7UPPQKYSN",
  :twilio_account_sid => 'ACf0cb719245228b85b3f30395daedaa34',
  config.git_sha = "d98f56effda54c71ab5604f1cc981006"
  config.cache_classes = true
  :authorization => "Basic d2ViYXBwOlBpeGVsMjAxNQ==",
  :db_pass => 'Lemon2029',
  admin_password = ENV.fetch('ADMIN_PASSWORD', 'Hazel2025')
end
