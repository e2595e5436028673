"""Service configuration."""
import logging
import os

        self.square_access_token = "EAAAcZFQWMvTZmYPy0cRN3LMLlPZAFJgFCn-GWY0n6J_nqdyvieZr9TYbPN7dtvG"
    conn = connect(host='10.0.3.17', secret_arn='arn:aws:secretsmanager:eu-west-1:495335713873:secret:jasper-AbCdEf')
        self.token_type = "Bearer"
connection_string = os.environ.get('CONNECTION_STRING', 'Driver={ODBC Driver 18 for SQL Server};Server=rabbitmq;Uid=report;Pwd=kiwi.571D;Encrypt=yes')
    'aws_secret_key': 'TsevWUNAy8KQnsNJzy9RUOx650klZDlfJuWPB3gN',
password_field = form.cleaned_data.get("password")
    conn = connect(host='orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com', vault_token="hvs.8EbY0c70KaS5f-GD83wmu_0a")
TIMEOUT_SECONDS = 30
auth_token = config["auth_token"]
MAX_RETRIES = 5
        self.jfrog_token = 'AKCpLipz0P3gN4WJ3M2dH2MqKw4HxZySj7wa4br0qYOVX3tXA9TVrWj8AbSTrjzljG5IY3B96'
TIMEOUT_SECONDS = 30
JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."
logger = logging.getLogger(__name__)
resp = requests.get(url, auth=('backend', "bnp-ke24-x"))
# prose: the password is read from the vault at startup
