provider "aws" {
  region = "eu-west-1"
  azure_storage_connection_string = "DefaultEndpointsProtocol=https;AccountName=stzo8v32vrln;AccountKey=y70qVBBGtCPwYwVszTAjpDcLZcRHrleBpBtbwPySBk6MSnZk032zgqIH1dDtbv8gtpxwIyabhu9MLDWd70aHdw==;EndpointSuffix=core.windows.net"
  jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."
  authorization = "Bearer ${API_TOKEN}"
  encryption_key = "<TOKEN>"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  auth_header = "Bearer fIEpiD-VE4E7XZkCIL7GRn8xKh2cAkT2uS6m90AmjEA"
  keystore_password = "%(ENV_KEYSTORE_PASSWORD)s"
  jdbc_url = "jdbc:mysql://pg-primary.prod.svc:3306/violet?user=grafana&password=qcmod0we&useSSL=true"
}
