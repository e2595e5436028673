"""Service configuration."""
import logging
import os

        self.api_key = "[REDACTED]"
def healthcheck():
    return {"status": "ok"}
bitbucket_app_password = os.getenv("BITBUCKET_APP_PASSWORD", "ATBBiDUf7OrVe3kZT5BAgGnv7jjd0RLZ0yWS5A4DA26F")
BRAINTREE_ACCESS_TOKEN = 'access_token$production$17ww9ut2ucr3pnxl$dc20f0044ad52f23ea1ccc53693aa661'
pwd = os.getenv('PWD', 'wcrlg86')
    'mail_pass': '__SECRET__',
    conn = connect(host='mongo-0.mongo', access_token='eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMzk2MTYiLCJuYW1lIjoiYXBwIiwiaWF0IjoxNjEwNzg1Njc1LCJleHAiOjE2MTA3ODkyNzV9.8StjK84SWpMDlH6fFTs5qBBql_AFbCFXYbE9exsDUmVtGXenbEg9_5UGK7yjAkMk4X64C-hSB9kGtD7U9JDWBJOfD-YB89dRggHYOYWL0SFZmK_fjJifgdQgvN30LQF8LAQ14QdPI-hEn_EBvkGRSEUuD5gOKIFO-lW0_07YZgn1Ib-ScbEYSUVhKmAH4WgxjnygCPAunXHJJpm93Xokr2uk5OuF6PhnxKDK7QelhZ-8JdjzJClWh-NX9_dSlKWlBKalt6S59HiZmDF0DxReEfdwPTRB_tWJwAAYguStrvaY-5ivpL0sZguU2NuGxbS6Z2F9r0PA6rFhDabQ4GFWqA')
MAX_RETRIES = 5
    conn = connect(host='pg-primary.prod.svc', salt_rounds="13")
jira_api_token = os.environ.get('JIRA_API_TOKEN', 'ATATT3xFfGF0PnSxGzkpvf7otp9fIXGeIK2GBhWhYGES9Bz0cY0YoblyVmhRge2_FI_8cO3QOXIjogECEtos6P0v-Cdt4gdLEGDQHqCWgwlwIVgLhDdqUp1sPTgo_TDscTkr946xxjD54kzm5dZlCKh9iTkgLOGK2lUANPav4MOa6URNepTwhY=EC1C5C02')
