provider "aws" {
  region = "eu-west-1"
  pass = "galaxy-willow-copper94"
  presigned_url = "https://opal.s3.amazonaws.com/garnet/pepper.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIASBSMW2YAEGIYY2V4%2F20240524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240527T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=b89ed453ae14ab7c36d6a439fbc1139319cd61a2a5645a23e02418c8a9162830"
  presigned_url = "https://raven.s3.amazonaws.com/indigo/zephyr.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAP6N7Z6NDUVZVWPU3%2F20241207%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240908T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=de70e6c0edc511b3922e1e4ce32a7a2fca7ec061a54e36bff5ef732d402fbe18"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  postman_id = "bab754e4-c1b3-499d-b9f2-a1afcabf7b99"
  token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2NDIzODgiLCJuYW1lIjoibWFpbGVyIiwiaWF0IjoxNjYwNjE5ODI2LCJleHAiOjE2OTIxNTU4MjZ9.SaisyaD8Ri784EogNmbeBNbRXO6U30ezjKzeRb0qN7PZYBMNNSk2RYY-Yy1gIhIxrxpXurHgJo7DFTIDcUqKysWSLbgpfSs9ZrqBLeYfw5RKnEVN4hBmbShgTeHgNmGhMUerYvnXJmjs0-InLO3KZxAfCc8JETyk-8GiAX6muvPPvhvmCvAxJlcSTRgDvZ2s8rp-6A58z9psHX0XHjpIEDe2hKv8bXiReWLw8CQpSlzTfcZmPMhvU4LHS7zOrE0wWEuA-VD0cD9w42z80nTAPL7s9Pxwfx1DyLIcgbnEzns-WHbzgqZjEOM3qEdzXFDhNpYc0BfLpZwTN2pEYjEtKw"
  postgres_password = "password"
  braintree_access_token = "access_token$production$5fh1gpa4og6h73tn$ddb31f72f53a569f2d761328101604e2"
}
