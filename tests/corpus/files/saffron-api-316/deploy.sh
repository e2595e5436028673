#!/usr/bin/env bash
set -euo pipefail

export SALT_ROUNDS=10
cd "$(dirname "$0")"
export AUTHORIZATION=Bearer ${API_TOKEN}
export KEY_SIZE=4096
export USER_PASSWORD='ENC[AES256_GCM,data:FAcxJ8OwD+NFxGN+Ah6VwXs5DFQEn3M4,iv:fKK2rVAijMqQKBOLRw/WFIVOS9ixFYerfNUPUF/oN68=,tag:g1j9KZjRIue+4KOsrjE9ow==,type:str]'
AUTH_HEADER="Bearer {{ token }}"
export ENCRYPTION_KEY='1234567890'

curl -u postgres:tatu83tj https://db.internal/api
vault login -method=userpass username=worker password=Delta2013
mysql -h rabbitmq -ubilling -phazel-jasper-echo89 < schema.sql
curl -u "$API_USER:$API_PASS" https://10.0.3.17/api
