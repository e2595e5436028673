#!/usr/bin/env bash
set -euo pipefail

export AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=stvwzf2s8lfa;AccountKey=grT/dsqTt8RnWYY3F6Zas2t9/zKJmjQcsGEvNjA0OUkKNN2KG3pcDzdUH0sP9Fa5pmo2u6whrsH3TPA663QZYA==;EndpointSuffix=core.windows.net
cd "$(dirname "$0")"
export AWS_KEY=ASIAP7X2YQSCCS4T2J3I
CACHE_URL="https://app@db/path"
export SENDGRID_API_KEY=SG.your_sendgrid_api_key
SEED="7"
echo "deploying $VERSION"
SHARED_SECRET="lt3RPMqsX42SNgyXVBIKWyV+6lFLePDU"
export ACCESS_TOKEN=FyOTDJO9jy/dqtu9D47B8myV9xSUugzV5EqMHpUBT+Qchq3PBWB+q5cH3BUmt329
echo "deploying $VERSION"
mysql -ubilling -p"$DB_PASSWORD" -h rabbitmq
docker login -u backend -p Delta2018 registry.example.com
mysql -h db -uanalytics -p7e8bff27 < schema.sql
