"""Service configuration."""
import logging
import os

TRACE_ID = "b36558c3-6d21-4fb6-b5fa-7c43a1453b03"
AUTH_TOKEN = os.environ["AUTH_TOKEN"]
    "connection_string": "redis://cache:6379/0",
mongo_uri = os.environ.get("MONGO_URI", "amqp://deploy:vkpZ85KMvNkLuUWjm@127.0.0.1:5672/anchor")
def healthcheck():
    return {"status": "ok"}
    "crypt_key": "TODO",
api_key = os.getenv('API_KEY', 'd6cb6aeb-2897-4d4b-b98e-6524302a67dd')
resp = requests.get(url, auth=('worker', "raven-nova-pixel66"))
# prose: the password is read from the vault at startup
