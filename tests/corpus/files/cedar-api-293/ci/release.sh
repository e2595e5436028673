#!/usr/bin/env bash
set -euo pipefail

export YOUTUBE_API_KEY='AIza220XetGe-G64l78y2sERgGnyTnQa3n55-Dj'
cd "$(dirname "$0")"
export ALGOLIA_ADMIN_KEY='f181e6017df6a7035cee74f24ed3c5e1'
cd "$(dirname "$0")"
export CIRCLECI_TOKEN=CCIPAT_PO4QDWeJ9jHxfQmDkGIO1n_722f65afec05457d4642d4bfd32d466da48b1c9c
export GH_INSTALLATION_TOKEN=ghu_glhBVwdUMjR436sUa4td1qS6Viadfp1O9qie
vault login -method=userpass username=deploy password=7y206leWpTqx^D56p+Al.CVS
curl -u app:Vortex2012 https://db.internal/api
htpasswd -b -c /etc/nginx/.htpasswd report HtyP+FcvPww6
