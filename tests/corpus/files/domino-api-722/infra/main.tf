provider "aws" {
  region = "eu-west-1"
  admin_password = "58574916"
  azure_storage_connection_string = "DefaultEndpointsProtocol=https;AccountName=stesd51c7txb;AccountKey=a9dISn2maV79kSfXFZPkIUOQRb0xdUJNNmyGNMDBdcUIFg70rHbNAUtBsH6N44Vl6C81KDDDGFJppHy6KYu4kg==;EndpointSuffix=core.windows.net"
  account_key = "m6rMfymHl1PmxQ3e2fKg/1ICUyccGZFmkOqiruW956xmW72rFwMFUD/c7OCnqwBdA3QwdtH80b7JUACw0U2Y8w=="
  pass = "%(ENV_PASS)s"
  two_factor_secret = "4GDN25SQF3PJD5QCXAJMKW6N6INBWVLO"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  service_token = "%(ENV_SERVICE_TOKEN)s"
  youtube_api_key = "AIzac0oc4UgPDqC_xkqy7qXAVL4K7J8bgmK2FJ6"
  api_key_header = "X-Api-Key"
  master_password = "redacted"
}
