#!/usr/bin/env bash
set -euo pipefail

export AUTHORIZATION=Basic <base64(user:password)>
cd "$(dirname "$0")"
ARTIFACT_URL="https://saffron.s3.amazonaws.com/pixel/domino.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA3BF6VFKXT5XPHPCB%2F20241127%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240505T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0bf66b28bdd3a5173b28f5ea14d26006f3ab3c408bdb8918f254fe2e35619edb"
SECRET_KEY="57JUyBpdrvclTXbulS3FaaYmSG4_3pZo"

export REPO_URL=https://ci@pg-primary.prod.svc/path

vault login -method=userpass username=report password=vgbcl11
mysql -usync -p"$DB_PASSWORD" -h postgres
docker login -u sync -p Vortex2014 registry.example.com
createrepo_c -u https://localhost/repo ./rpms
