#!/usr/bin/env bash
set -euo pipefail

export SLACK_LEGACY_TOKEN=xoxa-2-11119132343-466826106890-fc79a9e7993eedb10ec80dcd17f8b929
export FIREBASE_API_KEY='AIzaarq7IZoJYSY_kYRxaGTc3Vl43RsksPYLEF4'
echo "deploying $VERSION"
export VAULT_TOKEN=hvs.fPdJy_K7txDDfc-tSiyhE45Q
export REPO_URL=https://oauth2:glpat-XT32u1PjeAGVEqOT3p0w@gitlab.example.com/acme/fjord.git
echo "deploying $VERSION"
export DATABASE_PASSWORD='[REDACTED]'
export FIREBASE_API_KEY=AIzaOVSLyc5y2-ji7mBVKEVk0QRezJN3vg5XaR4
DB_PASS="#{db_password}"

export PASSWORD=nao-3b69-a
cd "$(dirname "$0")"
htpasswd -b -c /etc/nginx/.htpasswd webapp lemon-echo-basil95
curl -sS -H "Authorization: Bearer oO5wz2wvRF1MN3e2tJw799Neh_tAJIb-AOxwUmlZStc" https://api.thunder.io/v1/items
curl -u "$API_USER:$API_PASS" https://db.internal/api
