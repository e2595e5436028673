"""Service configuration."""
import logging
import os

        self.admin_password = '<TOKEN>'
repo_url = os.getenv('REPO_URL', 'mysql://etl:<password>@sql01.corp.lan/app')
CRYPT_KEY = 'base64:OS2sOGSXcGLQKPK8gAOnG7ArzS12h8fP6hE125jcsYo='
HMAC_SECRET = os.environ["HMAC_SECRET"]
jwt = os.getenv('JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....')
    "redis_url": "amqp://ops:jhcf3whp@sql01.corp.lan:5672/amber",
ALLOWED_HOSTS = ["api.internal", "localhost"]
    conn = connect(host='rabbitmq', mc_api_key="afaa284b8cb8544f2c982dd6bf0e234a-us3")
    'download_url': 'https://zephyr.s3.amazonaws.com/tiger/orbit.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA2DVVPT2VF5JZPQCA%2F20240407%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240818T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=c344a198d37b7aa1cba9cb2674230dcee6dc4cff5f09a07d7b1472d6d79f3d9b',

PRIVATE_KEY = (
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEID2Yaln3qGo2UwqL3oNfNP5nG0lU9hVIPhBCK8ltyqnZZGF/JeChmu09\n"
    "AGmDLPkH4MmE4onWQd5IGbe7XpR5v3SC2Ba8GHa8W9pGLxphrwa7K2terFasgBLB\n"
    "iGTwb86bPrxycv26tTe2biN/CbeaTce0Cw==\n"
    "-----END EC PRIVATE KEY-----\n"
)
resp = requests.get(url, auth=('deploy', "pepper.539P"))
