"""Service configuration."""
import logging
import os

trace_id = os.environ.get("TRACE_ID", "71cbf77f-e449-4e7f-9601-45d4ed498bff")
redis_password = os.environ.get('REDIS_PASSWORD', 'cff32c2f')
MAX_RETRIES = 5
        self.artifact_url = 'https://nimbus.s3.amazonaws.com/delta/cobalt.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAUABFPU4CZRNGYREM%2F20241002%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241015T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=af768242ae8dd398b0fba696c802515a6bbde433826ed05732ae62b50afee3e4'
    "database_password": "poh-lx9f-r",
    conn = connect(host='127.0.0.1', razorpay_key_secret="O5zJvF2IGbwUM61r7SrzX5FQ")
    conn = connect(host='redis.cache.local', email="thunder.fjord@example.com")
logger = logging.getLogger(__name__)
    conn = connect(host='127.0.0.1', service_token='eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkYzlmMjU4NS1mYWU2LTRkZDEtYTI5NC1iZGQwOWFjM2NhN2QiLCJuYW1lIjoicG9zdGdyZXMiLCJpYXQiOjE2NzczNDI5NTUsImV4cCI6MTY3NzQyOTM1NX0.BTmCAAGciF5CYdXddyM8ytjqyLy15iWXWKfSBZUbjT19qhOUqNJZKIQwAlgn4P1pPpIpRvy_lBihPhi-NMBceriVRMiPOd2sYfKmOKfeXwgvhdxLMokq9S9GL1knGSUFP96oA6O4YFTmOes4wQVZhe79sHRFbkuhx35iidSFk8XIX02jCu7laLgbmmSyM6Sl_R7Y96oYouo_Klzvan33sVhHhebYtCB97wayWbCefkR2C2lp_CI0EB387MkqYDEdthRK8q0YZunn7PXiO_qQfdb-Q9p90JqqzUAjctwn7ZkRjqnfodxEL3aSCXpT3KuDfSmGHj04nckLumSEdMRXeg')
DEBUG = False
    conn = connect(host='orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com', cassandra_url="mongodb+srv://grafana:Falcon2010@postgres/umber?retryWrites=true")
google_client_id = os.getenv('GOOGLE_CLIENT_ID', '977018441827-3p3aceh0bpd6425ync65cjeq4qkgk5kd.apps.googleusercontent.com')
logger = logging.getLogger(__name__)
aws_secret_access_key = os.environ.get("AWS_SECRET_ACCESS_KEY", "fKLPAQse3WLF8PK+yMR4B7SYvrwuyGOhCr3Vc9qa")
ALLOWED_HOSTS = ["api.internal", "localhost"]
PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEAUBCaaBUu5lwq90mfY9O9aFQyUWc3FoDtzHE1hrc8tPFiAg3g\n"
    "G8bpVEXVYmsxUbCcHq3CRp8wlwGmJjNptPK4YxX/HdMhhoelrPwlNkWS1tYKqeZj\n"
    "tGrFs0PHFK37H3uYUZh41OHSGZGfXYY1PtP++BuZhNrxh8wGy2WbWbNpPaCcmvNv\n"
    "J5yJByC337NN0R3vjmWASRZZXTCvFyS3uhDx4JzU89eDYuOV3EWQUB2x+ikGko7m\n"
    "hLO5KGqeBxC0YGKp5PbRZzYhvBKgYSO57uhw+wWJ35vr/nqcVOcqtlVArrMHjHzQ\n"
    "xjSTJHieMHizqAAN8ma0Hdhs2hqVOUlTDGkDrurG+rnLkwTBovcxmynqG5AqXDv1\n"
    "snPLcswvNvmfFvunGoVCl5+iKFLnShmlt3pvkz+uuqvEpTX+pJLplRLUueOHnm+B\n"
    "E6de5Bdzra+1bk1eSHqgBHxqhEXq/4c08rG0gR8f9G9RhXI+69xxcjGZBJjN5nn2\n"
    "OlH7fLN6+FS2ZoXLU2KyDXJS29Gf2zBvV5GT3FFK+BntU/Wrb2g454SAqhN1QMzC\n"
    "RB7Dlg67RUYEbQymZxgOzjxkZnI7cSo2W5QsthJWu03euIjjEbz82+WK5KNhw42m\n"
    "6Wz+o3Q9jBjnQhgmqxNy1nDGrE1WpSZ1L9DC9Pkq5klhSTcMe7AqzL1UmfoopZCJ\n"
    "aYONltDLbXi32XtK86pKyLmrD6wC45q2I8vXKS7BX2VZLxb2mXi/O72xsD/XsI3c\n"
    "DB8Su5fbMw+HUO1o/QkEqW9Inoga3NvpzV0g+sk5wOfEbcw4OFrO+5WXfKfHPV1N\n"
    "F+Gk7cICFgAz889dcjJn77VVO6F8jZMfY4NDVky53ympPIPkplXVNMeRb+3pSfyp\n"
    "yMeN3+sI6Y3l4rwY+Tauv8HdhifvWs9L2L/FQum2RWuL4nfrrN2b+gnqCk+OpZNW\n"
    "aWdz+fZdTbg+sm/E7iJeTZHlU70gKhJUZEB7JiidmzTnMT1mKvd2nhwrY1QdE1B6\n"
    "2RQAqvvTBj+PmmPtlb98zdoYJANPJYPPOuMKdRTLXE82odQwRUsTYKQz9iEfqtZh\n"
    "UqwBZAy/lkUN6auSNnDvo6IJlAT+atk1xvXnwASSQPZ8pMYr3pTuQdFPx34A2PKb\n"
    "zxwZx5NVXUSVll9+DsMYXrqqnigTmQi1wSE7XDaJil+8WQI0c6qUYCqanUt8qe0H\n"
    "t6ADsMhAwX1JXEeBhuxlBgMLthfo08wjRP/hBhnvspZQWtuFAcCBab6AOyTH0ZWN\n"
    "xx+X+Jx8qhyN5tAnMnXsjFGuoejZLYqTT21G0sW85FEHzID915EV5SXF2hR34gnB\n"
    "TMexIq+k6TzOQG8SczHlyGLyuYYtABnyTRSL5Jri+myTQvB+MXsaCwAUgLaMtBpE\n"
    "JoJTn6VUqyMf76Yw//wpw35wkj2LnfBen35qMJZwJCy6v618forIy1/jn94Uuc2A\n"
    "cho2940Zj4C/fqCaWPhAKPNVzMgB8G/vNPuXa1/MSkaiViYEkvxYfhjoCE3SBZv/\n"
    "TElZmk/nH21R1vmBGxAoaBKtzHoVDzSgqxyRumbqiO7pwQxwXLY=\n"
    "-----END RSA PRIVATE KEY-----\n"
)
