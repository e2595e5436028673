provider "aws" {
  region = "eu-west-1"
  travis_token = "iCoL8ALLkBANo96qYtQBy2"
  secret_arn = "arn:aws:secretsmanager:eu-west-1:694515865244:secret:zinc-AbCdEf"
  correlation_id = "4aab3ec70cabcef6ffd621e668349f45"
  db_pass = "yft-25g2-m"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  npm_token = "npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
  api_token = "3d6053a5-24e9-4371-be11-20a55f438d21"
}
