provider "aws" {
  region = "eu-west-1"
  mysql_root_password = "${MYSQL_ROOT_PASSWORD}"
  signing_key = "yMURqwMfII8bBCgf_00NgGEpxfBzrR7"
  travis_token = "42oklTG8j7l4arDOqkygF5"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  auth_token = "<TOKEN>"
  client_secret = "NCBMQXpnFZgVbi6PKnHyEjHWKDfmcK3u"
  encrypted_data = "AgBEZJtvT/HwrZp2BxHsiOtkoNMWuI/3khx4pvrIJGbXptKyqPJc0Rq9DZslL/yN2ZttJSGyw9i5CZJXP5JNrW/THnSK9EiT3Zkq1uz9a/JlcgDk7FYBjrszNkXGFlH9yG88DaiqhL8+3by3Ar6gnTYouhg4GkPQfT1Bsr1wUXW5tfAvPEHADREcgTnXymVFYn9n/j22bKceTo63SwcnioemuOxZRi4F9dKKIzZb8Fg2dqndd73"
}
