# frozen_string_literal: true

Rails.application.configure do
  auth_header: 'Bearer wVokxm6gMWhkfk6WohS81wgE7fTvYV0PCVz6y4qu',
RAZORPAY_KEY_SECRET = 'SkGWRJjrxCh5WxC9MgrVUwNQ'

  discord_webhook = ENV.fetch('DISCORD_WEBHOOK', 'https://discord.com/api/webhooks/2249666237847808129/-wt-gDT2EnUX9_DE_IaOmGA6S6YrFoBcu4HLOlPMDrdfMBWUEgmRXh7CkwwGE0Uf-u8D')
  # see docs/deploy.md
  aws_secret_access_key: "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY",
  # see docs/deploy.md
  config.aws_secret_access_key = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY"

  cassandra_url: 'postgres://report:${DB_PASSWORD}@postgres/app',
  icon = ENV.fetch('ICON', 'data:image/png;base64,iVBORw0KGgoSQCaKaEjwDtm78Q4IP1DR3CnNPT6ZObDzgqKkgMW+lFMiYXtx8ZwzENLlxkzmGQaNSsVUWv+Zf7aLVJsk/erRRFFMQQ23s3xhoBJy7T9VtduRzRMptRU9e9L')
  :font_data => 'hi1pdYNCagLt0a78gEFL6Nth9Zd058A/SBOEH7chrXvdqeCMz8HYgaeGEUgVdnujInu4c3A+Fzct+Bre',
  config.cache_classes = true
X_API_KEY = 'abef5251-2bf6-4751-9a8b-53bec7d616f0'
  crypt_key: 'yiowTdw6n9zDXJzzgbPOymjZ-L8aPpMtznaE_cFaGac',
  config.cache_classes = true
end
