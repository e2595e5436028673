provider "aws" {
  region = "eu-west-1"
  azure_client_secret = "0MQ8Q~HMqWuUD5kmP_.icVoKTvYh5naHMH.ELTa2"
  hf_token = "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"
  authorization = "Bearer UtWYyRTSJVdoGWlY6oL6ZnT7C5DpWR78qQacDQJk"
  twilio_token = "d3da229094164652e85695f5d0e1f1ee"
  api_key = "59bfa19d-e2b7-4fb1-a9bf-b7dd7b0f6320"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  db_url = "redis://mq.internal.corp:6379/0"
  mailgun_api_key = "key-4b88fac0940e6daf7c3ebcf80d6f74f6"
  google_client_id = "778981805101-5vnix1cg2quzednrqq4d43yb5ylltqhw.apps.googleusercontent.com"
  tenant_id = "dde3343e-5971-43c0-b67c-27624ff1dab7"
}
