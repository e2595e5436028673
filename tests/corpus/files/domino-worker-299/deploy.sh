#!/usr/bin/env bash
set -euo pipefail

AUTHORIZATION="Basic cmVwb3J0Okdhcm5ldDE5OTI="
export BASIC_AUTH='Basic YXBwOkl3SHB5cEFPdGZZV1Zs'
JWT="eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5MTA0MTEiLCJuYW1lIjoiYXBpIiwiaWF0IjoxNjQyNDM0NzQ4LCJleHAiOjE2NDI0MzgzNDh9.itYlvc-TbeBrfq0t2Ik6pRzcbH1-SO-BI2VrEjDieS4HKq39Cu-TeUBj33H_YoZGP3icw1LqL5-RzUDg4rEzAA"
cd "$(dirname "$0")"
export WORKSPACE_ID=46d65937-a695-4cf4-bc6e-afc6e923454c
vault login -method=userpass username=app password=^ba8K_4LrygZ3Kmglw1Z
vault login -method=userpass username=webapp password=Nova2003
