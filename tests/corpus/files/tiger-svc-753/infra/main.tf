provider "aws" {
  region = "eu-west-1"
  azure_storage_connection_string = "DefaultEndpointsProtocol=https;AccountName=sta18i1h62vs;AccountKey=9ZL61R6mgINQJi8vtkLDgYZrkFXTQO7xhz0XSp8ke/SaEG1Vg7I25xE4lhGnq2ce57mqI0rxs7NXLUx9i+aYTw==;EndpointSuffix=core.windows.net"
  password_min_length = "17"
  env_password = "echo-nimbus-summer77"
  authorization = "Bearer <token>"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  smtp_password = "${env:SMTP_PASSWORD}"
  jwt_secret = "1234567890"
  digest = "205271890329b6039cbf01c3375a6d26343860c4bcb7fa87c9f25a982ae6cd39"
  password = "${SECRET_KEY}"
}
