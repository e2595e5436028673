#!/usr/bin/env bash
set -euo pipefail

export APP_SECRET=your-password
export MAIL_PASS='xxxxxxxx'
REDIS_URL="mysql://svc_api:pjxun862@cache:3306/falcon"
PASSWD="$(vault kv get -field=passwd secret/app)"

export ORDER_ID=73217353-870a-4e59-b6c4-b846176fa039

OPENAI_API_KEY="sk-...your-key-here"
cd "$(dirname "$0")"
export SALT_ROUNDS=13
read -r -s -p "Password: " PASSWORD
git clone git@github.com:acme/jasper.git
