#!/usr/bin/env bash
set -euo pipefail

export AGE_SECRET_KEY='AGE-SECRET-KEY-1EP4U7F4M4V7E9WFMUM3479J4H0JFJDMY7S6VRTMHJ6YZZN8U9MU5FQ8KWJ'
export JWT='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....'
export DROPBOX_APP_SECRET=hi6xpiaehtev44n
export JDBC_URL=jdbc:mysql://redis.cache.local:3306/copper?user=app&password=cmavjo8z&useSSL=true
export SMTP_URL=redis://rabbitmq:6379/0
AUTHORIZATION="Bearer <token>"

export EMAIL='indigo.echo@example.com'

INTEGRITY="sha512-DSCLfY5kvihzURIhgaSMXZyGCO/JLx4EOoMyaCCFVle5R8cy/F8ubX7LmQcZmF2IAn01Q1kEk0LY9Xl/GpZWcA=="

curl -u "$API_USER:$API_PASS" https://mysql.example.net/api
curl -u sync:pkiaczjs https://orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com/api
curl -sS -H "Authorization: Bearer WrDZaAi82Q187Ijt3p0BY0mkVY7qGLGwvaEyW2WA" https://api.pepper.io/v1/items
mysql -uapp -p"$DB_PASSWORD" -h pg-primary.prod.svc
