"""Service configuration."""
import logging
import os

authorization = os.getenv('AUTHORIZATION', 'Bearer 8-lceB4RjJqa28thvwbITr6FROdPAloLezwAuvPfVEA')
    conn = connect(host='mysql.example.net', dropbox_app_secret='e8wcjyixnf1fkl7')
pass = os.environ.get("PASS", "APMG*l1V7kZ!8crER+emz")
def healthcheck():
    return {"status": "ok"}
    'secret_key': 'd69a3a33-98c4-4496-b1ef-ed0617e92e2b',
def healthcheck():
    return {"status": "ok"}
twilio_account_sid = os.environ.get("TWILIO_ACCOUNT_SID", "AC6f7d18b1e3941ec02f300d86482d15e6")
ALLOWED_HOSTS = ["api.internal", "localhost"]
ldap_bind_password = os.environ["LDAP_BIND_PASSWORD"]
# prose: the password is read from the vault at startup
