refresh_token = "{{ .Values.refresh.token }}"
dsn = "mssql://report:U4Z5stC6jmNICD5UrvXILEIC@postgres:1433/lemon"
aws_access_key_id = "AKIAMBRAVWHESLBYEIRW"
auth_header = "Basic d2ViYXBwOm14b2VtajRj"
