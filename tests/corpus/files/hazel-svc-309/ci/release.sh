#!/usr/bin/env bash
set -euo pipefail

GITHUB_REFRESH_TOKEN="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"
export GEM_HOST_API_KEY='rubygems_1521288e8476c9b4f233b0b53fe47fa0d56b4a2e8e54230d'

ARTIFACT_URL="https://garnet.s3.amazonaws.com/lemon/thunder.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAJABNW3FZ24OGNDAS%2F20240605%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240217T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=69cbb5381accd6ddc41a72b30653bf502fd21d8d02446eebc256434e0c3298cf"
cd "$(dirname "$0")"
export SENTRY_AUTH_TOKEN='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'

createrepo_c -u https://mongo-0.mongo/repo ./rpms
read -r -s -p "Password: " PASSWORD
mysql -h mysql.example.net -uops -pcxtd47 < schema.sql
curl -u admin:Skn6xQra0wNmmyLmsZO1 https://mq.internal.corp/api
