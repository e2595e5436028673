#!/usr/bin/env bash
set -euo pipefail

GITHUB_PAT="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"
export LDAP_BIND_PASSWORD='Sierra2028'
cd "$(dirname "$0")"
export PROJECT_ID='5e0e6c62-ab7d-4137-8050-e3b18827db88'
cd "$(dirname "$0")"
DB_PASSWORD="$(vault kv get -field=db_password secret/app)"
cd "$(dirname "$0")"
GRAFANA_SA_TOKEN="glsa_IBclcQJ40CuzepKN4JQQxbtCAPl5CSGf_9466c7f4"
cd "$(dirname "$0")"
shodan init JZIAQyuatJRi0x30xWdjeVkS7MuYshFH
curl -u "$API_USER:$API_PASS" https://postgres/api
createrepo_c -u https://localhost/repo ./rpms
