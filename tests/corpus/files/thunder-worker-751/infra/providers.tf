provider "aws" {
  region = "eu-west-1"
  jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5ZDljNjlkOC1kNmFjLTRlMjUtYTU5MC1iN2U5NzM5OGU5ZmEiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjU0MDcyMzUxLCJleHAiOjE2NTQxNTg3NTF9.9k5P2B9CPr9vFjs0HTXVepviw4gJLkHhvQwx--1kAoanqu7YAMrWoNLkidWuWTM75dkHg04UW5UDax5PK57ZLhRPsKz1iQZNF_JdhhsTQ1LUrRBeiIlk4xH7RIeLm4cLOX6omuuWJcztFFFLSbwcygmZa8UJnuQ81721sCOz_PI2oISrIvTD1GQUl1kSFOujAs9SE_hdpaFO_yCdfb9J--nAp05d-H2MZnCpYIDBnwWuThsMu4DJofoEIGO0QMRHGUZcR-sNlaiiA7HAs8CFW-iaQQpSN3I2tt0wBAYUgT6Mx58McaGjabd7FcM6JqPUq--SU7Bk62iYRZIH4UJd_w"
  auth_header = "Bearer {{ token }}"
  google_api_key = "AIzae_5tv5Cmd1vyW_dr1jqatdP7AJOyp0LBuXv"
  app_key = "PbMog7ARitBWQA7hAwm4q3Z4Snl5PNgM"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  image_digest = "031555a51b4097fb95ae605301f52cff8d466f39"
  new_relic_api_key = "NRAK-B1CE6B7CNHNI8H1OINKNBSQ4JFO"
}
