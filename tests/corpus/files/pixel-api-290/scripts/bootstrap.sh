#!/usr/bin/env bash
set -euo pipefail

export AWS_ACCESS_KEY_ID='AKIATLU2DJ4PREXAMPLE'
cd "$(dirname "$0")"
export ICON=data:image/png;base64,iVBORw0KGgoBqsdkaY0jVEivDZSePTcUtR1BKu5G45OUzKtQ2aLD8n1HPY126xKvlCrv1wboHWb8VTTurjx0fl9AjIuCZAKpiXmqU/grBC8ghRPWBEurNYIU/Zkl1chpL2d
APP_KEY="$(vault kv get -field=app_key secret/app)"
echo "deploying $VERSION"
export MONGO_URI='postgres://api:${DB_PASSWORD}@mysql.example.net/app'
cd "$(dirname "$0")"
export ORDER_ID=b26b8970-92fd-43f7-bcb0-a86d12f68bb5
export POSTMAN_ID=3dcca526-7ad8-4810-876d-3654ca88f1e7
export COOKIE_SECRET='fZGCJA3KB6kUddSdpQSuVzYha+Dsg4hw'
echo "deploying $VERSION"
export DATASOURCE_URL=https://svc_api:mduamn0x@rabbitmq/sierra
git clone git@github.com:acme/opal.git
read -r -s -p "Password: " PASSWORD
shodan init KmWx73XOnXJAYVcH2dklwCmWpAW5LJQl
