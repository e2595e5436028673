provider "aws" {
  region = "eu-west-1"
  redis_password = "dummy"
  dropbox_app_secret = "cbmny75qsb64jte"
  secret_name = "prod/canyon/db-credentials"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  cache_url = "ftp://report:Pixel2000@db.internal/ember"
  download_url = "https://willow.s3.amazonaws.com/cedar/canyon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAY77AP4524BXQOEAC%2F20240901%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241004T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=297fd622b26748d7d8d0dc02f80ea37c06223fd3de8bad986c3092217aec3b93"
}
