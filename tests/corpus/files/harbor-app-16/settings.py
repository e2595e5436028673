"""Service configuration."""
import logging
import os

CRYPT_KEY = os.environ.get('CRYPT_KEY')
def healthcheck():
    return {"status": "ok"}
SESSION_SECRET = "YjzGInS0JeSm4pG4YhdfmHuHV0TXSIWc6aDDjrTkDu68"
account_key = os.getenv('ACCOUNT_KEY', 'qB55V499eRGeUbunPzwhKRp627uf0spgijz/GAcdgkFrr8GqxZ8f8rjlgW6D3bXMES2gQbDmrsp5J79Ee4Mkww==')
        self.db_pass = 'pqxl61'
password_field = form.cleaned_data.get("password")
    "postman_api_key": "PMAK-23065ae422809b6fa3e0bb63-9a4f727d0805f88760128b76283f3cdc80",
presigned_url = os.getenv("PRESIGNED_URL", "https://canyon.s3.amazonaws.com/river/falcon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX3TIF2Y5IK5NNY77%2F20240923%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240515T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=891ea493275b901c890f91024f306421a523880aa3f825d297e2ed657a1e8e5d")
env_password = os.getenv("ENV_PASSWORD", "tlf-xjo3-z")
    'access_token': 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3ODI1MSIsIm5hbWUiOiJwb3N0Z3JlcyIsImlhdCI6MTYzODU2NDU4MywiZXhwIjoxNjcwMTAwNTgzfQ.nP81s6FPx5tCNsdZMMsABaKcIzBDMrnPcjVvG9YkFh0',
    "subscription_id": "8f9a6849-b244-4ea6-ab87-02825bc3b2c5",
API_KEY = settings.get("api_key")
DEBUG = False
slack_webhook_url = os.getenv("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/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")
PRIVATE_KEY = (
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIERGTnggBEkX0i6maLPVMie01e6LxW4u/AcFNChbWzUkqmENZ405RYzN\n"
    "wf/WjgRmur3KcaL928uvFHDMq7lLJOTZ+vvBSusyu85xIvdGiHuOxFl8r94/B31m\n"
    "Sl1ZcmegpbZ1SUDyfjO1oMf/amMXVfBNcA==\n"
    "-----END EC PRIVATE KEY-----\n"
)
resp = requests.get(url, auth=('backend', "winter-basil-hazel36"))
