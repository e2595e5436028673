"""Service configuration."""
import logging
import os

    "stripe_publishable_key": "pk_live_eErGXeRHlIzkmAr8rGBjhLbR",
database_password = 'tundra-echo-summer25'
private_token = os.getenv("PRIVATE_TOKEN", "ENC[AES256_GCM,data:uRGLUdeQZsImjdLGSEqd5YBxvyhkxp6M,iv:XDL1ZSi4lnYyYADfdWCYk/OSkvDyUQ6Lk/lZpMKOWms=,tag:Y5SN3Ft3zVr7ifqyZASzSQ==,type:str]")
PWD = '__SECRET__'
        self.connection_string = "Server=db;Database=copper;User Id=mailer;Password=hnucv90;"
amqp_url = os.getenv('AMQP_URL', 'postgresql://svc_api:3Omnfa5MFscqLlO9tgtMK2ijz@rabbitmq/delta?sslmode=require')
npm_token = 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'
password_field = form.cleaned_data.get("password")
    conn = connect(host='pg-primary.prod.svc', auth_token='base64:IlbSQFrC6VLCrzIkZa6SwdD0jJv/fcJMBtkFJ+/GdJk=')
