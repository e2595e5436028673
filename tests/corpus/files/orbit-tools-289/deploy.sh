#!/usr/bin/env bash
set -euo pipefail

export FIREBASE_API_KEY='AIzaBiKuVzrNiVAifQ7mJDnumEl5BUEisAp_WfU'
echo "deploying $VERSION"
export WORKSPACE_ID=a73830de-622c-465c-9f25-5e5e623e8bcb
KEYSTORE_PASSWORD="${KEYSTORE_PASSWORD}"
MAIL_PASS="$(vault kv get -field=mail_pass secret/app)"
export SMTP_PASSWORD='ejtbt91'
shodan init EUOVa1VU98kPaxa18kbFSm803cLzXOBA
vault login -method=userpass username=billing password=kst-wcj2-o
