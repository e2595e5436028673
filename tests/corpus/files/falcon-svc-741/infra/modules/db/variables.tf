provider "aws" {
  region = "eu-west-1"
  authorization = "Basic bWFpbGVyOmhYQXVuOEtWVGl5"
  encrypted_data = "AgB0KWbfbQtf/LJ1j2+4icRja6913M/4KzYCDMXAPmaAawL1qf6fxYZ68vVnPrzY1oapbitqNW+QQzRrsJKHpuVdePZcSI7A3J7B49mQHN04NJWxxIm9sWKRn7hm5MHRCHf1lN8wQkZ1y0m4EbeU21CV8NubrbP037y31E/O9mJz4kBemgJz8DeM8arKS5uiCJApRYdf1iQhJ5QhQQU/F03Rkfm9wI8PHZ7F+Mex005ITbS3idV"
  build_sha = "d41f859467f7b737a528f7f0cddb060c"
  authorization = "Bearer LIcXyvvbTXUpxVdGzkdMZNb8u6iMiTCYxQDUDj44"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  encrypted_data = "AgBtq3r1Adz7Wlf9fYcldqCvoK7NI6xEh07HDvVU66SfXzF1tqXpPRVqEYyHMnKFm4RKI65NEFNJSYmef4IzvrWGuuooMoO9IrTxlINrXzpwXltH3RIaVTuRrD83HC5X8EH2COF7/vSNBH1P3mOgY/j+RfejQxbGuznFw22BWfnxJ8dpFWe2ioMy9PMJstVed97RK5OYDn9L+MRs9HExuwgfEWCzevHUyYGX4GPURYSi3Cm4uQl"
  google_client_secret = "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"
}
