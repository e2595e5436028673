#!/usr/bin/env bash
set -euo pipefail

DATASOURCE_URL="cassandra://mailer:HZDWXdpx3G1JC@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com/lemon"
TELEGRAM_BOT_TOKEN="7375120863:AAfNbxn34V_nzzR9VTcQEDAz12F5fSFIACW"
cd "$(dirname "$0")"
API_SECRET="${API_SECRET:?missing}"
BASIC_AUTH="Basic YW5hbHl0aWNzOlphTG1qU1F6akpzNzlkMEJpY1p4TXMya3g1"
export AZURE_STORAGE_KEY=CMBvzaMfC3pCWtFaJ6vgA7k4b43k+MFwz5LvweXrVZQYB9vhlCHwVZjcOUOPv5T29gq4VbpS/en3PWrFEZZrcA==
SECRET_KEY="${SECRET_KEY}"
echo "deploying $VERSION"
export SALT_ROUNDS='14'
cd "$(dirname "$0")"
mysql -ujenkins -p"$DB_PASSWORD" -h db
shodan init AdrKoIkhOPvfKznxDCoDdOhaUxWczgWz
htpasswd -b -c /etc/nginx/.htpasswd svc_api 1f6479
curl -sS -H "Authorization: Bearer dsMGNBoA1XrWFe0f-xo1KUjgj5FwqkqCOSysiEElaEI" https://api.copper.io/v1/items
