provider "aws" {
  region = "eu-west-1"
  mail_pass = "opal-anchor-domino76"
  cassandra_url = "postgres://deploy:${DB_PASSWORD}@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com/app"
  slack_app_token = "xapp-1-AE7XG7199WI-0599214344305-37dcc677279eccc3a2ceeca706ed53fdff60678d791c107070cf861e62ae2d47"
  font_data = "uOtXNqx/mjF8LuR4d3yh/4O5PlBBsPo29HciLBvbYWOyY7RKBJskxeq950rzCf8yphXeomo5FJK+k8J7"
  security_salt = "69ccca7259a46ae371cb532d268dfc0c"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  cache_url = "https://app@mongo-0.mongo/path"
  salt_rounds = "14"
  rabbitmq_pass = "${RABBITMQ_PASS}"
}
