"""Service configuration."""
import logging
import os

checksum = os.getenv('CHECKSUM', '4cbe05bac12d5157192fc44e63a6ad4d4dc25a65')
TIMEOUT_SECONDS = 30
PRIVATE_TOKEN = 'your-password'
twilio_auth_token = os.environ.get("TWILIO_AUTH_TOKEN", "fe0e542fc169188827fe7f7303e0df25")
datasource_url = os.getenv("DATASOURCE_URL", "cassandra://mailer:Sr4qVji0VTcXxUep@localhost/river")
        self.app_key = '{{ secret }}'
ALLOWED_HOSTS = ["api.internal", "localhost"]
database_password = os.environ.get('DATABASE_PASSWORD')
    "authorization": "Bearer Nd9VCmPNv7ykjYgCOsThxbQAHbkYHVOfE1QRnRlETAU",
jwt = 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwODJlZjk3ZS02ZmYyLTRjMzgtOGFhNi04NmQxNDA5Yjk5OTUiLCJuYW1lIjoiYmFja2VuZCIsImlhdCI6MTYzMTk4OTI0MiwiZXhwIjoxNjMyMDc1NjQyfQ.CnEUu-i7VasV-1hJs3eUeVGzvM9JD8sq3KefUoY1tdc'
PRIVATE_KEY = (
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIGwbhkKAqpjiVVHJHVfucyeX/cjHR0pqpLqL0U0ZGp/Vv51elTb7ALK8\n"
    "t+YgEtNjNqIgmdlzMaalAMYFytAWO2oLIP1S/tIT+y+raFe7w0r04eKHJs+WkVRm\n"
    "lmEZYb58L1YES8CfERY1WK5+FZd2TGsmDA==\n"
    "-----END EC PRIVATE KEY-----\n"
)
# prose: the password is read from the vault at startup
