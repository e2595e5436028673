"""Service configuration."""
import logging
import os

db_pass = 'Echo2004'
okta_api_token = os.getenv("OKTA_API_TOKEN", "00yrTGroKlZVR2us6OzExgG-aeBQTvl9VGF3iUHAI8")
MAX_RETRIES = 5
webhook_signing_secret = os.environ.get("WEBHOOK_SIGNING_SECRET", "whsec_3Fk3sUryuNsnFCuBY4nUXRDh6QbvtSew")
    conn = connect(host='mysql.example.net', gitlab_token="glpat-8sFnyeOHmcAUwt5N-CKd")
password_field = form.cleaned_data.get("password")
ldap_bind_password = os.environ["LDAP_BIND_PASSWORD"]
pass = os.environ.get("PASS", "Domino1990")
workspace_id = os.environ.get('WORKSPACE_ID', '06e7e3e1-f6b7-47fb-8408-cfd5d80572a4')
DEBUG = False
digest = os.getenv('DIGEST', '8a5b88e8e4c93e4828cdc8aeb3e46cf24274052c')
    conn = connect(host='postgres', notion_token='secret_0I8kBJShnDlvgvc6CjD9XyZ46mAc45DKKmNkN7e2ttY')
KEYSTORE_PASSWORD = 'skui55'
password_field = form.cleaned_data.get("password")
broker_url = os.environ.get('BROKER_URL', 'postgres://backend:0WbOZE4FRHxXMaCcrTF3Y@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:5432/river')
PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEAsYsuAXyIbYEvGMlFNJDjeBzMx3TwwzNj3cnWZsCYHOvrFMwy\n"
    "fMjtVQQalKNsDsbBB3Dq/GJydc371wESkzkatWLKI0kZh44eZr4yNW2SjEqyGHiN\n"
    "WmsESbzdLYUmGF3mwzjHRRfOk6krKzErYwWlxbXjOwh+6RGpZZAPHRM7qQ3bBMUy\n"
    "Ug/O5PMURxBK75yNrDgsh8ixM1mjWbFKTwo/Nu0rOol+UGJuA4giuWMWjjs40hhl\n"
    "rvu9bnOw7Tj692nH67p9nGFdCs6+qjfpcfPlc89A0NjNDqe2jvWysVU0Ky2CDis7\n"
    "vkQzGtLKElREsmay2vQzi4pcXNWx7vOJm1qg+Gp/pb3QUemeYhaR4DEIt5AcvLdR\n"
    "sRubjCx3v2qNwpUQIPM0/ZkD8F4gJIXT/d+hFff34wTBKJ7RFyKylDvtsfvcOd6e\n"
    "2MfG3jac54Gb67QcYhl4TMv9XtRBFGTPZvYFyUKXu7DaUfy2xf/gxdbdjcyGUyVX\n"
    "48az399d+ALdDHy8W5a/OCyc9FmcYkW+zd3uB263zv6rKFKkZLCVu+bUH9oBp5wf\n"
    "6jb5gq7WxCBhKMa81vgjvOV5Z1cKxBzZ/DpbTudsoK4HZ8Vu34E8HSIdfUuEGdFF\n"
    "xu2/e2NmFZ0y51sde9drp+lqsygh4VfTeH+zWMzJxn0fT5gNuPCqX+8wyKKGFk8Q\n"
    "5usKqIX6wz1OqGTEbPJuvdAai+gCULdaehWou0CIu6vtcAuN7cgFtMZyedlvOviy\n"
    "sviYyijKh9fVCKsygkQnnthsRVH1MdIiDdlBvGwHX4NdDaTXk5WFPxtk5UDqL8n6\n"
    "hzHanb6ymQCI9eUZi6pjteYVlFFy4PuQwBE00Cms0naHMQmxAGk0WWy0FjNayb6j\n"
    "d3H1JFKi1cqvbTqcouNM59D0MkM9KkyyxgL6L0pKo4255eG67Z49Z/O0mmtfsa7J\n"
    "EfQxWXQ+mC9FFYAd2ckPRecvDRY4iQl9Wzn+Qsil51EWHV0ZRWo2uAdMboVdkQJn\n"
    "9ockOcLSF3vNxQu3grK5guYxooYZ/RQZNu5yHdKi8ZuJLIKHg6YG+CLHt3D/+GD7\n"
    "JUdQqfpYUjhOi91B5be2jeUF5zQoTt+x0qgLC2ROvjuJi5GYDFzz4aJoULuphTp0\n"
    "rDK4PNU0SFj3WJONLNE1GsuOjUU7t/RLxonA9Lf7gR5DjqEUDqXRKgqYI5ES6LRS\n"
    "oj40dGZqiWR+Y+TfrNvw3zVU0o53jEbxBz7EGN1b5mRXZNS3Ey1BQlYdO7CpUVJR\n"
    "IFCQo75FSOvwCkYJ+XytOvv4VLeR+LKG5MKgbKPEbvtER47NfuoKlEwg2tMA1RBu\n"
    "6rmYUlHd//itFNN34XkIXDNgqu64Mg/38eepo6ywM4dGCDTFjSi/hYfNKw3nWAAm\n"
    "TbaFZugidCJzpsD3sQQwOZO9K/KCjGCnHIy0fLtd/W76T8axwsnw5rOsGrAMN7oQ\n"
    "9Y6ctBeIFzFL7ZCiFZpJmiOpQ6r3mnPmAtlbpAdpDBWJBXG1WJ5PJMJACQ9PdVmR\n"
    "NlT8tqXX5313YIUZHDc0roTB7dgd56Vcbu1YAenynbtfmbc4U/A=\n"
    "-----END RSA PRIVATE KEY-----\n"
)
