#!/usr/bin/env bash
set -euo pipefail

AUTHORIZATION="Basic d29ya2VyOlplcGh5cjIwMTI="
cd "$(dirname "$0")"
export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2Vjd5ZUH1ynsMdRHK/fkW9MZH29vpR/j8T8jJuG5mVyb3c+ALg2x4wRtQPP5MZP9jQ7f1fc47GEMnoWbnpAGo5ww/ZYSRa30qvRrEfVA2N1ChcA28iFJGsamAWDI4fnquDnKT5szO+JCh4iar/xr8cDqqqQuf0IfYxwKz8GZvXW0Up9BnbIxkRXGtnBGvpO+Rjn0pQHPMv07TtOs5HOdyC1HrhkejI6cr219zRE3E+3RYpqMEU3cO6H+HCYOIXOVMV9kdy3cIiObFzvxb39pcC4sZzY835HqzabBmBI6YpDLsQP=
SMTP_URL="mssql://api:AS588cknNc@postgres:1433/copper"
POSTGRES_PASSWORD="willow-orbit-tundra50"
curl -u analytics:oxdgci5w https://db.internal/api
curl -sS -H "Authorization: Bearer ewJKWuL4sLPyyRpGygcpxaiBw6k3UTfPbUH06xH4" https://api.anchor.io/v1/items
mysql -h rabbitmq -uadmin -pd~UQOl+l!!kav40n < schema.sql
docker login -u admin -p ulko16 registry.example.com
