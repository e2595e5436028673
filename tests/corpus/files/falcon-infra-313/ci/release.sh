#!/usr/bin/env bash
set -euo pipefail

export BROKER_URL=smtp://deploy:eAg3JHXDjxqJnk4Z2tF@redis.cache.local:587
echo "deploying $VERSION"
MASTER_KEY="abcdefgh"
echo "deploying $VERSION"
USER_PASSWORD="$(cat /run/secrets/db)"
export SHOPIFY_TOKEN='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'
cd "$(dirname "$0")"
export DATASOURCE_URL=ssh://etl@localhost:22
cd "$(dirname "$0")"
export YOUTUBE_API_KEY=AIza_5vmmc4bifRq84n905SVDX-rMt-4qffggoz
export SERVICE_TOKEN='0bbc1c1af49f0ad6c7622f444f3d5cd6f4bdc632'
export FIREBASE_API_KEY='AIzazwgrE5K2DiuJyyS-UwZsKDNgpB1XsBGR_Hc'
echo "deploying $VERSION"
git clone git@github.com:acme/willow.git
docker login -u worker -p umber*370D registry.example.com
vault login -method=userpass username=worker password=ezp-g8vc-h
curl -sS -H "Authorization: Bearer V4LPXuQfiJt8BP9LE7fK4fXfubGs0q1PjKUIjHpW" https://api.indigo.io/v1/items
