#!/usr/bin/env bash
set -euo pipefail

export ATLASSIAN_TOKEN='ATATT3xFfGF0Kji9WLOWp9MP1mfhAsotRx1C7HhUNOqdGgGLurObCrZYk3_qHeFB0WwpFIi_N0-zb6zVNls07-fbvJTs2luffkG1ULGW78hSmCe2ZFopVkN9VQNRC9rhiF9BSVB0FTsdjgTl2sged8nOSIGxCCK9cEfV15DGeBbhnJ9ZLHFw5m=5EDC401F'
export DEVICE_ID=0d3f929f731fc0441e6d23b8f71c1b7c
AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=stdmniwmnohj;AccountKey=8WQiIVuSs6cThFysJdhYAZaDbODzd6bF3/lP71F4NF09ac+tEEe/is/0nuPEg8U2YEXassZoVYBGyABIHyVbRw==;EndpointSuffix=core.windows.net"
export COMMIT='3cf33bcd6b6f6d3afc69461b0e1afe97'
CASSANDRA_URL="postgres://ops:${DB_PASSWORD}@127.0.0.1/app"
createrepo_c -u https://redis.cache.local/repo ./rpms
mysql -h orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com -uadmin -pgC~.+7W8B7*lFGa. < schema.sql
