provider "aws" {
  region = "eu-west-1"
  signing_key = "HsO12Kqk6s1c5IOvGtxZgh_j0lkwc18P1CQk-lqXBXM"
  aws_session_token = "IQoJb3JpZ2luX2VjXCLUdqa1JO3Dqq7Iecpw3INNG80QdUwLw0UZn2o6KeZYoskgzqG4+gmlLiD1dGb2ABzjB09JW5E3dadzPooV/yl/i7R1CBGHGTePNi9F8OAVhbfsEnmHVC9GlDEiEzEs3uf5sl+7dEhSFvHklW+aJGc5tEpSE7h3VYSUemmOe9IfifhOWGqR5Uv3owovHhtvsU4uvhqd68hKZV8i755exUoiWnYZKuAa1jsRoWbkzIzkDbC3FPgjdjyOncsu1vJFFOaqe5luQec2/ciwZ5IsdAjKok8Q+tDSn1+5FtC23iv/="
  private_token = "changeme"
  datadog_api_key = "08de50908218e1ab960c9662b2187ca5"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  authorization = "Basic <base64(user:password)>"
  google_client_id = "089141579692-d9dk96rq8nnb4uoihd7xawh6aphwvnez.apps.googleusercontent.com"
  env_password = "hch-3vg9-p"
  shared_secret = "ERCd0gUj2Zp64nppZp2OWOIDGSB9gd_2cmC9prJZd0E"
}
