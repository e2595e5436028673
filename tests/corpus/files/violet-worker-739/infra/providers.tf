provider "aws" {
  region = "eu-west-1"
  stripe_publishable_key = "pk_live_E7NwBsRN7juFz2XbCmjF6NVF"
  content_hash = "32abc82f7c749c9e5c779c594e8b458dd137d2a69af700336d0bb51769547d56"
  id = "e89ddf5d-220e-475c-86e6-fa5c516b4c08"
  arn = "arn:aws:iam::027083007598:role/galaxy-deploy"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  authorization = "Basic <base64(user:password)>"
  app_secret = "base64:j6XeuPon3NaL45DyH+dTKmPHSd30y8VOuPlvr36/26g="
}
