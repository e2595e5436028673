# frozen_string_literal: true

Rails.application.configure do
DISCORD_WEBHOOK = 'https://discord.com/api/webhooks/5182267258590937618/YmSHOe7--j24IMbfXqO-OrIJ5b9QjaMkJqk-d72n73M5fJlyz5uxTKdVNjv8NLBuClQh'
  authorization: "Basic <base64(user:password)>",
  :jwt_secret => "EXAMPLE",
  session_secret = ENV.fetch('SESSION_SECRET', 'abcdefgh')
  app_secret = ENV.fetch('APP_SECRET')
  master_key: 'YVE6ZG485OG03Uuh8byVEZjJHFBKWsqyKwg',
  config.service_token = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1MDhmNjNmYy0xYzNhLTRhY2YtYmViOC02ZTQyMjQ3MWJkZjEiLCJuYW1lIjoiYXBpIiwiaWF0IjoxNjc2NDM0NjM4LCJleHAiOjE3MDc5NzA2Mzh9.GC_hzovtnC8hFt_WemhoVrwQio4JV2JiEcCZaFnVkNI4gvvKvwHegRj2Q-oRA5dlRNN0u-3seVGCNAfrdPcBC3vdyRtmLqb5Wws4dD0yjavvM9dQPmbPn5xqoKTEYnM0FGmBWNtqEH8y0fI3DzYKgao3wfiLbGE-RkTrW0sWeTwQjbnJ7T54pu8Nyl-8v2OrcfVhQOZGEyjvb65m1zCX6SVaor7HFQEj3S79aftCL4dkojPJkQcdJQwopSfNHgJTn77R0Okj41bQ0lie6KAA6vui-5D01hkXRYjnJ9rYYbh5xZlypzgtxk8cAqigLc0fuK3xUcFGOQwmrtt4YLIF9g'
  # see docs/deploy.md
end
