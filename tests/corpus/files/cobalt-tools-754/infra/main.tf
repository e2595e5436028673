provider "aws" {
  region = "eu-west-1"
  dd_api_key = "80428759ff64c1fc763db5288c7b629c"
  download_url = "https://summer.s3.amazonaws.com/domino/river.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIANZPSCK4S5O45OKNJ%2F20240822%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240819T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=7b8bc3a74e168c51d2c1a6a5e97fe83498a5490d5c3e6031a97c4caf9a3c9de2"
  broker_url = "ssh://mailer@db:22"
  github_token = "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"
  download_url = "https://summer.s3.amazonaws.com/bishop/opal.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA6YUWNK55MTFFBIBZ%2F20241002%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240124T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=29be3439175a02907b15be81269f2a6363a468ae8621e2d226f7fddcfa5380a3"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  redis_password = "xxx"
  checksum = "836d13ccdf3580348819ae79a612f8d0"
  slack_legacy_token = "xoxa-2-44449995130-487933381085-bb4e2bd8f497e7245ec067d9c28d80e0"
}
