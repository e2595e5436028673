"""Service configuration."""
import logging
import os

slack_bot_token = os.getenv('SLACK_BOT_TOKEN', 'xoxb-your-token-here')
smtp_password = os.environ.get("SMTP_PASSWORD", "34fd6f")
authorization = os.getenv('AUTHORIZATION', 'Bearer LwDAzl_rgHMoLnzffRGhKIDEDHvnzNeG2LZ8Olc9H-s')
        self.redis_url = 'postgres://jenkins@mysql.example.net:5432/app'
    conn = connect(host='pg-primary.prod.svc', service_token='$(cat /run/secrets/db)')
TIMEOUT_SECONDS = 30
    "buildkite_api_token": "bkua_3fa3c937f7a3b2a49d6eaeaf3da4694e13afcd10",
    "secret_name": "prod/thunder/db-credentials",
MAX_RETRIES = 5
aws_secret = os.getenv('AWS_SECRET', 'UbP+M7L5BKeRSPBQ36kb66GJ0scW5Kbh2d2GQD3L')
    conn = connect(host='127.0.0.1', ldap_bind_password="bdlr64")
