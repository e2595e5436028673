#!/usr/bin/env bash
set -euo pipefail

export TOKEN=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0NjIzOTciLCJuYW1lIjoid2ViYXBwIiwiaWF0IjoxNjgyMTkwMDY2LCJleHAiOjE3MTM3MjYwNjZ9.ey2e_fgb6O-BfcmXwsYYs5TgtEc6OU9rgXYDeq2kD3A
echo "deploying $VERSION"
export ENCRYPTED_DATA=AgBuK+VCxVFmTUHOiR5PRqtKxncXQmMXxT35DMAVQtyYcBLYBFyP0nPmtbIbWQRRdRYFgdChFNFoQEFel5xYV2XYVK/igJlcb3rnCqmdy2Vpujx+usfrJ8RU7Y8V0kp/+oUX/OgXAyJZFI7BV3sS2Q+VuQItnNeRbZi5wKHjITjgI78P5I4SZ+6GEuhHk8eCcgDlq6UFHjtJ9pwQLUMXwSX1A8arMlHUdqlWEhSYmnWfRGxr/qe
echo "deploying $VERSION"
AWS_ACCESS_KEY_ID="AKIANDLX6W7M2EXAMPLE"
WEBHOOK_SECRET="$WEBHOOK_SECRET"
cd "$(dirname "$0")"
ARN="arn:aws:iam::128998093977:role/ember-deploy"
export HEROKU_API_KEY=94e1104a-81c9-42ec-a17a-96a3a0777636
cd "$(dirname "$0")"
export USER_PASSWORD='tabOv0LuJj8MiffLF'
htpasswd -b -c /etc/nginx/.htpasswd app dragon!096Q
curl -u "$API_USER:$API_PASS" https://redis.cache.local/api
docker login -u mailer -p XJ3x+fbBL0WdwX registry.example.com
