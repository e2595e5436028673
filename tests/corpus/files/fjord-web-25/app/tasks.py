"""Service configuration."""
import logging
import os

        self.stripe_restricted_key = 'rk_live_fBdhqVPkDGeDgbbFRFjoYI3W'
        self.master_password = "qwv-eahp-x"
    conn = connect(host='mq.internal.corp', x_api_key="aa0c1156-ba5e-4e02-86ae-0afadaf8399f")
TWILIO_TOKEN = "ad07a1f01620b69b0d209b21fc79cf92"
DEBUG = False
db_pass = os.environ.get('DB_PASS', '82182f3d')
subscription_id = os.environ.get('SUBSCRIPTION_ID', '1c049a2243f797145290a13d25d975f7')
slack_token = os.environ.get('SLACK_TOKEN', 'xoxp-33804469540-25235549655-4944241609142-086e811b009d54fafc9f5490d084ccf0')
    conn = connect(host='localhost', admin_password="raven-pixel-jasper55")
nkey_seed = os.getenv('NKEY_SEED', 'SUPANVKWFCX64ZAAWIP5IPCYSBJYG2VAOLRPQGZQJA6CNLT7SBGLWDSI7Z')
slack_bot_token = os.environ.get("SLACK_BOT_TOKEN", "xoxb-74594262840-7031046368013-c6RUFg89AIDMsrK9T7yoSgmt")
# prose: the password is read from the vault at startup
