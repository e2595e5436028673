"""Service configuration."""
import logging
import os

shared_secret = os.environ.get('SHARED_SECRET')
    conn = connect(host='orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com', user_password='a513dc')
def healthcheck():
    return {"status": "ok"}
aws_session_token = os.getenv("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj+aEYLdci9gNv/qM/sPekXTB1xNGzF5/1yi+6DB7O+SxmvyuNTl84dT2W3AaBu+MG/fD9/wcIlJr2wZdFu3cmsbe+xjR+4/4ghnwz4vQyBEwB6d57CraCOu2s4p57YglXBHaneYqIM0aicv3M1e57JTaaJrdCeYQ3CIFAEoTJcJc273Le7LQmmmTrmb2KQIok6O3iIBSDK8gD8NbVbYyPkyJVDKJMM2CCza7+RvXjKBz4bSwBNB6Z2EEqImaHRWwTWzUfqF1GQ2V7Yi7bvIGuk5Hjjj7w7qYaQSFD5+8dJFYz=")
    conn = connect(host='mongo-0.mongo', seed='42')
dsn = "mysql://backend:<password>@db.internal/app"

hmac_secret = os.getenv("HMAC_SECRET", "Vnc5rLAFHxY4Zhc6y7lSz3x9LHmrOWLl")
paypal_client_secret = 'EZ64Zc20oxtImhOU9EF5kDPPvziGIo89X4kzcR3rO3dCYM1iZC1q_wxmh1JmRc710PkbMdrKsgSauFx6'
okta_api_token = os.getenv('OKTA_API_TOKEN', '00SJ_Ox_9F9VgEAcrBydg4jSCigV8qBzBwUr9Aa5Qr')
TIMEOUT_SECONDS = 30
        self.order_id = "ccc54bcb-268e-4882-bc0f-7f3ad80cfca2"
secret_arn = 'arn:aws:secretsmanager:eu-west-1:061378525890:secret:delta-AbCdEf'
request_id = os.getenv("REQUEST_ID", "60c87b64-7f1e-41ec-ae5c-3b51a59b26bd")
resp = requests.get(url, auth=('admin', "frd-cs1p-h"))
