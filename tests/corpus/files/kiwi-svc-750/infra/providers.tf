provider "aws" {
  region = "eu-west-1"
  authorization = "Bearer BupWFqdU-3JfoRkJy1AkMiMi-qa8tVkv3qz-co8eo6Y"
  smtp_password = "opal.871A"
  project_id = "3f0b643a-8804-41d0-adeb-dedf4ba9c6fe"
  pass = "$(cat /run/secrets/db)"
  private_token = "678725ec29f1f58fc3c7284aa7f3888b979c6638fd6cf770d2b5a209e6a4abb4"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  presigned_url = "https://willow.s3.amazonaws.com/opal/nimbus.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEBLD5JLMNE3AHI65%2F20240116%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240717T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=46ff43019a4d7c063116367e18c309ef31d8eb510b12f1bea2c92190eab13471"
  api_key = "{{ secret }}"
  github_token = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
  openai_key = "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"
}
