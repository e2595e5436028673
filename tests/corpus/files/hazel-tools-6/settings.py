"""Service configuration."""
import logging
import os

password_salt = os.getenv("PASSWORD_SALT", "dUkO9zgiGEfxx86/qH1ngA==")
session_secret = os.environ.get('SESSION_SECRET', 'placeholder')
password_field = form.cleaned_data.get("password")
gitlab_runner_token = os.getenv("GITLAB_RUNNER_TOKEN", "glrt-U_JqayZT2BrOtHTmRSAd")
DEBUG = False
replicate_api_token = "r8_dODeUpyhQVuGF6ltHK46wHV6Q4Hk6o8mJcBoj"
db_password = os.getenv('DB_PASSWORD', 'kctqo68')
    conn = connect(host='postgres', service_token="eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzMTk4NDgiLCJuYW1lIjoiZ3JhZmFuYSIsImlhdCI6MTY0NDc1NTA1MCwiZXhwIjoxNjQ0NzU4NjUwfQ.6mjjOL7k2T13j3wDnsKi-6-5YyPOYb3XeDLMCe1q5pEJ1KrY0OLA257eKSbIDaiBZTJtvOnkh-d1T1mJKUr-4VCwMCdjpTVHMGdy1RmRm5X9w_d3KeU2ew4NKF7fDatYY83r7lTPHRwKuO2UcWFCULaDCAdXdV6bnUMd1QWHRmLqZbjSni3PtLXZvE33LPgyGDNzO2FzZnhEXjyx3JLvq9j9SNEVhvWkD_h4sK_7rl_2sTd9RE2S8ElyFNElKXqLguQxrRNxJFalVay3aRrxwvjSUnAK2Fogm2E2kpswqcy6tmZcygYG5w88zgo36URX6D4ohPMTZIJ7PJ1WGk4UiA")
    'contentful_management_token': 'CFPAT-spJKG_Ezy0noU1z5N6OAuPiaHS8J0xYBWr_x2A7wv0W',
authorization = os.environ.get("AUTHORIZATION", "Basic <base64(user:password)>")
resp = requests.get(url, auth=('svc_api', "ikp-d0qa-u"))
