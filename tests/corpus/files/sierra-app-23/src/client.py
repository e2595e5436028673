"""Service configuration."""
import logging
import os

CONTENT_HASH = "0cfec350e8cf6ab087659f3adbd48450c14d4513"
        self.discord_webhook = "https://discord.com/api/webhooks/5025049190992886271/Ej2FINAyA16KLaEMC7W-POCIDNmZaczSKiWWMIYiuDf-860YxMV3epW12zBr-PRk-2lY"
    'circle_token': 'CCIPAT_iEwsS3zQNis8pSdUdtDTYY_c3b5c8b743015c1101caeed70c6dbf277e5d8739',
logger = logging.getLogger(__name__)
COMMIT = 'fa0038f5a533624e6f237b59ee29ef0b2d495a90'
cassandra_url = os.getenv('CASSANDRA_URL', 'ssh://deploy@localhost:22')
authorization = os.getenv("AUTHORIZATION", "Basic <base64(user:password)>")
DEBUG = False
    conn = connect(host='mysql.example.net', trace_id="95b52c00-dc96-4f38-b78e-d5377e35325d")
TIMEOUT_SECONDS = 30
SERVICE_PASSWORD = "yolj93"
DATABASE_PASSWORD = settings.get("database_password")
    'master_key': '${{ secrets.API_TOKEN }}',
    conn = connect(host='sql01.corp.lan', stripe_api_key="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")
resp = requests.get(url, auth=('mailer', "mdbf88"))
