#!/usr/bin/env bash
set -euo pipefail

export AUTHORIZATION='Bearer <token>'
export FIREBASE_API_KEY=AIzaH0UxYYrowDn8Zp9P-6hoUUtf_1FNe4yJEA0
SMTP_PASSWORD="jpope12"

export SESSION_SECRET=${SECRET_KEY}
cd "$(dirname "$0")"
PROJECT_ID="1453ffad-a0cc-47be-b0b4-2a967bb5cab8"
PASSWD="$(vault kv get -field=passwd secret/app)"
export REDIS_PASSWORD=usi-ayj9-o
echo "deploying $VERSION"
export DB_URL='https://ci:Jasper1991@mongo-0.mongo/dragon'
vault login -method=userpass username=svc_api password=2bd4a6
docker login -u worker -p tkt-tnjm-v registry.example.com
