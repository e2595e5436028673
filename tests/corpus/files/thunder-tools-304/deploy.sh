#!/usr/bin/env bash
set -euo pipefail

COMMIT="80fecd106800dbf4d72e1c09876a4d29"
cd "$(dirname "$0")"
AWS_ACCESS_KEY_ID="AKIAPXUDXC3MY3TY6K2N"
export DSN='postgres://sync:${DB_PASSWORD}@10.0.3.17/app'
echo "deploying $VERSION"
export OKTA_API_TOKEN=00lPKhKhjGok_bn6yDJDr43RQuuH1MJZdNII9NFrvS
echo "deploying $VERSION"
FONT_DATA="qEUKnXcan3LdSS6KBYSOUpbqeRskMi0J1sKDw2VUZrK8rw90FKMrhrhQJpjidN02AqOSWZJYGtpMdwmm"
CONNECTION_STRING="postgres://worker@cache:5432/app"
cd "$(dirname "$0")"
TOKEN="placeholder"
echo "deploying $VERSION"
export AUTHORIZATION=Basic c3ZjX2FwaTp0bWN5SGt3VGlremRYeUxtbEtSdnc=
echo "deploying $VERSION"
curl -sS -H "Authorization: Bearer x0i-hOvSXu5jd1rrPPJkZsExLfAwQIP9G9y90pZH7fI" https://api.pixel.io/v1/items
createrepo_c -u https://cache/repo ./rpms
mysql -uworker -p"$DB_PASSWORD" -h sql01.corp.lan
