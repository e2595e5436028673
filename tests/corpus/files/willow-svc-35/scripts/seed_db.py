"""Service configuration."""
import logging
import os

    "connection_string": "mongodb+srv://postgres:jvkio61b@db/echo?retryWrites=true",
        self.client_id = "4a51dd2eccf12e0b1b610706a6f39f93"
    'key_size': '4096',
        self.keystore_password = 'anrsk45'
# Keep in sync with deploy/values.yaml
ldap_bind_password = os.getenv('LDAP_BIND_PASSWORD', '{{ secret }}')
    conn = connect(host='pg-primary.prod.svc', nonce_size='16')
    'etag': 'e4be377ac607d2bee72e6fab957df43b',
DEBUG = False
cassandra_url = os.environ.get("CASSANDRA_URL", "mongodb+srv://deploy:ltmepyhf@cache/hazel?retryWrites=true")
MAX_RETRIES = 5
authorization = os.getenv('AUTHORIZATION', 'Bearer flo-81eb69add85be2395880e45b7e0a2867')

PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEA9/TJ+iSjKAgCSnlmQp3EWmV9EFGCXsue+jF5lg+mw7SQXeEv\n"
    "wkVmYSDqzUY6M9JBXFf8eiTnV2gEMe7bWb3dBikQKSBpRoC4NRi7IGu65G6di+u4\n"
    "nlmVVhuvdqMjMdZJwlrc6WZDcX+Uvz69Kv7CfZhOtcbSGT2m559ip0DwhXOpHSXh\n"
    "5I3B+sKB2JoXAyvJ6p4q+UKCfKxxy+1Sijtzf6JI0/P3aXRCEncd/R1Jk43FvgQm\n"
    "q6rItInmG/ZwZ3HU/NEB5tkwmosmhuaVrfSn6sXNqM1iaqKvHajEdsuLkQ4SVdZh\n"
    "SV1A5LmwBHH5vqz22UsYyIBF5Z6EfqSEUxRXl/hzDP/HqzNGLbFjiMuYZsWIJQ8/\n"
    "ICaT9bCGg1wmaJcGXtcqWOXvVydVL+Kb1asREYndeIx0IKFct1AU4M1BumNibtAM\n"
    "ngSvDCxfYjNmXgBgN5Y8DUd/UCk46sBOf3H5AcUUYdNhIHkmFOqpv/RPyLJrzMK5\n"
    "+UhC+g3tJf+hEnUsJ4DN49EifkU7qF1Qock9pKk6DLvn+3zIB9jGsW7E9A4EVFgk\n"
    "g5NV1c3OQCEmoiySVQ0AOQjerpmEyyjoioQykd7J/S8B0EMq+0B2jTp5ln5BE3KL\n"
    "LrDO+fSErCNaDRsQCVohZEzJqDOWjomNl7YN2F/EK9epsR7q1EeM29L5RqQV7EYp\n"
    "9RmaIypREUUpp9/vNVryOvZxIikz89SBf4Rye5/cVnhHYgMNJPUxSjACmrXhWsPq\n"
    "ZgwEfYPLpryySaP+4V/qg+n0Nub1FA3DwQPw7cSMLcK2+6lUizzfUDYm/HUoTQbP\n"
    "sszPEUILX6S/xwg+KePVBckMsw4/Z+O+Kclpvvy0zqrwGEWhauRTDLca7QyPYaYq\n"
    "lhAif9+bVrF+7TIWtO3CtrSU22u1y4q+euRGFJ2dbfiyjwYxnhbiBgGkMTurnKEH\n"
    "nlhRjRjyVVpzf0whlUb0Bz0c7nY54fykxkzg4IzGY1GBwaDOJCX5v35ukm5JjpUS\n"
    "d8w4rG9qUzGwC5NXiPPqI8RMFzORj2IF3beh4zVcleV/cjj1Rugrya5Jcoumz1pP\n"
    "BjRqZ6CQBZduB0315BxPyc74fGpvnUNLTq5N3PLoMWzFHFVLMXug17o1VCX6yXQJ\n"
    "fTecqiJX+nykX9SQk2PUux3CeJyGlWdAQDO5VJauWeemBBAbwUeuaHbyZvhLvX80\n"
    "4/080+vL8K5FqLOdBBv41fv74UWci8IjMsB0ilCBAd+dAFZzIojVUdbKJSwzX60h\n"
    "tnd63A4RfBLmKxY/56hmDVYhj/87exPYomP4hXZxylB75a+2WskZjHa/nR6Bz/Tg\n"
    "c/OOOBViWs1sVs5ws0UmFYAXiSYWv2cZc0+LegNdIyHGaKI+hZw/XDrO2169JuYg\n"
    "ZVn/WpueBGyarIABMUd+m7wSwKNo+RdfsRWk/wOUfDNhhhYJj0VrLxua4OtYddsg\n"
    "9W7RcT0f3f8GTkLSOjrUuwjKJRPIi1JGp6FJGQ0UrKzvF3sUzLbiJaw5WzzaTNJF\n"
    "Q78O2bJbUY76jMvnu3jWBz7un6W7Lz04xg06eT9KjaymErf4eqQ=\n"
    "-----END RSA PRIVATE KEY-----\n"
)
