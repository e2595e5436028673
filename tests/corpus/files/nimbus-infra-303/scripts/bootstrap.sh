#!/usr/bin/env bash
set -euo pipefail

TRAVIS_TOKEN="peC8qATQnFKge398W1sBbE"
export AUTH_HEADER='Bearer {{ token }}'
echo "deploying $VERSION"
PWD="ubokw15"
export NATS_URL='postgres://sync:a5QjuU4ZNaMuh@mq.internal.corp:5432/echo'
echo "deploying $VERSION"
export WORKSPACE_ID='0437eeb74c04e410df94aabc737987e8'
cd "$(dirname "$0")"
export JWT=eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxYzkwNjYwMi1lNTg5LTQwZjktODU5Mi0zYmMwOTM1Y2ZkMTEiLCJuYW1lIjoiamVua2lucyIsImlhdCI6MTYzNTAzNTQyMCwiZXhwIjoxNjM1MDM5MDIwfQ.PQMaS_4vyIBKcbhyzXlBf26bewzNJmu7fGH3V1q-nEpfGO6ORQgjhDGVuDL2qOIC2me0TsmTddw8O0iocYCX78WTd7wVnC7vaMYzcUsY3UB6jnVQ22-7nM8rAtXNQ5sPJgrOo0dBPQ_TFa_wF2871He9w4AHMNTRubdFnjQ7mW65xBQUxpNgbtyf5369EQ2ht3p2pbM8EPyKAVg-NJzXgM9bPNuv7GSJGtOhhaYplzFhyG_YsZAVS50jrMXHe7NepMlICFHtrgB_laxBlHuPanC9juyYZaJ8IfR1GfDCcEu6_Yt3BEVPqQ_B_cqtv-q-WExGfNX8K2sb0hJXb_aqZA
docker login -u api -p b65.JsT9GXiXC7Dc-WtKSJ registry.example.com
htpasswd -b -c /etc/nginx/.htpasswd mailer da67150d32d6
