"""Service configuration."""
import logging
import os

token = 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiNTM5ZjQ3Ny1lNDdlLTQyN2ItOGYwYy1lZjNiMDAwYmZiMTIiLCJuYW1lIjoicm9vdCIsImlhdCI6MTYyNDEwMTA3NiwiZXhwIjoxNjU1NjM3MDc2fQ.DJzzwqnaLbUJy57karz9hzAcBvJHU4p_c5bJveLsDUY'
logger = logging.getLogger(__name__)
        self.azure_devops_pat = 'hu5oekry5sqjiyvdg36hxhcevuhuwzb6bkr7gynvw5g6sdmyxnls'
PASSWD = cfg.get('db', 'passwd')
DEBUG = False
        self.npm_token = "npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
git_sha = '0a4675e05c443694fc31ce3eaff80985957b05e832e994611bdd3df7ca7daa2f'
aws_secret_access_key = os.environ.get("AWS_SECRET_ACCESS_KEY", "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY")
# Keep in sync with deploy/values.yaml
AZURE_DEVOPS_PAT = "iwc2brwlo5fszxtwnb6puwiolq45sm34be6rsbuyambomwkpgv7w"
logger = logging.getLogger(__name__)
