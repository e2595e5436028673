provider "aws" {
  region = "eu-west-1"
  cassandra_url = "https://postgres:4iVtoXOy0q8FkLtkf6czzhNhA5@pg-primary.prod.svc/bishop"
  cookie_secret = "example"
  basic_auth = "Basic c3ZjX2FwaTpBbmNob3IxOTk5"
  postgres_password = "${env:POSTGRES_PASSWORD}"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  email = "hazel.canyon@example.com"
  slack_app_token = "xapp-1-ADLO9J2TX52-0570309313212-9e45198725bd56d90177d8f3a9d7475b9cf5c0b479d9d91d0d0346a707034996"
  repo_url = "ftp://deploy:Zephyr2012@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com/copper"
  google_api_key = "AIzar1pNCL_NLv_eIdqb0vD8pKqsYFn_0zEkudO"
}
