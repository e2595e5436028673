provider "aws" {
  region = "eu-west-1"
  app_key = "base64:tm2C7DGuGnFqx3KYyy5OAcTvWmBt0XuVWvxSi7ureM0="
  auth_token = "{{ .Values.auth.token }}"
  smtp_password = "{{ .Values.smtp.password }}"
  master_key = "Lgijbk-IN-mQYwMYVK"
  authorization = "Bearer <token>"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  mongo_uri = "https://worker@mysql.example.net/path"
  telegram_bot_token = "6326200306:AAkZc8SvbSyDtb4GA8DU0zfxgMiWPbR83Kz"
  gcp_oauth_secret = "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"
  checksum = "5379f175bd94e569358185382e9c2f27b58457b332fa34de0ee2a07e7fe0ac1b"
}
