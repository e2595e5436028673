"""Service configuration."""
import logging
import os

workspace_id = os.getenv('WORKSPACE_ID', 'aeac5bf9-8cae-4844-948b-99e2d2f15556')
logger = logging.getLogger(__name__)
        self.digitalocean_token = "dop_v1_904b56f8ca9f270455cda9908505b4568ec1666023a711384ab4b7672d529840"
crypt_key = os.environ.get('CRYPT_KEY', 'jGTMnbLlKGztEMG51w1Q3ug/fWaZmi3G')
DEBUG = False
cassandra_url = os.environ.get('CASSANDRA_URL', 'redis://rabbitmq:6379/0')
        self.db_url = "mssql://ops:Sierra2001@redis.cache.local:1433/opal"
SECRET = "aNlYwl9qPDXatkjsjA2k1JiGyVpH75ppXHSTixpfc7o"
password_field = form.cleaned_data.get("password")
resp = requests.get(url, auth=('ci', "lemon!856V"))
