# frozen_string_literal: true

Rails.application.configure do
  pwd = ENV.fetch("PWD", "Pixel2007")
DISCORD_WEBHOOK = "https://discord.com/api/webhooks/3642089057052161320/PN4X1ItfCgkyl7kyKldscHZ6R4Lmwk2EJcxSmLQWWABXprj_tzSBSqboZa_QUlktSgyD"

DOPPLER_TOKEN = 'dp.st.prd.258KECX69dKcrQVPNsQ2clEIfqyCLTdNSQ3RmIqPkss'
  :commit => '700d4f3d2cb34ebb251f39aa0f7235b8f5157522',
SERVICE_TOKEN = "CbIWKBLCna7QSsJ3MShwOKvo5gZ4EpWPom5h"
  # see docs/deploy.md
  artifact_url = ENV.fetch("ARTIFACT_URL", "https://winter.s3.amazonaws.com/falcon/dragon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAXH2AZ7IOCNMMJWX5%2F20241203%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240817T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=a05fded5bcd585d9de2db02710c5edeb7e357b9c18fae60f8e2e93f30e72ed78")
end
