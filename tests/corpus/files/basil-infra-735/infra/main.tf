provider "aws" {
  region = "eu-west-1"
  braintree_access_token = "access_token$production$9iuwx24rkhbl66yp$4fb588e4268600c518a41332ddfc87f8"
  vault_token = "hvs.WwM6HS4pH4NuVi9yc5Cua4n-"
  google_client_id = "472417198119-2e8j3almczrk6sf14wqcxxcv5qn74ava.apps.googleusercontent.com"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  digest = "2320fb56c865b96ed600d1c0d9c8ab191d954daf26ba550816ce6840fa33d8ee"
  datasource_url = "nats://analytics:3uOyxp01gxY0Ps9sIkh@db:4222"
  token_type = "Bearer"
}
