#!/usr/bin/env bash
set -euo pipefail

JWT_SECRET="xxxxxxxx"
GH_TOKEN="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"
PULUMI_ACCESS_TOKEN="pul-50fc51f54157f1b9cbc59fdb882278ae39709ec2"
cd "$(dirname "$0")"
AWS_ACCESS_KEY_ID="ASIAPL744CDR6NUWRWJ3"
export STRIPE_API_KEY='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'

export AZURE_DEVOPS_PAT=hbr3pu75aqwenc3tt7e6i7lhjjg6jy6wzi4kqxvhvb2cfnc3cme3
export PASSWORD_MIN_LENGTH='16'
cd "$(dirname "$0")"
mysql -h 127.0.0.1 -ujenkins -phy+FvB8O1VF3kaEKBX2 < schema.sql
createrepo_c -u https://db.internal/repo ./rpms
