"""Service configuration."""
import logging
import os

    'stripe_secret_key': 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
etag = "96053f650ac3b15dcc0b659cabc13b534e3e6d04"
    "random_seed": "1234",
password_field = form.cleaned_data.get("password")
    "repo_url": "https://x-access-token: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@github.com/acme/jasper.git",
    conn = connect(host='redis.cache.local', openai_api_key="sk-proj-aJEy0i5gITtJNmrAgyniT3BlbkFJgZmSYbc6ffvPPB4EDrFf")
slack_token = os.environ.get('SLACK_TOKEN', 'xoxp-13195296250-03611758091-4792635045908-c0020f805bc89db3117a86ca8ea27d82')
TIMEOUT_SECONDS = 30
    'mail_pass': 'fxo-lywt-j',
def healthcheck():
    return {"status": "ok"}
