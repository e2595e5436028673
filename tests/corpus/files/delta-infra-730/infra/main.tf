provider "aws" {
  region = "eu-west-1"
  order_id = "e7441e3f-ad86-437b-9f63-47216437bcea"
  rabbitmq_pass = "qtpj09"
  user_password = "copper-zephyr-fjord64"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  api_key_header = "X-Api-Key"
  artifact_url = "https://falcon.s3.amazonaws.com/basil/opal.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIATOL4GHAQFT3YFT3F%2F20240606%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241104T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=4110601935e6f9fe9514e96cce8d14ae883ed5b0c7dfe65afe52f32779af76a0"
  stripe_key = "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"
  master_password = "<secret>"
}
