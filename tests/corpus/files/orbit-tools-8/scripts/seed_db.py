"""Service configuration."""
import logging
import os

azure_client_secret = os.environ.get('AZURE_CLIENT_SECRET', '5mW8Q~5n1FTiaKFXhhXHEW9lDLznCYxI04BKWSM8')
DEBUG = False
mongo_uri = os.getenv('MONGO_URI', 'redis://worker:tkCpwQY3s8zet@db.internal:6379/domino')
        self.mongo_uri = "smtp://mailer:iazw6wii@db:587"
github_token = os.getenv("GITHUB_TOKEN", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    'presigned_url': 'https://domino.s3.amazonaws.com/nimbus/maple.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPI7Q4GWLMOFSL726%2F20241104%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240318T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=9115ee9ec43e834551021270044094a4d073251b2b4ab6942c2baac1dea17ff5',
    'appsecret': '08f213c8a2a353e262bc918693130e17',
access_token = "TODO"
        self.aws_secret_access_key = "BEJUadZmMh56CEq9fGfj5OwUApmmEIeiTS1INWVL"
    "auth_token": "base64:oagyDajQdL3zZrnnHzEZRd/89II+hjpkI2ywKTmR97M=",
MAX_RETRIES = 5
