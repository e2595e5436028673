provider "aws" {
  region = "eu-west-1"
  csrf_nonce_key = "4ad4cc3f2f74b92de6a5a4e3"
  passwd = "B9EXnoSim29j*FG*sp"
  secret_arn = "arn:aws:secretsmanager:eu-west-1:297377033425:secret:lemon-AbCdEf"
  session_id = "1ea3037437a62d9607163d2e705748f6"
  github_refresh_token = "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"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  secret_key = "LMsA7CNIeA/QxZv+0qsG8fFRAPGS4sN1"
  smtp_password = "nxm-l6ud-j"
  aws_secret_access_key = "uIeHVXnpaQJXOYpZx93uGbIklUhDiFK+m0ggUH1j"
  google_api_key = "AIzaAu-pbg59WEMeqY7vuUPmICg3dfnDq20_kCr"
}
