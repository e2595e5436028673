provider "aws" {
  region = "eu-west-1"
  smtp_url = "ssh://api@rabbitmq:22"
  aws_access_key_id = "AKIAGJZRHHHXVX5Q3MYR"
  ldap_bind_password = "EXAMPLE"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  aws_session_token = "IQoJb3JpZ2luX2VjhbduO4oObnuh56bygE0TT3s8S7yIy2ZTvbJ0xd6jt0OXPIJ6I1kdPJ+17F0Fa7QCbIzlTtU1aM45V8xERz5LKbGapwmNqa+bin1Z5nNJd0b+iA0s12Sb/tutvt0geZliR4A7wMoj3oNNw6Xxt4CVYqf5c30hWA4dvQIaP7qyulCQdlDRvHrN5EYd6RAoybb2TV47rcrWrya7BYkPhy/2nm0u+NhKBmK6rIXxhJnMLzFzO1sDi4r/BuI8Sv34IgzA/zrNQgnkb4RzyQuHb0pXORF5eaMjsmVasqk422/NUYWE="
  stripe_secret_key = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"
}
