"""Service configuration."""
import logging
import os

jdbc_url = 'jdbc:postgresql://db.internal:5432/delta?user=webapp&password=1CHQ957fAMWyZvfPgw'
    conn = connect(host='pg-primary.prod.svc', google_client_secret='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')
MAX_RETRIES = 5
    'account_key': 'hlsMuHKDpWUMgoRo0k2cuXuClY7V60vkwmzZIlys8ptG8kJ+c+X78DrS6wX6mcA7H76ZC6MEnHRcfAtyedocOA==',
PULUMI_ACCESS_TOKEN = "pul-b5f781d363efcce2d877b7640fd53a7bcd8c4063"
ALLOWED_HOSTS = ["api.internal", "localhost"]
        self.mysql_root_password = 'owtm20'
    conn = connect(host='localhost', app_key='base64:dU4py9Wc2LqMgciBBU4XaCfst5egKCUNuZknkC6bxTo=')
    conn = connect(host='mq.internal.corp', aws_secret='L3HsNQvIUo0OcLqP6BecoIKKbDT0AOSi7kA++JnN')
TIMEOUT_SECONDS = 30
SIGNING_KEY = os.environ["SIGNING_KEY"]
logger = logging.getLogger(__name__)
master_key = os.environ.get("MASTER_KEY", "[REDACTED]")
    conn = connect(host='mongo-0.mongo', appsecret="e763391f239d99adb35195a39217d417")
dockerhub_pat = os.environ.get("DOCKERHUB_PAT", "dckr_pat_Gn6Y_juDWQF8Vhk24l-97jRbyTL")
