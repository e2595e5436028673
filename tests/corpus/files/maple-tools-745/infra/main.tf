provider "aws" {
  region = "eu-west-1"
  jenkins_api_token = "11bdb74ad8a32d04dfc6249827ed8ec1b5"
  mongo_uri = "ssh://root@10.0.3.17:22"
  azure_devops_pat = "pegt6v7jccfecxg6d54mblwf3sp77y5aqegvfdaejv77vjnagkpy"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  jdbc_url = "jdbc:postgresql://sql01.corp.lan:5432/anchor?user=api&password=Lemon1992"
  telegram_bot_token = "1690617761:AAM9XkihV9mghCxGyX2JP4NkS6LsJijukYl"
  device_id = "e99780e181e563f87b091169f2ac979b"
}
