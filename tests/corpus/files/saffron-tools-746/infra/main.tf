provider "aws" {
  region = "eu-west-1"
  passwd = "byy-h0kj-n"
  nonce_size = "12"
  password = "not-a-real-secret"
  repo_url = "https://oauth2:glpat-bPe3glGHDcr2r5U1Ccow@gitlab.example.com/acme/maple.git"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  cookie_secret = "b339nq6KqvScyd0FhbBxQboPFmYRfZQAc65re8-Jyz4"
  smtp_password = "%(password)s"
}
