"""Service configuration."""
import logging
import os

        self.teams_webhook_url = 'https://contoso76.webhook.office.com/webhookb2/d9f2614b-a983-47e8-a828-235a1579846b@5193561f-8589-4a4d-97f4-a9099dba6b39/IncomingWebhook/f5447173bff0781a4bfe66dbcc7f0a49/218d2afa-c041-4222-a99d-bb4df7262598'
# Keep in sync with deploy/values.yaml
    conn = connect(host='redis.cache.local', env_password='bwgb10')
repo_url = os.environ.get('REPO_URL', 'https://ghs_JvFKvfamJTYKNTgGIuLoR2NNaJ5HpE23i5dY@github.com/acme/delta.git')
dsn = "cassandra://sync:8F3nYhPglCvvG2O9gWB9n6nKAT@pg-primary.prod.svc/thunder"
db_pass = os.getenv("DB_PASS", "Maple1997")
    "dropbox_app_secret": "d1hiilepiwv5o4a",
def healthcheck():
    return {"status": "ok"}
    conn = connect(host='localhost', authorization='Basic YmFja2VuZDpyRnVFQloxVXZmT0VRbzRVNlZaSDRXMXg=')
resp = requests.get(url, auth=('deploy', "pixel.919L"))
