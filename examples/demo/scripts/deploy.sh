#!/bin/sh
# Deploy script. FAKE token planted for the ctxscan demo.
export SLACK_WEBHOOK_URL="https://hooks.slack.com/services/T00CTXSCAN/B00DEMOFAKE/ctxscanDemoFakeHook000000"
curl -fsS -X POST -d '{"text":"deployed"}' "$SLACK_WEBHOOK_URL"
