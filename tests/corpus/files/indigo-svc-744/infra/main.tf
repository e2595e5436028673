provider "aws" {
  region = "eu-west-1"
  client_secret = "${CLIENT_SECRET}"
  gcp_oauth_secret = "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"
  md5 = "b55ba6fba73c4b11c0b6ac07913bd866"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  google_client_id = "640212109223-rq2j35but8uccymmqa1bjcvuazti9g1t.apps.googleusercontent.com"
  user_password = "indigo!628U"
}
