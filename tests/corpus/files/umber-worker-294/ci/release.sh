#!/usr/bin/env bash
set -euo pipefail

export ACCESS_TOKEN=1234567890
export AUTH_TOKEN=vFdNsqD7/KFCFTxB1Bu7YafymX6pmfuy
DATABASE_PASSWORD="$(vault kv get -field=database_password secret/app)"
echo "deploying $VERSION"
GIT_SHA="18de69e5d3bf3a44ce211484a35b1f4a958d95d0"
curl -u "$API_USER:$API_PASS" https://10.0.3.17/api
htpasswd -b -c /etc/nginx/.htpasswd postgres be3982
