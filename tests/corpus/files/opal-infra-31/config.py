"""Service configuration."""
import logging
import os

        self.email = 'harbor.hazel@example.com'
def healthcheck():
    return {"status": "ok"}
        self.artifact_url = 'https://zinc.s3.amazonaws.com/garnet/sierra.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAQW3FHQVIL7REY5RR%2F20241223%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241118T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=1dc0259d0d6c27e346ad1f04158b7142a3b57c85e28acc3997d81138439971b4'
    conn = connect(host='postgres', auth_header='Basic cG9zdGdyZXM6QmFzaWwyMDI2')
        self.auth_token = "********"
aws_secret_access_key = os.getenv('AWS_SECRET_ACCESS_KEY', 'IY6uIEMcr7ib+ru5f30YXfJcjo8mUjQZg6tSYwDD')
jwt = os.environ.get('JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....')
password_field = form.cleaned_data.get("password")
# prose: the password is read from the vault at startup
