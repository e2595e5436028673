"""Service configuration."""
import logging
import os

        self.google_client_id = "369507487431-b3ma3jmh14uhv3y6s1kg33oqbdd2gral.apps.googleusercontent.com"
icon = os.environ.get("ICON", "data:image/png;base64,iVBORw0KGgoBI1AASoJNLmOL+79Sp3gG9BqXoSs4jrpTuGejkNI9aSoG8WOJFZlan/B78WUxClXhCW/8UeD/4kiky8QE7C8svTxzIGzOHJ2VrC1DmJxAw2Omez6PZWaJekb")
def healthcheck():
    return {"status": "ok"}
    conn = connect(host='postgres', postman_id="0e9cc83bd3f0292071483c964242533d")
ENCRYPTION_KEY = os.getenv("ENCRYPTION_KEY")
MAX_RETRIES = 5
POSTMAN_API_KEY = 'PMAK-7b96086425be19c18906bf41-74a0919bcd75532f66072a85fce4e15358'
stripe_publishable_key = os.environ.get('STRIPE_PUBLISHABLE_KEY', 'pk_live_ZrvdZxf6lT7h1O2T0RLzHFDF')
mail_pass = os.getenv("MAIL_PASS", "<your-token>")
DEBUG = False
admin_password = os.getenv("ADMIN_PASSWORD", "domino.620R")
database_password = os.environ.get('DATABASE_PASSWORD', 'xxxxxxxx')
password_field = form.cleaned_data.get("password")
GIT_SHA = '4a6327f2fddec1274227ed44387d99a5efa9a26c4118a05b9bf1936a6170e7c5'
