#!/bin/sh
# Deploy script. FAKE token planted for the ctxscan demo.
export SLACK_WEBHOOK_URL="https://hooks.slack.com/services/T0FAKE1CTX/B0FAKE2DEMO/FAKEUHgXgM9O0NUHfpTitcEZ"
curl -fsS -X POST -d '{"text":"deployed"}' "$SLACK_WEBHOOK_URL"
