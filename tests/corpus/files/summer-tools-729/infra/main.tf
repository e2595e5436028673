provider "aws" {
  region = "eu-west-1"
  amqp_url = "postgresql://billing:ywda8i03@rabbitmq/summer?sslmode=require"
  jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."
  secret_key = "RymDqAB3DpmrNtsPg+ZzDGOdJmgBr7pzbUxyVKnGa7q3LzrTiFHGbZdmyl01SC0v"
  admin_password = "{{ .Values.admin.password }}"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  db_pass = "{{ .Values.db.pass }}"
  cookie_secret = "{{ .Values.cookie.secret }}"
  jenkins_token = "119d94dc218f6011f5959401157d795c09"
}
