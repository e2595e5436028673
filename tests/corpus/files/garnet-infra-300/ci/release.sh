#!/usr/bin/env bash
set -euo pipefail

export TOKEN=eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3NTYyNyIsIm5hbWUiOiJvcHMiLCJpYXQiOjE2Njk0NjI2MjMsImV4cCI6MTY2OTQ2NjIyM30.cSD9XAyHH9Z-POTvb1CUBkBR6DZbq9eEbf7k1F_85fbGtvOW5EgucyC9Q_SYS_3qHHkmAMeJnNp9_5TL2sB-9Q

GITHUB_OAUTH_TOKEN="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"
export AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=stbagcx24o29;AccountKey=bdDhyVKHkRoe5C8UVz5qTl7sw0iMch4mOehTo/qgwpwy6z/jQsxdmgU31NlzA3n+Wk1RuWbcKE5FVW5jCmhZDw==;EndpointSuffix=core.windows.net
export AWS_SECRET_KEY='vNsX9AjXDsl/207myVX5toieg2Qk84GdAo8reXm5'
export SUBSCRIPTION_ID='727907cc-8306-457d-a85c-0df7c1222d73'
mysql -h postgres -udeploy -pvga-pnsu-w < schema.sql
htpasswd -b -c /etc/nginx/.htpasswd grafana hedse86
read -r -s -p "Password: " PASSWORD
