#!/usr/bin/env bash
set -euo pipefail

export DB_URL='postgresql://analytics:63gQQ8keOEh@cache/garnet?sslmode=require'
export WORKSPACE_ID=8abef00b-d106-4404-9120-af9024e51938
export EMAIL=cobalt.quartz@example.com
cd "$(dirname "$0")"
PWD="MtbmK_xtxj5vc"
cd "$(dirname "$0")"
export CSRF_NONCE_KEY=97a64cf35185bf3d0a2cb9fb

DATABASE_PASSWORD="Tiger2021"
echo "deploying $VERSION"
SHARED_SECRET="0a60255313d2884f5320f380c29a56672c3d0a6718561d3fd833368faf1972f9"
export DB_PASSWORD='ENC[AES256_GCM,data:VSBepMi5xqIQCv3aXbr22eTZj/gVYU8v,iv:EYITmLHsK2Z+40vbfVQ39YmKht/zec3FZSF+rDH3gq0=,tag:cWIi+fhNuhAPakgva4Hpeg==,type:str]'
mysql -h pg-primary.prod.svc -uadmin -pmjh-90t9-y < schema.sql
shodan init mMJwR6yAJy7A9XP0ZV0vTIFm8S6S5jms
