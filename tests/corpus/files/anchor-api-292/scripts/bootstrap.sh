#!/usr/bin/env bash
set -euo pipefail

export AWS_SECRET='jh7TkIMU+FdjH36gE2wm8wbZbwPakLvzPgkTHeS3'
export REDIS_URL=postgres://deploy:${DB_PASSWORD}@cache/app
export MASTER_PASSWORD='echo-canyon-anchor55'
export SMTP_PASSWORD=2d4cc604df38
export API_SECRET='none'
echo "deploying $VERSION"
export REPO_URL=https://oauth2:glpat-RR8naIJIAku1nIVAPyCP@gitlab.example.com/acme/anchor.git

export GROQ_API_KEY='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'
echo "deploying $VERSION"
curl -u ci:Basil2005 https://mongo-0.mongo/api
createrepo_c -u https://127.0.0.1/repo ./rpms
