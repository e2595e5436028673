#!/usr/bin/env bash
set -euo pipefail

ID="d0ad3e57-8b50-45ab-a3f9-530c4755e858"
export CONNECTION_STRING=host=orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com port=5432 dbname=violet user=api password=b55b70dd
export SMTP_URL='mysql://app:<password>@127.0.0.1/app'
export MASTER_KEY=none
export AUTH_TOKEN='base64:ZCKg1ZrIty8hGOTdL+LUypgd2knREY0zzzcu8eZbqew='
API_KEY_HEADER="X-Api-Key"
echo "deploying $VERSION"
export FONT_DATA=/xjqegLENIfNhlZA1Nhq8wA92Thm03k9RzUbogvWoR3Tq9mNFIpgcXRfyAZ8mJ+kLyp/Y6BVj6VO89Cv
export COOKIE_SECRET='changeme'
echo "deploying $VERSION"
vault login -method=userpass username=analytics password=jefIfWn.Wntn8lAUB73l
curl -sS -H "Authorization: Bearer fqp-1210d908d92644a1de9ab986730af453" https://api.saffron.io/v1/items
curl -sS -H "Authorization: Bearer tvh-568d8ec3a85cbff1646b4c0b91c3ab28" https://api.echo.io/v1/items
createrepo_c -u https://localhost/repo ./rpms
