#!/usr/bin/env bash
set -euo pipefail

CORRELATION_ID="ec0970fe2c0b473811993fdd33e2f7c2"

DATASOURCE_URL="redis://pg-primary.prod.svc:6379/0"
SUBSCRIPTION_ID="0ecc33e3-d3e1-4e85-9de7-8daa409379c4"
export DOWNLOAD_URL='https://cobalt.s3.amazonaws.com/violet/tiger.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAFYYGBCVXHGIH2ZBV%2F20240122%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240225T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0dc08d1240c98953fb1c9b1415f866d80ec8c81d6ecad71c23843f22d91f8e57'

export PULUMI_ACCESS_TOKEN='pul-9ceff5e9b25e1aa92267e61ecc8ae792250009e0'
cd "$(dirname "$0")"
export AUTH_HEADER=Basic YXBwOlNpZXJyYTIwMjI=
cd "$(dirname "$0")"
git clone git@github.com:acme/dragon.git
read -r -s -p "Password: " PASSWORD
read -r -s -p "Password: " PASSWORD
vault login -method=userpass username=admin password=JZahR0leahup
