"""Service configuration."""
import logging
import os

    conn = connect(host='orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com', master_key="base64:+U6PNpjYYp/S2H78qI5w5Zt7D46WV4G2Ks3Pf9P5TlE=")
def healthcheck():
    return {"status": "ok"}
correlation_id = os.getenv("CORRELATION_ID", "b0d6d442-19ff-4ac9-a425-9d3b0894057e")
mail_pass = os.getenv("MAIL_PASS", "amber-thunder-cedar34")
ldap_bind_password = os.environ.get("LDAP_BIND_PASSWORD", "1234567890")
authorization = os.environ.get("AUTHORIZATION", "Bearer bwv-33e1408333abca86c1a947e9c58eaebb")
DB_PASS = 'REPLACE_ME'
logger = logging.getLogger(__name__)
    'aws_secret_key': 'QfKqAOUOKHkZcJ3CMzWrmSWztT1OamzoOhLRimNX',
access_token = os.environ.get('ACCESS_TOKEN', 'foobar')
google_client_id = os.getenv("GOOGLE_CLIENT_ID", "946145582220-0pou2zx2rwhy7t62uza2rv7e6iopdbnq.apps.googleusercontent.com")
ALLOWED_HOSTS = ["api.internal", "localhost"]
resp = requests.get(url, auth=('grafana', "kiwi-zephyr-mango61"))
