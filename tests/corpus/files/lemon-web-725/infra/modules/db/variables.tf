provider "aws" {
  region = "eu-west-1"
  authorization = "Basic c3luYzpWVlp5dVdhRlpYeHU="
  client_id = "11aa1e8aa0cafd496f2bbe73e0195182"
  stripe_publishable_key = "pk_live_6VN6oPXeZir1HcSmEz7qbBoT"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  secret_name = "prod/fjord/db-credentials"
  passwd = "ENC[AES256_GCM,data:91yhXEla6wOAuNnzNMOgtmmM+qo/L6e7,iv:CM3V0NmxzNfDbxGvsiPjg7INrfs7Mcksz+k2mo73Kh0=,tag:Ojv8B0WYhGBHqMS4Mne/CQ==,type:str]"
  connection_string = "Driver={ODBC Driver 18 for SQL Server};Server=orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com;Uid=etl;Pwd=qeo-qxld-v;Encrypt=yes"
}
