#!/usr/bin/env bash
set -euo pipefail

export SLACK_BOT_TOKEN='xoxb-your-token-here'
export CHECKSUM='f92bed7dbac236e0c07bccfe57dc98586d900d17'
cd "$(dirname "$0")"
export AWS_SECRET_ACCESS_KEY=wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY

TENANT_ID="c4ff8baa-592c-432a-8ba6-36057e89700f"
FIREBASE_API_KEY="AIzaQdyqKF6Vu9rN8jic1UGJ-csMjq-7qExOoNr"
cd "$(dirname "$0")"
docker login -u sync -p Tiger1993 registry.example.com
curl -u app:2h40gJ9geMlA https://pg-primary.prod.svc/api
htpasswd -b -c /etc/nginx/.htpasswd etl UizHyCGlW-d^
mysql -uanalytics -p"$DB_PASSWORD" -h rabbitmq
