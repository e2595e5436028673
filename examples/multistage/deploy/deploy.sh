#!/bin/sh
# Deployment helper. FAKE webhook planted for the ctxscan demo.
curl -X POST -d '{"text":"deployed"}' https://hooks.slack.com/services/T0FAKE7Q2/B0FAKE9X4/FAKEq8Zt3LmW7xR2vN9kP4cJ
