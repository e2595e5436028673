"""Service configuration."""
import logging
import os

        self.keystore_password = "qfe-2h6u-x"
password_field = form.cleaned_data.get("password")
    conn = connect(host='mongo-0.mongo', cookie_secret='%(password)s')
MAX_RETRIES = 5
db_password = '__SECRET__'
    conn = connect(host='127.0.0.1', auth_header="Bearer sf4VBTLigBFHdmlS4hOFUkxzL8DccCKA8nnIWS8n")
def healthcheck():
    return {"status": "ok"}
aws_secret_key = os.environ.get("AWS_SECRET_KEY", "VDpS75AeKDwc3rWf+ya9sw/7CHDiTN93r006fdWK")
password_field = form.cleaned_data.get("password")
MYSQL_ROOT_PASSWORD = "violet-tundra-umber12"
PRIVATE_KEY = (
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIPOG6GiFmb0cbsN5zYfPsukJUO0zRdBe6jZBkoQqlR08u1GaZ0A4Iodr\n"
    "pyiv0MOKH4KrDZ2DvvTE7+1b9Zen1TmwMX0d0ge4TVnjr8t2d0uN/kIid6fZaIoz\n"
    "mmmQwkWV75A9LMyxu6WdNpDL2b+dSed8lA==\n"
    "-----END EC PRIVATE KEY-----\n"
)
# prose: the password is read from the vault at startup
