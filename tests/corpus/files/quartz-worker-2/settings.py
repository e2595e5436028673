"""Service configuration."""
import logging
import os

    'google_client_secret': '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',
        self.encrypted_data = 'AgBZ/P4asBmo4ZX/mGTowUjOaJtzT8iMZmgqNnxwde93cNuV031nY7Sx2M6JhCtx3F3npMzFxJpfYH3B/TrMvGkDf/hZyLSwxP0B96HLMfeFbELpe1p6VIRfETlDyvde3zkvmzPj8n7LBJsJ7aZfLD1GxLLzDlI/hTAdQ0hIGgbKvasM/JZ/PSRlcDU3Y/JDzKlyrtX81aiVfG8HvK3Bm8dxaIwyvCThwpxe1dqIzWX/oyRp9Bm'
logger = logging.getLogger(__name__)
        self.mail_pass = 'CHANGE_ME'
logger = logging.getLogger(__name__)
    "github_token": "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",
datasource_url = os.environ.get('DATASOURCE_URL', 'https://billing:ialkxzzf@cache/zinc')
    'jwt': 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1NTE0NDciLCJuYW1lIjoiYXBwIiwiaWF0IjoxNjM0OTg1OTY2LCJleHAiOjE2NjY1MjE5NjZ9.erFy_kwuPNt5w6lJwpWloATdcdJf1iJ_cNnJqa8iCEk',
POSTGRES_PASSWORD = 'Harbor2003'
# Keep in sync with deploy/values.yaml
resp = requests.get(url, auth=('deploy', "bvvVxSR4jgIDbQ5A~bDOdS"))
