provider "aws" {
  region = "eu-west-1"
  redis_url = "postgres://etl@pg-primary.prod.svc:5432/app"
  replicate_api_token = "r8_OWgFwVmdftt9DYyhKf5012iPoU6rvDXqS3fx4"
  authorization = "Bearer gRyzirjJ1Okrn9PtTM3ezzF2YIypswv1IZHysTVp"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  admin_password = "RRsu5PIHwci1FdxyWqR"
  dsn = "redis://postgres:6379/0"
  gitlab_token = "glpat-1f7ewtznQ5hZxA0VnszX"
  arn = "arn:aws:iam::794961567562:role/garnet-deploy"
}
