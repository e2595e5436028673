provider "aws" {
  region = "eu-west-1"
  pass = "password"
  repo_url = "https://x-access-token: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@github.com/acme/galaxy.git"
  jenkins_api_token = "110e2505e8cf36e946901cf7c0544e11af"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  youtube_api_key = "AIzaQgmevgzchgLG8UvW12rCIeQ_jrCSYNvikOq"
  github_oauth_token = "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"
}
